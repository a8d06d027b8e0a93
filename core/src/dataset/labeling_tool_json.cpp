#include "dataset/labeling_tool_json.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "dataset/folder_names.h"
#include "dataset/run_length.h"
#include "imaging/image_header.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/base64.h"
#include "sdd/util/json.h"

namespace sdd {
namespace {

// The box around points [[x, y], ...] in pixels (a circle is its centre and a point on it);
// false for points that are not numbers or lie beyond a million pixels.
bool boxAround(std::vector<std::pair<double, double>> points, bool circle, BoundingBox& b) {
  if (points.empty()) return false;
  if (circle && points.size() >= 2) {
    const auto [cx, cy] = points[0];
    const double r = std::hypot(points[1].first - cx, points[1].second - cy);
    points = {{cx - r, cy - r}, {cx + r, cy + r}};
  }
  double x0 = points[0].first, y0 = points[0].second, x1 = x0, y1 = y0;
  for (const auto& [x, y] : points) {
    if (!(x >= -1e6 && x <= 1e6 && y >= -1e6 && y <= 1e6)) return false;
    x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  }
  b.xmin = static_cast<int>(std::lround(x0));
  b.ymin = static_cast<int>(std::lround(y0));
  b.xmax = static_cast<int>(std::lround(x1));
  b.ymax = static_cast<int>(std::lround(y1));
  return true;
}

// A polygon's points as the box's outline (a polygon of fewer than three points has none).
void setPolygon(BoundingBox& b, const std::vector<std::pair<double, double>>& points) {
  std::vector<OutlinePoint> polygon;
  for (const auto& [x, y] : points) polygon.push_back({float(x), float(y)});
  b.outline = limitOutline({std::move(polygon)});
}

// [[x, y], ...] scaled by (sx, sy); throws nlohmann's exceptions for another shape.
std::vector<std::pair<double, double>> pointList(const nlohmann::json& points, double sx = 1,
                                                 double sy = 1) {
  std::vector<std::pair<double, double>> out;
  for (const auto& p : points.get_ref<const nlohmann::json::array_t&>())
    out.emplace_back(p.at(0).get<double>() * sx, p.at(1).get<double>() * sy);
  return out;
}

// The bytes of a zlib (or gzip) stream, at most `limit` of them; false when it is none.
bool inflateStream(const std::string& packed, std::size_t limit, std::vector<std::uint8_t>& out) {
  z_stream z{};
  if (inflateInit2(&z, MAX_WBITS + 32) != Z_OK) return false;  // + 32: either header
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(packed.size(), UINT32_MAX));
  out.clear();
  int rc = Z_OK;
  while (rc == Z_OK && out.size() < limit) {
    const std::size_t have = out.size();
    out.resize(std::min(limit, std::max<std::size_t>(4096, have * 2)));
    z.next_out = out.data() + have;
    z.avail_out = static_cast<uInt>(out.size() - have);
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(out.size() - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END;
}

// The box and outline of the pixels a Supervisely bitmap object covers; false for an empty
// one: its "data" is a PNG, compressed with zlib and written in base64, whose top left corner
// lies at "origin" [x, y] of the image; the PNG's non-zero pixels are the object. The PNG
// decodes through decodeImage, so a crafted one meets the same size limits as an image file;
// past the file's `budget`, it is not decoded and its extent is the box.
bool readBitmap(const nlohmann::json& bitmap, BoundingBox& b, OutlineBudget& budget) {
  const std::optional<std::string> packed =
      decodeBase64(bitmap.at("data").get_ref<const std::string&>());
  std::vector<std::uint8_t> png;
  // 64 MB: a PNG file that large is no mask a labeling tool wrote, and a small JSON file may
  // not inflate into gigabytes.
  if (!packed || !inflateStream(*packed, 64 << 20, png))
    throw std::out_of_range("a bitmap's data is not zlib-compressed base64");
  const double x = bitmap.at("origin").at(0).get<double>(),
               y = bitmap.at("origin").at(1).get<double>();
  if (std::uint64_t w = 0, h = 0; header::sniff(png) == header::Format::Png &&
                                  header::declaredSize(png, header::Format::Png, w, h) &&
                                  w * h <= kMaxDecodedPixels &&
                                  !budget.take(w * h)) {  // larger: decodeImage names the size rule
    if (w == 0 || h == 0) return false;
    if (!boxAround({{x, y}, {x + double(w) - 1, y + double(h) - 1}}, false, b))
      throw std::out_of_range("a bitmap's origin out of range");
    return true;
  }
  const DecodedImage decoded = decodeImage(png);
  if (!decoded.ok()) throw std::out_of_range("a bitmap's image: " + decoded.error);
  cv::Mat covered = cv::Mat::zeros(decoded.image.size(), CV_8U);
  for (int c = 0; c < decoded.image.channels(); ++c) {
    cv::Mat channel;
    cv::extractChannel(decoded.image, channel, c);
    covered |= channel != 0;
  }
  std::vector<cv::Point> points;
  cv::findNonZero(covered, points);
  if (points.empty()) return false;
  const cv::Rect r = cv::boundingRect(points);
  if (!boxAround({{x + r.x, y + r.y}, {x + r.x + r.width - 1, y + r.y + r.height - 1}}, false, b))
    throw std::out_of_range("a bitmap's origin out of range");
  b.outline = maskOutline(covered, {x, y});
  return true;
}

std::string forwardSlashes(std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  return path;
}

// A Label Studio image reference as a file name: local storage's "?d=" path, %-escapes decoded.
std::string labelStudioFileName(std::string ref) {
  const auto d = ref.find("?d=");
  if (d != std::string::npos) ref = ref.substr(d + 3);
  std::string out;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    if (ref[i] == '%' && i + 2 < ref.size() &&
        std::isxdigit(static_cast<unsigned char>(ref[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(ref[i + 2]))) {
      out += static_cast<char>(std::stoi(ref.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += ref[i];
    }
  }
  return forwardSlashes(out);
}

// One Label Studio result (or JSON-MIN region): a box, or the image's class.
void readLabelStudioRegion(const nlohmann::json& region, ListedImage& im) {
  const nlohmann::json& value = region.contains("value") ? region["value"] : region;
  if (!value.is_object()) return;
  if (value.contains("choices") && value["choices"].is_array() && !value["choices"].empty()) {
    if (im.className.empty()) im.className = value["choices"][0].get<std::string>();
    return;
  }
  for (const char* kind : {"rectanglelabels", "polygonlabels"}) {
    if (!value.contains(kind) || !value[kind].is_array() || value[kind].empty()) continue;
    // Coordinates are percent of the image's size, which each region carries.
    const double w = region.at("original_width").get<double>() / 100.0,
                 h = region.at("original_height").get<double>() / 100.0;
    BoundingBox b;
    b.name = value[kind][0].get<std::string>();
    std::vector<std::pair<double, double>> points;
    if (kind[0] == 'r') {
      const double x = value.at("x").get<double>(), y = value.at("y").get<double>();
      points = {
          {x * w, y * h},
          {(x + value.at("width").get<double>()) * w, (y + value.at("height").get<double>()) * h}};
    } else {
      points = pointList(value.at("points"), w, h);
      setPolygon(b, points);
    }
    if (!boxAround(points, false, b)) throw std::out_of_range("a region out of range");
    im.boxes.push_back(b);
  }
}

}  // namespace

nlohmann::json outlineToJson(const std::vector<std::vector<OutlinePoint>>& outline) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& polygon : outline) {
    nlohmann::json& flat = out.emplace_back(nlohmann::json::array());
    for (const OutlinePoint& p : polygon) flat.push_back(p.x), flat.push_back(p.y);
  }
  return out;
}

std::vector<std::vector<OutlinePoint>> outlineFromJson(const nlohmann::json& polygons) {
  std::vector<std::vector<OutlinePoint>> out;
  for (const auto& flat : polygons.get_ref<const nlohmann::json::array_t&>()) {
    auto& polygon = out.emplace_back();
    for (std::size_t k = 0; k + 1 < flat.size(); k += 2)
      polygon.push_back({flat.at(k).get<float>(), flat.at(k + 1).get<float>()});
  }
  return limitOutline(std::move(out));
}

// LabelMe / X-AnyLabeling: one image per file.
ListedImage parseLabelMe(const nlohmann::json& j) {
  ListedImage im;
  if (j.contains("imagePath") && j["imagePath"].is_string())
    im.fileName = forwardSlashes(j["imagePath"].get<std::string>());
  im.embedded = j.contains("imageData") && j["imageData"].is_string() &&
                !j["imageData"].get_ref<const std::string&>().empty();
  for (const auto& shape : j.at("shapes").get_ref<const nlohmann::json::array_t&>()) {
    BoundingBox b;
    b.name = shape.at("label").get<std::string>();
    const std::string type = shape.value("shape_type", std::string("polygon"));
    const auto points = pointList(shape.at("points"));
    if (!boxAround(points, type == "circle", b))
      throw std::out_of_range("a shape's points out of range");
    if (type == "polygon") setPolygon(b, points);
    im.boxes.push_back(b);
  }
  if (j.contains("flags") && j["flags"].is_object())
    for (const auto& [flag, set] : j["flags"].items())
      if (set.is_boolean() && set.get<bool>() && im.className.empty()) im.className = flag;
  return im;
}

// Label Studio's JSON export (tasks with "data" and "annotations", or "completions" before
// 1.0) and JSON-MIN (flat objects: the image path, regions and a choice under the labeling
// config's names).
std::vector<ListedImage> parseLabelStudio(const nlohmann::json& tasks) {
  std::vector<ListedImage> out;
  for (const auto& task : tasks.get_ref<const nlohmann::json::array_t&>()) {
    ListedImage im;
    const nlohmann::json& data = task.contains("data") ? task.at("data") : task;
    for (const auto& [key, v] : data.items())  // "image", or whatever the config names it
      if (v.is_string() &&
          (key == "image" ||
           (im.fileName.empty() && isImageExtension(labelStudioFileName(v.get<std::string>())))))
        im.fileName = labelStudioFileName(v.get<std::string>());
    if (im.fileName.empty()) throw std::out_of_range("a task without an image");
    if (task.contains("data")) {
      const char* key = task.contains("annotations") ? "annotations" : "completions";
      for (const auto& a : task.contains(key) ? task[key] : nlohmann::json::array()) {
        if (a.value("was_cancelled", false)) continue;
        for (const auto& r : a.at("result")) readLabelStudioRegion(r, im);
        break;  // the first annotation that was not cancelled
      }
    } else {
      for (const auto& [key, v] : task.items()) {
        if (v.is_array())
          for (const auto& r : v)
            if (r.is_object()) readLabelStudioRegion(r, im);
        if (v.is_object()) readLabelStudioRegion(v, im);  // {"choices": [...]}
        if (key == "choice" && v.is_string() && im.className.empty()) im.className = v;
      }
    }
    out.push_back(std::move(im));
  }
  return out;
}

std::vector<ListedImage> parseCreateMl(const nlohmann::json& images) {
  std::vector<ListedImage> out;
  for (const auto& entry : images.get_ref<const nlohmann::json::array_t&>()) {
    ListedImage im;
    im.fileName = forwardSlashes(entry.at("image").get<std::string>());
    for (const auto& a : entry.at("annotations").get_ref<const nlohmann::json::array_t&>()) {
      const nlohmann::json& at = a.at("coordinates");
      const double x = at.at("x").get<double>(), y = at.at("y").get<double>(),
                   w = at.at("width").get<double>() / 2, h = at.at("height").get<double>() / 2;
      BoundingBox b;
      b.name = a.at("label").get<std::string>();
      if (!boxAround({{x - w, y - h}, {x + w, y + h}}, false, b))
        throw std::out_of_range("coordinates out of range");
      im.boxes.push_back(b);
    }
    out.push_back(std::move(im));
  }
  return out;
}

std::vector<ListedImage> parseBoxRecords(const nlohmann::json& records) {
  std::vector<ListedImage> out;
  std::map<std::string, std::size_t> index;  // of each image in `out`
  // The first field of `names` a record has as text or a whole number ("" when none).
  auto field = [](const nlohmann::json& record, std::initializer_list<const char*> names) {
    for (const char* name : names)
      if (const auto it = record.find(name); it != record.end()) {
        if (it->is_string()) return it->get<std::string>();
        if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
      }
    return std::string();
  };
  for (const auto& record : records.get_ref<const nlohmann::json::array_t&>()) {
    const std::string file = forwardSlashes(field(record, {"name", "file_name", "filename"}));
    if (file.empty()) throw std::out_of_range("a record without its image's name");
    const auto [at, added] = index.emplace(file, out.size());
    if (added) out.push_back({file, {}, {}});
    if (!record.contains("bbox")) continue;
    const auto& v = record.at("bbox").get_ref<const nlohmann::json::array_t&>();
    if (v.size() != 4) throw std::out_of_range("a bbox that is not [xmin, ymin, xmax, ymax]");
    BoundingBox b;
    b.name = field(record, {"defect_name", "category_name", "category", "label", "class"});
    if (b.name.empty()) throw std::out_of_range("a box without its class");
    if (!boxAround(
            {{v[0].get<double>(), v[1].get<double>()}, {v[2].get<double>(), v[3].get<double>()}},
            false, b))
      throw std::out_of_range("a bbox out of range");
    out[at->second].boxes.push_back(b);
  }
  return out;
}

ListedImage parseSupervisely(const nlohmann::json& j) {
  ListedImage im;
  OutlineBudget budget;
  for (const auto& o : j.at("objects").get_ref<const nlohmann::json::array_t&>()) {
    BoundingBox b;
    b.name = o.at("classTitle").get<std::string>();
    if (o.contains("bitmap")) {
      if (!readBitmap(o["bitmap"], b, budget)) continue;  // an empty bitmap
    } else if (o.contains("points")) {
      // A polygon's holes ("interior") are left filled: the defect is inside its exterior.
      const auto points = pointList(o["points"].at("exterior"));
      if (points.empty()) continue;
      if (!boxAround(points, false, b)) throw std::out_of_range("an object's points out of range");
      if (o.value("geometryType", std::string()) == "polygon") setPolygon(b, points);
    } else {
      continue;  // a graph of key points
    }
    im.boxes.push_back(b);
  }
  // Tags named train / val mark a split in many projects, not a class.
  for (const auto& tag : j.value("tags", nlohmann::json::array())) {
    const std::string name = tag.is_object() ? tag.value("name", std::string()) : std::string();
    if (Split split; im.className.empty() && !name.empty() && !splitFromName(name, split))
      im.className = name;
  }
  return im;
}

std::vector<ListedImage> parseDatumaro(const nlohmann::json& j) {
  std::vector<std::string> labels;
  for (const auto& l : j.at("categories").at("label").at("labels"))
    labels.push_back(l.at("name").get<std::string>());
  auto labelName = [&](const nlohmann::json& a) {
    return labels.at(static_cast<std::size_t>(jsonInteger(a.at("label_id"), 0, 1'000'000)));
  };
  std::vector<ListedImage> out;
  OutlineBudget budget;
  for (const auto& item : j.at("items").get_ref<const nlohmann::json::array_t&>()) {
    ListedImage im;
    // The image's path when the export saved images, else its id (the file's stem).
    im.fileName = forwardSlashes(item.contains("image") && item["image"].contains("path")
                                     ? item["image"]["path"].get<std::string>()
                                     : item.at("id").get<std::string>());
    for (const auto& a : item.value("annotations", nlohmann::json::array())) {
      const std::string type = a.at("type").get<std::string>();
      if (type == "label") {
        if (im.className.empty()) im.className = labelName(a);
        continue;
      }
      BoundingBox b;
      std::vector<std::pair<double, double>> points;
      if (type == "bbox") {
        const auto& v = a.at("bbox");
        points = {{v.at(0).get<double>(), v.at(1).get<double>()},
                  {v.at(0).get<double>() + v.at(2).get<double>(),
                   v.at(1).get<double>() + v.at(3).get<double>()}};
      } else if (type == "polygon" || type == "polyline" || type == "points") {
        const auto& v = a.at("points");
        for (std::size_t k = 0; k + 1 < v.size(); k += 2)
          points.emplace_back(v[k].get<double>(), v[k + 1].get<double>());
        if (type == "polygon") setPolygon(b, points);
      } else if (type == "mask" && a.contains("rle") && readRunLength(a["rle"], b, budget)) {
        points = {{b.xmin, b.ymin}, {b.xmax, b.ymax}};
      }
      if (points.empty() || !a.contains("label_id")) continue;  // an empty mask, a caption
      b.name = labelName(a);
      if (!boxAround(points, false, b)) throw std::out_of_range("an annotation out of range");
      im.boxes.push_back(b);
    }
    out.push_back(std::move(im));
  }
  return out;
}

}  // namespace sdd
