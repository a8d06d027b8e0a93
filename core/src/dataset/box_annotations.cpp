#include "sdd/dataset/box_annotations.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "dataset/labeling_tool_json.h"
#include "dataset/run_length.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/ascii.h"
#include "sdd/util/json.h"
#include "sdd/util/xml_text.h"

namespace fs = std::filesystem;

namespace sdd {
namespace {

std::string textBetween(const std::string& s, const std::string& tag, std::size_t from,
                        std::size_t to) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const auto a = s.find(open, from);
  if (a == std::string::npos || a >= to) return {};
  const auto b = s.find(close, a);
  if (b == std::string::npos || b > to) return {};
  return asciiTrim(s.substr(a + open.size(), b - a - open.size()));
}

// Reads `file` and hands its text to `parse`; "cannot open <what>" when it cannot be read.
template <typename Parse>
auto parseFile(const fs::path& file, const char* what, std::string* error, Parse parse) {
  std::string text, tooLarge;
  if (!readAnnotationText(file, text, std::string::npos, &tooLarge)) {
    if (error) *error = tooLarge.empty() ? std::string("cannot open ") + what : tooLarge;
    return decltype(parse(text))();
  }
  return parse(text);
}

// A YAML scalar as data.yaml files write names: bare, 'single' or "double" quoted.
std::string unquoted(std::string s) {
  s = asciiTrim(s);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
    return s.substr(1, s.size() - 2);
  return s;
}

// The line without a YAML comment (a '#' outside quotes, after white space or at the start).
std::string withoutComment(const std::string& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

// Items of an inline list "[a, 'b c', "d"]" (commas inside quotes kept).
std::vector<std::string> inlineList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  char quote = 0;
  for (char c : text) {
    if (quote) {
      item += c;
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      item += c;
      quote = c;
    } else if (c == ',' || c == ']') {
      if (!asciiTrim(item).empty()) out.push_back(unquoted(item));
      item.clear();
      if (c == ']') break;
    } else if (c != '[') {
      item += c;
    }
  }
  if (!asciiTrim(item).empty()) out.push_back(unquoted(item));
  return out;
}

}  // namespace

bool readAnnotationText(const fs::path& file, std::string& text, std::size_t maxBytes,
                        std::string* tooLarge) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  if (maxBytes == std::string::npos) {
    if (std::string why = tooLargeToRead(file); !why.empty()) {
      if (tooLarge) *tooLarge = std::move(why);
      return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  } else {
    text.assign(maxBytes, '\0');
    in.read(text.data(), static_cast<std::streamsize>(maxBytes));
    text.resize(static_cast<std::size_t>(in.gcount()));
  }
  return true;
}

std::vector<BoundingBox> readVocBoxes(const fs::path& xmlFile, std::string* error,
                                      std::pair<int, int>* statedSize) {
  return parseFile(xmlFile, "annotation", error,
                   [&](const std::string& text) { return parseVocBoxes(text, error, statedSize); });
}

std::vector<BoundingBox> parseVocBoxes(const std::string& s, std::string* error,
                                       std::pair<int, int>* statedSize) {
  if (statedSize) {
    *statedSize = {0, 0};
    const auto at = s.find("<size>"), end = s.find("</size>");
    if (at != std::string::npos && end != std::string::npos && at < end) {
      const std::string w = textBetween(s, "width", at, end), h = textBetween(s, "height", at, end);
      if (!w.empty() && !h.empty() && w.size() < 9 && h.size() < 9 &&
          std::all_of(w.begin(), w.end(), ::isdigit) && std::all_of(h.begin(), h.end(), ::isdigit))
        *statedSize = {std::stoi(w), std::stoi(h)};
    }
  }
  std::vector<BoundingBox> boxes;
  std::size_t pos = 0;
  while (true) {
    const auto a = s.find("<object>", pos);
    if (a == std::string::npos) break;
    const auto b = s.find("</object>", a);
    if (b == std::string::npos) {
      if (error) *error = "malformed annotation (unclosed <object>)";
      return {};
    }
    BoundingBox box;
    box.name = xmlUnescape(textBetween(s, "name", a, b));
    // A pixel coordinate; converting 4e20 or nan to int would be undefined (found by fuzz_voc).
    auto coordinate = [&](const char* tag) {
      const double v = std::stod(textBetween(s, tag, a, b));
      if (!(v >= -1e6 && v <= 1e6)) throw std::out_of_range(tag);
      return static_cast<int>(v);
    };
    try {
      box.xmin = coordinate("xmin");
      box.ymin = coordinate("ymin");
      box.xmax = coordinate("xmax");
      box.ymax = coordinate("ymax");
    } catch (const std::exception&) {
      if (error) *error = "malformed annotation (bad <bndbox> coordinates)";
      return {};
    }
    boxes.push_back(box);
    pos = b;
  }
  return boxes;
}

void turnBoxes(std::vector<BoundingBox>& boxes, int orientation, int width, int height) {
  if (orientation < 2 || orientation > 8) return;
  const double w = width - 1, h = height - 1;  // the last pixel's coordinate
  auto turn = [&](double x, double y) -> std::pair<double, double> {
    switch (orientation) {
      case 2:  // mirrored left to right
        return {w - x, y};
      case 3:  // half a turn
        return {w - x, h - y};
      case 4:  // mirrored top to bottom
        return {x, h - y};
      case 5:  // mirrored along the diagonal
        return {y, x};
      case 6:  // a quarter turn clockwise
        return {h - y, x};
      case 7:  // mirrored along the other diagonal
        return {h - y, w - x};
      default:  // 8: a quarter turn anticlockwise
        return {y, w - x};
    }
  };
  for (BoundingBox& b : boxes) {
    const auto [x0, y0] = turn(b.xmin, b.ymin);
    const auto [x1, y1] = turn(b.xmax, b.ymax);
    b.xmin = static_cast<int>(std::lround(std::min(x0, x1)));
    b.xmax = static_cast<int>(std::lround(std::max(x0, x1)));
    b.ymin = static_cast<int>(std::lround(std::min(y0, y1)));
    b.ymax = static_cast<int>(std::lround(std::max(y0, y1)));
    for (auto& polygon : b.outline)
      for (OutlinePoint& p : polygon) {
        const auto [x, y] = turn(p.x, p.y);
        p = {float(x), float(y)};
      }
  }
}

std::vector<ListedImage> parseCocoBoxes(const std::string& text, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = "not a COCO detection file (" + why + ")";
    return std::vector<ListedImage>();
  };
  nlohmann::json j;
  try {
    j = parseJson(text);
  } catch (const JsonError& e) {
    return fail(e.what());
  }
  if (!j.is_object() || !j.contains("images") || !j["images"].is_array() ||
      !j.contains("annotations") || !j["annotations"].is_array())
    return fail("no \"images\" and \"annotations\" arrays");
  // An id: a whole number (1e40 or 3.5 as an id is the file's error, not undefined behaviour;
  // found by fuzz_voc). Doubles hold every whole number up to 2^53 exactly.
  const auto id = [](const nlohmann::json& v, const char* what) -> std::int64_t {
    try {
      return jsonInteger(v, -(1LL << 53), 1LL << 53);
    } catch (const JsonError& e) {
      throw std::invalid_argument(std::string(what) + ": " + e.what());
    }
  };
  try {
    std::map<std::int64_t, std::string> categories;
    if (j.contains("categories") && j["categories"].is_array())
      for (const auto& c : j["categories"])
        categories[id(c.at("id"), "a category id")] = c.at("name").get<std::string>();
    std::vector<ListedImage> images;
    std::map<std::int64_t, std::size_t> byId;
    OutlineBudget budget;
    for (const auto& im : j["images"]) {
      byId[id(im.at("id"), "an image id")] = images.size();
      images.push_back({im.at("file_name").get<std::string>(), {}, {}});
    }
    for (const auto& a : j["annotations"]) {
      const auto image = byId.find(id(a.at("image_id"), "an image_id"));
      const auto category = categories.find(id(a.at("category_id"), "a category_id"));
      if (image == byId.end()) return fail("an annotation of an image it does not list");
      if (category == categories.end()) return fail("an annotation of an unlisted category");
      const auto& bbox = a.at("bbox");
      if (!bbox.is_array() || bbox.size() != 4) return fail("a bbox that is not [x, y, w, h]");
      double v[4];
      for (int k = 0; k < 4; ++k) {
        v[k] = bbox[std::size_t(k)].get<double>();
        if (!(v[k] >= -1e6 && v[k] <= 1e6)) return fail("a bbox value out of range");
      }
      if (v[2] < 0 || v[3] < 0) return fail("a bbox of negative size");
      BoundingBox b;
      b.name = category->second;
      b.xmin = static_cast<int>(std::lround(v[0]));
      b.ymin = static_cast<int>(std::lround(v[1]));
      b.xmax = static_cast<int>(std::lround(v[0] + v[2]));
      b.ymax = static_cast<int>(std::lround(v[1] + v[3]));
      // The object's pixels: polygons [[x, y, x, y, …], …], or a run-length mask (crowds).
      const auto seg = a.find("segmentation");
      if (seg != a.end() && seg->is_array()) b.outline = outlineFromJson(*seg);
      if (BoundingBox m; seg != a.end() && seg->is_object() && readRunLength(*seg, m, budget))
        b.outline = std::move(m.outline);
      images[image->second].boxes.push_back(b);
    }
    return images;
  } catch (const nlohmann::json::exception& e) {
    return fail(std::string("a field missing or of the wrong type: ") + e.what());
  } catch (const std::out_of_range& e) {  // readRunLength's
    return fail(std::string("a segmentation mask: ") + e.what());
  } catch (const JsonError& e) {  // readRunLength's size or count, not a whole number in range
    return fail(std::string("a segmentation mask: ") + e.what());
  } catch (const std::invalid_argument& e) {  // an id
    return fail(e.what());
  }
}

const char* toString(AnnotationListFormat format) {
  switch (format) {
    case AnnotationListFormat::Coco:
      return "COCO";
    case AnnotationListFormat::LabelMe:
      return "LabelMe";
    case AnnotationListFormat::LabelStudio:
      return "Label Studio";
    case AnnotationListFormat::Cvat:
      return "CVAT";
    case AnnotationListFormat::CreateMl:
      return "CreateML";
    case AnnotationListFormat::Supervisely:
      return "Supervisely";
    case AnnotationListFormat::Datumaro:
      return "Datumaro";
    case AnnotationListFormat::BoxRecords:
      return "box records";
  }
  return "?";
}

std::vector<ListedImage> parseAnnotationJson(const std::string& text, std::string* error,
                                             AnnotationListFormat* format) {
  nlohmann::json j;
  try {
    j = parseJson(text);
  } catch (const JsonError& e) {
    if (error) *error = std::string("not an annotation file (") + e.what() + ")";
    return {};
  }
  if (j.is_object() && j.contains("images") && j.contains("annotations")) {
    if (format) *format = AnnotationListFormat::Coco;
    return parseCocoBoxes(text, error);
  }
  // Supervisely's project file (meta.json: the classes' shapes and colours) lists no image.
  if (j.is_object() && j.contains("classes") && j["classes"].is_array() &&
      (j.contains("tags") || j.contains("projectType"))) {
    if (format) *format = AnnotationListFormat::Supervisely;
    return {};
  }
  AnnotationListFormat kind = AnnotationListFormat::LabelStudio;
  if (j.is_object() && j.contains("shapes") && j["shapes"].is_array()) {
    kind = AnnotationListFormat::LabelMe;
  } else if (j.is_object() && j.contains("objects") && j["objects"].is_array() &&
             j.contains("size")) {
    kind = AnnotationListFormat::Supervisely;
  } else if (j.is_object() && j.contains("items") && j["items"].is_array() &&
             j.contains("categories")) {
    kind = AnnotationListFormat::Datumaro;
  } else if (j.is_array() && !j.empty() && j[0].is_object()) {
    // A Label Studio task keeps its image under "data"; JSON-MIN names no "annotations".
    if (j[0].contains("image") && j[0].contains("annotations") && j[0]["annotations"].is_array())
      kind = AnnotationListFormat::CreateMl;
    else if (j[0].contains("bbox") && !j[0].contains("data"))
      kind = AnnotationListFormat::BoxRecords;
  } else {
    if (error)
      *error =
          "not an annotation file (no COCO \"images\" and \"annotations\", no LabelMe "
          "\"shapes\", no Supervisely \"objects\", no Datumaro \"items\", no Label Studio "
          "tasks)";
    return {};
  }
  if (format) *format = kind;
  try {
    switch (kind) {
      case AnnotationListFormat::LabelMe:
        return {parseLabelMe(j)};
      case AnnotationListFormat::Supervisely:
        return {parseSupervisely(j)};
      case AnnotationListFormat::CreateMl:
        return parseCreateMl(j);
      case AnnotationListFormat::Datumaro:
        return parseDatumaro(j);
      case AnnotationListFormat::BoxRecords:
        return parseBoxRecords(j);
      default:
        return parseLabelStudio(j);
    }
  } catch (const std::exception& e) {  // nlohmann's type and range errors, ours
    if (error)
      *error = std::string("malformed ") + toString(kind) +
               " file (a field missing, of the wrong type or out of range: " + e.what() + ")";
    return {};
  }
}

std::vector<ListedImage> readAnnotationList(const fs::path& file, std::string* error,
                                            AnnotationListFormat* format) {
  const bool xml = asciiLower(file.extension().string()) == ".xml";
  if (xml && format) *format = AnnotationListFormat::Cvat;
  auto images = parseFile(file, "annotation", error, [&](const std::string& text) {
    return xml ? parseCvatXml(text, error) : parseAnnotationJson(text, error, format);
  });
  // A LabelMe file without an image path is named after its image.
  for (ListedImage& im : images)
    if (im.fileName.empty()) im.fileName = file.stem().string();
  return images;
}

std::vector<std::string> parseYoloNames(const std::string& text, bool yaml) {
  std::vector<std::string> names;
  std::istringstream in(text);
  std::string line;
  if (!yaml) {
    while (std::getline(in, line))
      if (!asciiTrim(line).empty()) names.push_back(asciiTrim(line));
    return names;
  }
  bool inNames = false;
  std::vector<std::pair<long, std::string>> numbered;
  while (std::getline(in, line)) {
    line = withoutComment(line);
    if (asciiTrim(line).empty()) continue;
    const bool indented = line[0] == ' ' || line[0] == '\t' || line[0] == '-';
    if (!indented) {
      inNames = line.rfind("names:", 0) == 0;
      if (inNames) {
        const std::string rest = asciiTrim(line.substr(6));
        if (!rest.empty()) return rest[0] == '[' ? inlineList(rest) : names;
      }
      continue;
    }
    if (!inNames) continue;
    const std::string item = asciiTrim(line);
    if (item[0] == '-') {
      names.push_back(unquoted(item.substr(1)));
    } else if (const auto colon = item.find(':'); colon != std::string::npos) {
      try {  // "0: crazing"
        numbered.emplace_back(std::stol(item.substr(0, colon)), unquoted(item.substr(colon + 1)));
      } catch (const std::exception&) {
      }
    }
  }
  if (!numbered.empty()) {
    std::sort(numbered.begin(), numbered.end());
    for (const auto& [id, name] : numbered)
      if (id == long(names.size())) names.push_back(name);
  }
  return names;
}

YoloNames findYoloNames(const fs::path& root) {
  for (const char* name : {"data.yaml", "dataset.yaml", "data.yml", "classes.txt", "obj.names"}) {
    std::string text;
    std::error_code ec;
    if (!fs::is_regular_file(root / name, ec) || !readAnnotationText(root / name, text)) continue;
    const std::string n = name;
    YoloNames found{parseYoloNames(text, n.find(".y") != std::string::npos), root / name};
    if (!found.names.empty()) return found;
  }
  return {};
}

fs::path yoloLabelFile(const fs::path& image) {
  std::vector<fs::path> parts(image.begin(), image.end());
  for (std::size_t i = parts.size(); i-- > 1;) {  // the last "images" folder, not the file
    if (i + 1 == parts.size() || parts[i] != "images") continue;
    parts[i] = "labels";
    fs::path out;
    for (const fs::path& p : parts) out /= p;
    return out.replace_extension(".txt");
  }
  return fs::path(image).replace_extension(".txt");  // Darknet's rule: beside the image
}

std::vector<BoundingBox> parseYoloBoxes(const std::string& text, int width, int height,
                                        const std::vector<std::string>& names, std::string* error) {
  std::vector<BoundingBox> boxes;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (asciiTrim(line).empty()) continue;
    std::istringstream fields(line);
    double id = 0, cx = 0, cy = 0, w = 0, h = 0;
    // Segmentation labels ("class x1 y1 x2 y2 …") have more numbers: their bounding box.
    std::vector<double> v;
    for (double x; fields >> x;) v.push_back(x);
    if (!fields.eof() || v.size() < 5 || (v.size() > 5 && v.size() % 2 == 0)) {
      if (error) *error = "malformed YOLO label (line " + std::to_string(number) + ")";
      return {};
    }
    id = v[0];
    std::vector<OutlinePoint> polygon;
    if (v.size() == 5) {
      cx = v[1], cy = v[2], w = v[3], h = v[4];
    } else {
      double x0 = 1, y0 = 1, x1 = 0, y1 = 0;
      for (std::size_t k = 1; k + 1 < v.size(); k += 2) {
        x0 = std::min(x0, v[k]), x1 = std::max(x1, v[k]);
        y0 = std::min(y0, v[k + 1]), y1 = std::max(y1, v[k + 1]);
        polygon.push_back({float(std::clamp(v[k], 0.0, 1.0) * width),
                           float(std::clamp(v[k + 1], 0.0, 1.0) * height)});
      }
      cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, w = x1 - x0, h = y1 - y0;
    }
    const bool finite = std::isfinite(cx) && std::isfinite(cy) && std::isfinite(w) &&
                        std::isfinite(h) && std::abs(cx) < 1e3 && std::abs(cy) < 1e3 && w >= 0 &&
                        h >= 0 && w < 1e3 && h < 1e3;
    if (!finite || id < 0 || id != std::floor(id) || id >= double(names.size())) {
      if (error)
        *error = !finite ? "malformed YOLO label (line " + std::to_string(number) + ")"
                         : "YOLO label with class " + asciiTrim(line.substr(0, line.find(' '))) +
                               " on line " + std::to_string(number) + ", not one of the " +
                               std::to_string(names.size()) + " names";
      return {};
    }
    auto px = [](double f, int size) {
      return static_cast<int>(std::lround(std::clamp(f, 0.0, 1.0) * size));
    };
    BoundingBox b;
    b.name = names[std::size_t(id)];
    b.xmin = px(cx - w / 2, width);
    b.ymin = px(cy - h / 2, height);
    b.xmax = px(cx + w / 2, width);
    b.ymax = px(cy + h / 2, height);
    b.outline = limitOutline({std::move(polygon)});
    boxes.push_back(b);
  }
  return boxes;
}

std::vector<BoundingBox> readYoloBoxes(const fs::path& labelFile, int width, int height,
                                       const std::vector<std::string>& names, std::string* error) {
  return parseFile(labelFile, "YOLO label", error, [&](const std::string& text) {
    return parseYoloBoxes(text, width, height, names, error);
  });
}

std::string dominantBoxClass(const std::vector<BoundingBox>& boxes) {
  std::vector<std::pair<std::string, double>> area;  // in the order first seen
  for (const BoundingBox& b : boxes) {
    const double a = double(std::max(0, b.xmax - b.xmin)) * std::max(0, b.ymax - b.ymin);
    auto it =
        std::find_if(area.begin(), area.end(), [&](const auto& p) { return p.first == b.name; });
    if (it == area.end())
      area.emplace_back(b.name, a);
    else
      it->second += a;
  }
  std::string best;
  double most = -1;
  for (const auto& [name, a] : area)
    if (a > most) most = a, best = name;
  return best;
}

}  // namespace sdd
