// libFuzzer target: dataset scanning of generated folder trees. The input is a small program
// that builds a tree (folders with split / layout names or arbitrary bytes, image files,
// broken files, VOC annotations, label maps, symlinks and symlink loops); then Dataset::scan
// runs on it.
// Scanning may reject the tree with a DatasetError, never with anything else.
#include <unistd.h>

#include <cstdint>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "sdd/dataset/dataset.h"

namespace fs = std::filesystem;

namespace {

struct Reader {
  const std::uint8_t* p;
  std::size_t n;
  bool empty() const { return n == 0; }
  std::uint8_t byte() {
    if (!n) return 0;
    --n;
    return *p++;
  }
};

const std::vector<std::string>& fixedNames() {
  static const std::vector<std::string> names = {
      "train",          "validation",    "val",          "test",         "images",
      "IMAGES",         "annotations",   "ANNOTATIONS",  "crazing",      "inclusion",
      "Cr_1.bmp",       "In_2.jpg",      "a.jpg",        "a.xml",        "b.png",
      "c.tif",          "x.JPG",         "NEU-CLS",      "..",           ".",
      "with space.jpg", "new\nline.jpg", "\xff\xfe.jpg", "labelmap.txt", "_classes.csv",
      "masks",          "a_mask.png"};
  return names;
}

std::string name(Reader& r) {
  const std::uint8_t b = r.byte();
  if (b < 160) return fixedNames()[b % fixedNames().size()];
  std::string s;
  const int len = 1 + b % 8;
  for (int i = 0; i < len; ++i) {
    char c = static_cast<char>(r.byte());
    if (c == '/' || c == '\0') c = '_';
    s += c;
  }
  if (s == "." || s == "..") s += "_";
  return s + (b % 2 ? ".jpg" : "");
}

const std::string& jpegBytes() {
  static const std::string bytes = [] {
    cv::Mat m(16, 16, CV_8UC3, cv::Scalar(20, 120, 220));
    std::vector<std::uint8_t> buf;
    cv::imencode(".jpg", m, buf);
    return std::string(buf.begin(), buf.end());
  }();
  return bytes;
}

const std::string& pngBytes() {
  static const std::string bytes = [] {
    cv::Mat m(12, 20, CV_8UC1, cv::Scalar(90));
    std::vector<std::uint8_t> buf;
    cv::imencode(".png", m, buf);
    return std::string(buf.begin(), buf.end());
  }();
  return bytes;
}

std::string content(Reader& r) {
  switch (r.byte() % 8) {
    case 0:
      return jpegBytes();
    case 1:
      return pngBytes();
    case 2:
      return {};
    case 3:
      return jpegBytes().substr(0, jpegBytes().size() / 2);
    case 4:
      return "<annotation><object><name>crazing</name><bndbox><xmin>1</xmin><ymin>2</ymin>"
             "<xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>";
    case 6:  // a segmentation export's label map (labelmap.txt, Roboflow's _classes.csv)
      return r.byte() % 2
                 ? "# label:color_rgb:parts:actions\nbackground:0,0,0::\ncrazing:90,90,90::\n"
                 : "Pixel Value, Class\n0, background\n90, crazing\n1, inclusion\n";
    default: {
      std::string s;
      for (int i = r.byte() % 32; i > 0; --i) s += static_cast<char>(r.byte());
      return s;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path root = sdd::fuzz::scratchDir() / "tree";
  std::error_code ec;
  fs::remove_all(root, ec);
  fs::create_directories(root);
  Reader r{data, size};
  std::vector<fs::path> dirs = {root}, files;
  for (int op = 0; op < 48 && !r.empty(); ++op) {
    const fs::path& parent = dirs[r.byte() % dirs.size()];
    if (parent.lexically_relative(root).string().size() > 120) continue;
    const fs::path target = parent / name(r);
    switch (r.byte() % 4) {
      case 0:
        if (fs::create_directory(target, ec)) dirs.push_back(target);
        break;
      case 1:
      case 2: {
        const std::string bytes = content(r);
        sdd::fuzz::writeFile(target, reinterpret_cast<const std::uint8_t*>(bytes.data()),
                             bytes.size());
        files.push_back(target);
        break;
      }
      default: {  // a symlink to a folder (possibly an ancestor: a loop) or a file or nothing
        const std::uint8_t b = r.byte();
        const fs::path to = b % 3 == 0                     ? dirs[b % dirs.size()]
                            : b % 3 == 1 && !files.empty() ? files[b % files.size()]
                                                           : parent / "missing";
        fs::create_symlink(to, target, ec);
        break;
      }
    }
  }
  sdd::ScanOptions options;
  options.threads = 1;
  options.seed = size;
  try {
    const sdd::Dataset d = sdd::Dataset::scan(root, options);
    if (d.classes().size() < 2) sdd::fuzz::fail("a dataset with fewer than two classes");
    // Images without a class (unlabeled folders, loose images) are part of a dataset: their
    // label is kUnlabeled; every other label must index the class list.
    for (const auto& s : d.samples())
      if (s.label != sdd::kUnlabeled &&
          (s.label < 0 || s.label >= static_cast<int>(d.classes().size())))
        sdd::fuzz::fail("a sample label outside the class list");
  } catch (const sdd::DatasetError&) {
  }
  fs::remove_all(root, ec);
  return 0;
}
