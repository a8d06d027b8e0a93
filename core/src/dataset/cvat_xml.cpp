// CVAT for images 1.1 XML (annotations.xml), read for readAnnotationList
// (sdd/dataset/box_annotations.h): each <image>'s boxes, ellipses, polygons, polylines, points
// and masks as boxes (polygons and masks with their outlines), and a <tag> as its class; and
// CVAT for video 1.1, whose <track>s hold those shapes frame by frame.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "dataset/run_length.h"
#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/masks.h"
#include "sdd/util/xml_text.h"

namespace sdd {

namespace {

// The attributes of the XML start tag at `at` (its '<'), values unescaped; `end` gets the
// position after its '>' and `selfClosing` whether it ends "/>". Throws std::runtime_error for
// an unterminated tag or attribute.
std::map<std::string, std::string> tagAttributes(const std::string& s, std::size_t at,
                                                 std::size_t& end, bool& selfClosing) {
  std::map<std::string, std::string> out;
  std::size_t pos = s.find_first_of(" \t\r\n/>", at + 1);
  while (pos < s.size()) {
    pos = s.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string::npos) break;
    if (s[pos] == '>' || s.compare(pos, 2, "/>") == 0) {
      selfClosing = s[pos] == '/';
      end = pos + (selfClosing ? 2 : 1);
      return out;
    }
    const std::size_t eq = s.find('=', pos);
    if (eq == std::string::npos || eq + 1 >= s.size() || (s[eq + 1] != '"' && s[eq + 1] != '\''))
      throw std::runtime_error("an attribute without a quoted value");
    const std::size_t close = s.find(s[eq + 1], eq + 2);
    if (close == std::string::npos) throw std::runtime_error("an unterminated attribute");
    std::string name = s.substr(pos, eq - pos);
    name.erase(name.find_last_not_of(" \t\r\n") + 1);
    out[name] = xmlUnescape(s.substr(eq + 2, close - eq - 2));
    pos = close + 1;
  }
  throw std::runtime_error("an unterminated tag");
}

// A coordinate attribute as a pixel (throws for a missing, malformed or far-off one).
double pixelAttribute(const std::map<std::string, std::string>& a, const char* name) {
  const auto it = a.find(name);
  if (it == a.end()) throw std::runtime_error(std::string("no ") + name);
  std::size_t used = 0;
  const double v = std::stod(it->second, &used);
  if (used != it->second.size() || !(v >= -1e6 && v <= 1e6))
    throw std::runtime_error(std::string("a bad ") + name);
  return v;
}

BoundingBox cornerBox(const std::string& label, double x0, double y0, double x1, double y1) {
  return {label, static_cast<int>(std::lround(std::min(x0, x1))),
          static_cast<int>(std::lround(std::min(y0, y1))),
          static_cast<int>(std::lround(std::max(x0, x1))),
          static_cast<int>(std::lround(std::max(y0, y1)))};
}

// One shape of a CVAT <image>: a box, or (a <tag>) the image's class.
void readCvatShape(const std::string& tag, const std::map<std::string, std::string>& a,
                   ListedImage& im, OutlineBudget& budget) {
  const auto label = a.find("label");
  if (label == a.end()) return;
  if (tag == "tag") {
    if (im.className.empty()) im.className = label->second;
  } else if (tag == "box") {
    im.boxes.push_back(cornerBox(label->second, pixelAttribute(a, "xtl"), pixelAttribute(a, "ytl"),
                                 pixelAttribute(a, "xbr"), pixelAttribute(a, "ybr")));
  } else if (tag == "ellipse") {
    const double cx = pixelAttribute(a, "cx"), cy = pixelAttribute(a, "cy"),
                 rx = pixelAttribute(a, "rx"), ry = pixelAttribute(a, "ry");
    im.boxes.push_back(cornerBox(label->second, cx - rx, cy - ry, cx + rx, cy + ry));
  } else if (tag == "mask") {
    // Its pixels, as runs along the rows of its box; without them, that box.
    const double l = pixelAttribute(a, "left"), t = pixelAttribute(a, "top"),
                 w = pixelAttribute(a, "width"), h = pixelAttribute(a, "height");
    BoundingBox b = cornerBox(label->second, l, t, l + w - 1, t + h - 1);
    const auto rle = a.find("rle");
    if (rle == a.end() || readCvatRunLength(rle->second, l, t, w, h, b, budget))
      im.boxes.push_back(std::move(b));
  } else if (tag == "polygon" || tag == "polyline" || tag == "points") {
    const auto points = a.find("points");  // "x,y;x,y;..."
    if (points == a.end()) throw std::runtime_error("a " + tag + " without points");
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    std::vector<OutlinePoint> polygon;
    std::istringstream in(points->second);
    for (std::string pair; std::getline(in, pair, ';');) {
      const auto comma = pair.find(',');
      if (comma == std::string::npos) throw std::runtime_error("a point that is not x,y");
      const std::map<std::string, std::string> xy = {{"x", pair.substr(0, comma)},
                                                     {"y", pair.substr(comma + 1)}};
      const double x = pixelAttribute(xy, "x"), y = pixelAttribute(xy, "y");
      x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      polygon.push_back({float(x), float(y)});
    }
    if (x1 < x0) throw std::runtime_error("a " + tag + " without points");
    im.boxes.push_back(cornerBox(label->second, x0, y0, x1, y1));
    if (tag == "polygon") im.boxes.back().outline = limitOutline({std::move(polygon)});
  }
}

// The shapes inside the element that starts at `from` and closes at `close` (exclusive), read
// by `read(tag, attributes)`.
template <typename Read>
void forEachShape(const std::string& s, std::size_t from, std::size_t close, Read read) {
  for (std::size_t t = s.find('<', from); t < close; t = s.find('<', t + 1)) {
    if (s[t + 1] == '/' || s[t + 1] == '!' || s[t + 1] == '?') continue;
    const std::size_t nameEnd = s.find_first_of(" \t\r\n/>", t + 1);
    const std::string tag = s.substr(t + 1, nameEnd - t - 1);
    std::size_t shapeEnd = 0;
    bool shapeClosed = false;
    read(tag, tagAttributes(s, t, shapeEnd, shapeClosed));
  }
}

// CVAT for video: each <track label=...> holds its object's shapes, one per frame it is on
// (interpolated ones too; outside="1" where it has left the picture). Frame N is the image
// CVAT exports as frame_N (six digits); every frame of the task (its <size>) is listed, those
// without a shape as images without defects.
std::vector<ListedImage> readCvatTracks(const std::string& s, OutlineBudget& budget) {
  std::map<long, ListedImage> frames;
  auto frame = [&](long n) -> ListedImage& {
    ListedImage& im = frames[n];
    if (im.fileName.empty()) {
      char name[32];
      std::snprintf(name, sizeof name, "frame_%06ld", n);
      im.fileName = name;
    }
    return im;
  };
  const std::size_t meta = s.find("</meta>");
  if (const std::size_t size = s.find("<size>"); size != std::string::npos && size < meta) {
    const long n = std::stol(s.substr(size + 6, s.find('<', size + 6) - size - 6));
    if (n < 0 || n > 1'000'000) throw std::runtime_error("a task size out of range");
    for (long k = 0; k < n; ++k) frame(k);
  }
  for (std::size_t at = s.find("<track "); at != std::string::npos; at = s.find("<track ", at)) {
    std::size_t end = 0;
    bool selfClosing = false;
    const auto track = tagAttributes(s, at, end, selfClosing);
    const auto label = track.find("label");
    if (label == track.end()) throw std::runtime_error("a <track> without a label");
    const std::size_t close = selfClosing ? end : s.find("</track>", end);
    if (close == std::string::npos) throw std::runtime_error("an unclosed <track>");
    forEachShape(s, end, close, [&](const std::string& tag, std::map<std::string, std::string> a) {
      const auto f = a.find("frame");
      if (f == a.end()) return;  // an <attribute> of a shape
      std::size_t used = 0;
      const long n = std::stol(f->second, &used);
      if (used != f->second.size() || n < 0 || n > 1'000'000)
        throw std::runtime_error("a bad frame");
      if (a["outside"] == "1") return;
      a["label"] = label->second;
      readCvatShape(tag, a, frame(n), budget);
    });
    at = close;
  }
  std::vector<ListedImage> out;
  for (auto& [n, im] : frames) out.push_back(std::move(im));
  return out;
}

}  // namespace

bool isCvatXml(const std::string& xml) {
  return xml.find("<annotations>") != std::string::npos &&
         xml.find("<annotation>") == std::string::npos;
}

std::vector<ListedImage> parseCvatXml(const std::string& s, std::string* error) {
  const auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return std::vector<ListedImage>();
  };
  if (!isCvatXml(s)) return fail("not a CVAT for images file (no <annotations> of <image>s)");
  const bool video = s.find("<image ") == std::string::npos;
  if (video && s.find("<track ") == std::string::npos)
    return fail("a CVAT file that lists no images");
  std::vector<ListedImage> images;
  OutlineBudget budget;
  try {
    if (video && (images = readCvatTracks(s, budget)).empty())
      return fail("a CVAT for video file whose tracks mark no frame");
    for (std::size_t at = s.find("<image "); at != std::string::npos; at = s.find("<image ", at)) {
      std::size_t end = 0;
      bool selfClosing = false;
      const auto attributes = tagAttributes(s, at, end, selfClosing);
      const auto name = attributes.find("name");
      if (name == attributes.end() || name->second.empty())
        throw std::runtime_error("an <image> without a name");
      ListedImage im;
      im.fileName = name->second;
      const std::size_t close = selfClosing ? end : s.find("</image>", end);
      if (close == std::string::npos) throw std::runtime_error("an unclosed <image>");
      forEachShape(s, end, close,
                   [&](const std::string& tag, const std::map<std::string, std::string>& a) {
                     readCvatShape(tag, a, im, budget);
                   });
      images.push_back(std::move(im));
      at = close;
    }
  } catch (const std::exception& e) {  // ours, and std::stod's
    return fail(std::string("malformed CVAT file (") + e.what() + ")");
  }
  return images;
}

}  // namespace sdd
