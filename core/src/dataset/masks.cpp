#include "sdd/dataset/masks.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <utility>

#include "dataset/folder_names.h"
#include "dataset/folder_walk.h"
#include "sdd/dataset/box_annotations.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/ascii.h"

namespace fs = std::filesystem;

namespace sdd {

namespace {

// The names, as folderWords spells them, of mask (and annotation) folders and of the image
// folders they mirror (MMSegmentation's ann_dir/ and img_dir/ among them).
const std::vector<std::string> kMaskFolderWords = {
    "masks",  "mask",  "ground_truth", "groundtruth", "gt",   "annotations",       "annotation",
    "labels", "label", "lable",        "xml",         "xmls", "segmentationclass", "ann_dir"};
// (and the same in other languages: German, Spanish, Italian, Portuguese, French)
const std::vector<std::string> kImageFolderWords = {
    "images",          "imgs",      "image",         "img",     "jpegimages",
    "pictures",        "photos",    "pics",          "bilder",  "imagenes",
    "immagini",        "imagens",   "photographies", "img_dir", "source_images",
    "original_images", "raw_images"};

// The split word joined to one of `words` in a folder's name (lower case): "train" for
// DeepCrack's train_img / train_lab, "test" for test-masks, masks_test or CamVid's testannot;
// "" when the name is not one of those.
std::string splitJoinedTo(const std::string& n, const std::vector<std::string>& words) {
  for (const std::string& word : words)
    for (const std::string sep : {"_", ""}) {
      const std::string suffix = sep + word, prefix = word + sep;
      Split split;
      if (n.size() > suffix.size() &&
          n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          splitFromName(n.substr(0, n.size() - suffix.size()), split))
        return n.substr(0, n.size() - suffix.size());
      if (!sep.empty() && n.size() > prefix.size() && n.compare(0, prefix.size(), prefix) == 0 &&
          splitFromName(n.substr(prefix.size()), split))
        return n.substr(prefix.size());
    }
  return {};
}

// Mask folder words beside a split word: also "lab" and "annot", too common alone.
const std::vector<std::string> kSplitMaskFolderWords = [] {
  std::vector<std::string> words = kMaskFolderWords;
  words.insert(words.end(), {"lab", "annot"});
  return words;
}();

// A folder's name as the word lists spell it: lower case, words joined by "_" (SD-saliency-900's
// "Ground truth" is ground_truth, "Source Images" source_images).
std::string folderWords(const std::string& name) {
  std::string n = asciiLower(name);
  std::replace_if(
      n.begin(), n.end(), [](char c) { return c == ' ' || c == '-'; }, '_');
  return n;
}

// The split word of a mask or image folder named with one ("train_lab" -> "train"), else "".
std::string splitOfLayoutFolder(const std::string& name) {
  const std::string n = folderWords(name);
  const std::string s = splitJoinedTo(n, kSplitMaskFolderWords);
  return s.empty() ? splitJoinedTo(n, kImageFolderWords) : s;
}

// A mask word joined to an image word: AITEX's Mask_images/ beside Defect_images/,
// gt_imgs, label-images.
bool maskWordJoinedToImageWord(const std::string& n) {
  for (std::size_t at = 1; at + 1 < n.size(); ++at)
    if (n[at] == '_' && inList(kMaskFolderWords, n.substr(0, at)) &&
        inList(kImageFolderWords, n.substr(at + 1)))
      return true;
  return false;
}

// The one 8-bit plane of a mask (a colour file whose channels are equal gives its first);
// empty for other images.
cv::Mat onePlane(const cv::Mat& image) {
  if (image.empty() || image.depth() != CV_8U) return {};
  if (image.channels() == 1) return image;
  std::vector<cv::Mat> planes;
  cv::split(image, planes);
  for (std::size_t c = 1; c < planes.size() && c < 3; ++c)
    if (cv::countNonZero(planes[c] != planes[0]) > 0) return {};
  return planes[0];
}

// A pairing key with its split folders left out ("bottle/test/crack/000" -> "bottle/crack/000").
std::string keyWithoutSplit(const std::string& key) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t slash; (slash = key.find('/', from)) != std::string::npos; from = slash + 1) {
    Split split;
    if (!splitFromName(key.substr(from, slash - from), split))
      out += key.substr(from, slash + 1 - from);
  }
  return out + key.substr(from);
}

// Each pixel's number in `table` (colours by number, red first; a colour's first number where
// a palette repeats it); empty when a pixel's colour is not in it, or the image is not 8 bits.
cv::Mat numbersOfColours(const cv::Mat& m, const std::vector<MaskColour>& table) {
  if (m.empty() || m.depth() != CV_8U || (m.channels() != 1 && m.channels() != 3)) return {};
  std::map<std::uint32_t, std::uint8_t> number;
  for (std::size_t k = std::min<std::size_t>(table.size(), 256); k-- > 0;)
    number[(std::uint32_t(table[k][0]) << 16) | (table[k][1] << 8) | table[k][2]] = std::uint8_t(k);
  cv::Mat out(m.size(), CV_8UC1);
  std::uint32_t lastKey = 0xFFFFFFFF;
  std::uint8_t last = 0;
  for (int y = 0; y < m.rows; ++y) {
    const std::uint8_t* p = m.ptr<std::uint8_t>(y);
    std::uint8_t* o = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < m.cols; ++x, p += m.channels()) {
      const std::uint32_t key = m.channels() == 1
                                    ? std::uint32_t(p[0]) * 0x010101u
                                    : (std::uint32_t(p[2]) << 16) | (p[1] << 8) | p[0];  // BGR
      if (key != lastKey) {
        const auto it = number.find(key);
        if (it == number.end()) return {};
        lastKey = key;
        last = it->second;
      }
      o[x] = last;
    }
  }
  return out;
}

}  // namespace

bool isMaskFolderName(const std::string& name) {
  const std::string n = folderWords(name);
  return inList(kMaskFolderWords, n) || !splitJoinedTo(n, kSplitMaskFolderWords).empty() ||
         maskWordJoinedToImageWord(n);
}

bool isImageFolderName(const std::string& name) {
  const std::string n = folderWords(name);
  return inList(kImageFolderWords, n) || !splitJoinedTo(n, kImageFolderWords).empty();
}

std::string stemWithoutMaskSuffix(const std::string& stem) {
  for (const char* suffix : {"mask", "label", "gt"}) {
    const std::string s = suffix;
    if (stem.size() <= s.size() + 1) continue;
    const std::size_t at = stem.size() - s.size();
    const char sep = stem[at - 1];
    if ((sep == '_' || sep == '-') && asciiLower(stem.substr(at)) == s)
      return stem.substr(0, at - 1);
  }
  return {};
}

MaskLabelMap readMaskLabelMapFile(const fs::path& file) {
  std::string text;
  if (!readAnnotationText(file, text, 1 << 16)) return {};
  MaskLabelMap map;
  std::istringstream in(text);
  const bool table = asciiLower(file.extension().string()) == ".csv";
  bool header = table;
  for (std::string line; std::getline(in, line);) {
    const std::string t = asciiTrim(line);
    if (t.empty() || t[0] == '#') continue;
    if (table) {
      // Roboflow's _classes.csv: "Pixel Value, Class", then "1, scratch".
      const std::size_t comma = t.find(',');
      const std::string first = asciiTrim(t.substr(0, comma)),
                        name = comma == std::string::npos ? "" : asciiTrim(t.substr(comma + 1));
      if (std::exchange(header, false)) {
        if (asciiLower(first) != "pixel value") return {};
        continue;
      }
      if (!isClassNumber(first) || name.empty() || first.size() > 2 ||
          std::stoi(first) > kMaxMaskClassValue)
        return {};
      const std::size_t value = std::size_t(std::stoi(first));
      if (map.names.size() <= value) map.names.resize(value + 1);
      map.names[value] = name;
      continue;
    }
    // labelmap.txt: name:r,g,b:parts:actions
    const std::size_t colon = t.find(':');
    int r = -1, g = -1, b = -1;
    char c1 = 0, c2 = 0;
    std::istringstream colour(colon == std::string::npos ? "" : t.substr(colon + 1));
    if (colon == 0 || !(colour >> r >> c1 >> g >> c2 >> b) || c1 != ',' || c2 != ',' || r < 0 ||
        r > 255 || g < 0 || g > 255 || b < 0 || b > 255 || map.names.size() > kMaxMaskClassValue)
      return {};
    map.names.push_back(asciiTrim(t.substr(0, colon)));
    map.colours.push_back({std::uint8_t(r), std::uint8_t(g), std::uint8_t(b)});
  }
  return map;
}

MaskLabelMap readMaskLabelMap(const fs::path& folder) {
  // In the dataset's folder, or (Roboflow writes one into each) in its split folders.
  std::vector<fs::path> folders = {folder};
  for (const fs::path& e : sortedEntries(folder))
    if (Split split; splitFromName(e.filename().string(), split)) folders.push_back(e);
  for (const fs::path& f : folders)
    for (const char* name : {"labelmap.txt", "_classes.csv"})
      if (const fs::path file = entryNamed(f, name); !file.empty())
        if (MaskLabelMap map = readMaskLabelMapFile(file); !map.names.empty()) return map;
  return {};
}

cv::Mat maskValues(const DecodedImage& image, const std::vector<MaskColour>& colours) {
  // A label map's colours first (CVAT's colour masks, a palette of its colours), then the
  // file's own palette, else the plane as it is (a grey mask's numbers).
  for (const std::vector<MaskColour>* table : {&colours, &image.palette})
    if (!table->empty())
      if (cv::Mat numbers = numbersOfColours(image.image, *table); !numbers.empty()) return numbers;
  return onePlane(image.image);
}

bool looksLikeMask(const cv::Mat& image) {
  const cv::Mat grey = onePlane(image);
  if (grey.empty()) return false;
  int first = -1, second = -1;
  for (int y = 0; y < grey.rows; ++y) {
    const std::uint8_t* row = grey.ptr<std::uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) {
      const int v = row[x];
      if (v == first || v == second) continue;
      if (first < 0)
        first = v;
      else if (second < 0)
        second = v;
      else
        return false;
    }
  }
  return true;
}

bool maskIsBlank(const cv::Mat& mask) {
  const cv::Mat flat = mask.isContinuous() ? mask : mask.clone();
  return cv::countNonZero(flat.reshape(1)) == 0;
}

int maskClassValue(const cv::Mat& mask) {
  const cv::Mat grey = onePlane(mask);
  if (grey.empty()) return 0;
  std::size_t count[kMaxMaskClassValue + 1] = {};
  for (int y = 0; y < grey.rows; ++y) {
    const std::uint8_t* row = grey.ptr<std::uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) {
      if (row[x] == 255) continue;  // an "ignore" border; a 0/255 mask then names no number
      if (row[x] > kMaxMaskClassValue) return 0;
      ++count[row[x]];
    }
  }
  int best = 0;
  for (int v = 1; v <= kMaxMaskClassValue; ++v)
    if (count[v] > (best == 0 ? 0 : count[best])) best = v;
  return best;
}

std::string maskPairingKey(const fs::path& file, const fs::path& root, bool isMask) {
  const fs::path rel = file.lexically_relative(root);
  std::string key;
  for (const fs::path& part : rel.parent_path()) {
    const std::string name = part.string();
    // train_img/x.jpg and train_lab/x.png pair as train/x; images/ and masks/ drop out.
    if (isMaskFolderName(name) || isImageFolderName(name)) {
      if (const std::string split = splitOfLayoutFolder(name); !split.empty()) key += split + "/";
      continue;
    }
    key += name + "/";
  }
  std::string stem = file.stem().string();
  if (isMask) {
    const std::string base = stemWithoutMaskSuffix(stem);
    if (!base.empty()) stem = base;
  }
  return key + stem;
}

MaskPairs pairMasks(const fs::path& root, const std::vector<PairingFile>& files,
                    const std::vector<PairingFile>& maskFolderFiles) {
  MaskPairs out;
  out.maskOf.resize(files.size());
  out.isMask.assign(files.size(), false);
  auto sizeText = [](const PairingFile& f) {
    return std::to_string(f.width) + "x" + std::to_string(f.height);
  };
  // Attaches `mask` to image `i` when it may; says why not otherwise.
  auto attach = [&](std::size_t i, const PairingFile& mask) {
    const PairingFile& image = files[i];
    if (!out.maskOf[i].empty()) {
      out.issues.push_back({mask.path, "a second mask for " + image.path.string() + " (it has " +
                                           out.maskOf[i].string() + "); ignored"});
    } else if (mask.width != image.width || mask.height != image.height) {
      out.issues.push_back({mask.path, "mask of " + sizeText(mask) + " for " + image.path.string() +
                                           " of " + sizeText(image) + "; not attached"});
    } else {
      out.maskOf[i] = mask.path;
      ++out.attached;
    }
  };
  std::map<std::string, std::vector<std::size_t>> byKey;
  // A mask folder beside split folders (MVTec AD: ground_truth/crack/000_mask.png for
  // test/crack/000.png) mirrors the images one folder down: its key is theirs without the
  // first folder.
  std::map<std::string, std::vector<std::size_t>> byKeyBelowTop;
  // ... also below an object's folder (MVTec AD's, BTAD's root of several objects:
  // bottle/ground_truth/crack/000_mask.png for bottle/test/crack/000.png): the key without its
  // split folder.
  std::map<std::string, std::vector<std::size_t>> byKeyWithoutSplit;
  std::map<std::pair<fs::path, std::string>, std::vector<std::size_t>> byStem;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!files[i].readable) continue;
    const std::string key = maskPairingKey(files[i].path, root, false);
    byKey[key].push_back(i);
    if (const auto slash = key.find('/'); slash != std::string::npos)
      byKeyBelowTop[key.substr(slash + 1)].push_back(i);
    if (const std::string k = keyWithoutSplit(key); k != key) byKeyWithoutSplit[k].push_back(i);
    byStem[{files[i].path.parent_path(), files[i].path.stem().string()}].push_back(i);
  }
  // Same stem in one folder (x.jpg + x.png): the one that looks like a mask is the other's.
  for (const auto& [where, group] : byStem) {
    if (group.size() < 2) continue;
    std::vector<std::size_t> images, masks;
    for (std::size_t i : group) (files[i].maskLike ? masks : images).push_back(i);
    if (images.size() != 1 || masks.empty()) continue;  // none or ambiguous: all are images
    for (std::size_t m : masks) {
      out.isMask[m] = true;
      attach(images[0], files[m]);
    }
  }
  // Name suffixes (x_mask.png beside x.jpg).
  auto partner = [&](const PairingFile& mask) -> std::ptrdiff_t {
    const auto it = byKey.find(maskPairingKey(mask.path, root, true));
    if (it == byKey.end()) return -1;
    for (std::size_t i : it->second)
      if (!out.isMask[i] && files[i].path != mask.path) return std::ptrdiff_t(i);
    return -1;
  };
  for (std::size_t m = 0; m < files.size(); ++m) {
    if (!files[m].readable || out.isMask[m] ||
        stemWithoutMaskSuffix(files[m].path.stem().string()).empty())
      continue;
    const std::ptrdiff_t i = partner(files[m]);
    if (i >= 0) {
      out.isMask[m] = true;
      attach(std::size_t(i), files[m]);
    } else if (files[m].maskLike) {
      out.isMask[m] = true;
      out.issues.push_back(
          {files[m].path, "a mask by its name, but no image named like it; ignored"});
    }
  }
  // Mask folders mirroring the images.
  for (const PairingFile& mask : maskFolderFiles) {
    if (!mask.readable) {
      out.issues.push_back({mask.path, "cannot read this mask; ignored"});
      continue;
    }
    std::ptrdiff_t i = partner(mask);
    for (const auto* keys : {&byKeyBelowTop, &byKeyWithoutSplit}) {
      if (i >= 0) break;
      const auto it = keys->find(maskPairingKey(mask.path, root, true));
      if (it != keys->end() && it->second.size() == 1 && !out.isMask[it->second[0]])
        i = std::ptrdiff_t(it->second[0]);
    }
    if (i >= 0)
      attach(std::size_t(i), mask);
    else
      out.issues.push_back({mask.path, "a mask, but no image named like it; ignored"});
  }
  return out;
}

cv::Mat loadMask(const fs::path& file, std::string* error) {
  const DecodedImage d = loadImage(file);
  if (!d.ok()) {
    if (error) *error = d.error;
    return {};
  }
  cv::Mat grey = maskValues(d);  // a palette PNG's indices: its background may be any colour
  if (grey.empty() && d.image.channels() == 3) cv::cvtColor(d.image, grey, cv::COLOR_BGR2GRAY);
  if (grey.empty()) grey = d.image;
  cv::Mat out;
  cv::compare(grey, 0, out, cv::CMP_GT);
  return out;
}

std::vector<cv::Rect> componentBoxes(const cv::Mat& binary, cv::Mat* labels) {
  cv::Mat own, stats, centroids;
  cv::Mat& l = labels ? *labels : own;
  const int n = cv::connectedComponentsWithStats(binary, l, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> boxes;
  for (int k = 1; k < n; ++k)
    boxes.emplace_back(stats.at<int>(k, cv::CC_STAT_LEFT), stats.at<int>(k, cv::CC_STAT_TOP),
                       stats.at<int>(k, cv::CC_STAT_WIDTH), stats.at<int>(k, cv::CC_STAT_HEIGHT));
  return boxes;
}

std::vector<std::vector<OutlinePoint>> maskOutline(const cv::Mat& binary, cv::Point2d offset) {
  // Outer contours and the contours of their holes (fillRegion fills odd-even, so a hole's
  // polygon inside its outer one stays empty).
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::findContours(binary != 0, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);
  std::size_t points = 0;
  for (const auto& c : contours) points += c.size();
  // A ragged mask's contour of thousands of steps: half a pixel off loses nothing a 12 x 12
  // map or a screen can show.
  if (points > kMaxOutlinePoints)
    for (auto& c : contours) cv::approxPolyDP(std::vector<cv::Point>(c), c, 0.5, true);
  std::vector<std::vector<OutlinePoint>> out;
  for (std::size_t i = 0; i < contours.size(); ++i) {
    const auto& c = contours[i];
    const bool hole = hierarchy[i][3] >= 0;
    if (hole && c.size() < 3) continue;  // the pixels around it draw it closed already
    out.emplace_back();
    for (const cv::Point& p : c)
      out.back().push_back({float(p.x + offset.x), float(p.y + offset.y)});
    if (c.size() < 3) {  // a line or a dot of pixels: its pixels as a thin polygon
      out.back().clear();
      const cv::Rect r = cv::boundingRect(c);
      for (const auto& [x, y] : {std::pair{r.x, r.y},
                                 {r.x + r.width - 1, r.y},
                                 {r.x + r.width - 1, r.y + r.height - 1},
                                 {r.x, r.y + r.height - 1}})
        out.back().push_back({float(x + offset.x), float(y + offset.y)});
    }
  }
  return limitOutline(std::move(out));
}

std::vector<std::vector<OutlinePoint>> limitOutline(
    std::vector<std::vector<OutlinePoint>> outline) {
  std::size_t points = 0;
  for (const auto& polygon : outline) points += polygon.size();
  const std::size_t step = (points + kMaxOutlinePoints - 1) / kMaxOutlinePoints;
  std::vector<std::vector<OutlinePoint>> out;
  for (auto& polygon : outline) {
    // A point a file put beyond a million pixels (or not a number) is no outline.
    if (std::any_of(polygon.begin(), polygon.end(), [](const OutlinePoint& p) {
          return !(std::abs(p.x) <= 1e6f && std::abs(p.y) <= 1e6f);
        }))
      continue;
    if (step > 1) {
      std::vector<OutlinePoint> thin;
      for (std::size_t k = 0; k < polygon.size(); k += step) thin.push_back(polygon[k]);
      polygon = std::move(thin);
    }
    if (polygon.size() >= 3) out.push_back(std::move(polygon));
  }
  return out;
}

void fillRegion(const BoundingBox& box, cv::Mat& canvas, cv::Size2d scale, int value) {
  constexpr int kShift = 4;  // fillPoly's fixed point: sixteenths of a canvas pixel
  const auto at = [&](double x, double y) {
    return cv::Point(int(std::lround(((x + 0.5) * scale.width - 0.5) * (1 << kShift))),
                     int(std::lround(((y + 0.5) * scale.height - 0.5) * (1 << kShift))));
  };
  std::vector<std::vector<cv::Point>> polygons;
  for (const auto& polygon : box.outline) {
    polygons.emplace_back();
    for (const OutlinePoint& p : polygon) polygons.back().push_back(at(p.x, p.y));
  }
  if (polygons.empty()) {  // the rectangle: every canvas pixel its pixels touch
    cv::rectangle(canvas,
                  cv::Point(int(std::floor(box.xmin * scale.width)),
                            int(std::floor(box.ymin * scale.height))),
                  cv::Point(int(std::ceil((box.xmax + 1) * scale.width)) - 1,
                            int(std::ceil((box.ymax + 1) * scale.height)) - 1),
                  cv::Scalar(value), cv::FILLED);
    return;
  }
  cv::fillPoly(canvas, polygons, cv::Scalar(value), cv::LINE_8, kShift);
}

std::vector<cv::Rect> boxRects(const std::vector<BoundingBox>& boxes) {
  std::vector<cv::Rect> out;
  out.reserve(boxes.size());
  for (const BoundingBox& b : boxes)
    out.emplace_back(cv::Point(b.xmin, b.ymin), cv::Point(b.xmax + 1, b.ymax + 1));
  return out;
}

double boxIoU(const cv::Rect2d& a, const cv::Rect2d& b) {
  const double inter = (a & b).area();
  const double uni = a.area() + b.area() - inter;
  return uni > 0 ? inter / uni : 0;
}

}  // namespace sdd
