// Writes the "nasty dataset" fixture: a folder-per-class dataset whose good images
// (two easily told apart classes) sit among every kind of bad input a user's folder can hold.
//   usage: sdd_make_nasty_dataset [--clean] OUT_DIR
// --clean writes only the plain good images (for the crash-safety tests).
// Prints one line per planted file: "good|bad <path> <what it is>", so tests and
// docs/reliability.md can list what was tried.
#include <sys/stat.h>

#include <cstddef>
#include <cstdio>
// jpeglib.h uses size_t and FILE without including their headers.
#include <jpeglib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

void plant(const char* kind, const fs::path& file, const std::string& what) {
  std::string shown = file.string();
  for (char& c : shown)
    if (c == '\n') c = '?';
  std::printf("%s %s  (%s)\n", kind, shown.c_str(), what.c_str());
}

/// A CMYK JPEG (Adobe marker) of a grey image, written with libjpeg: OpenCV cannot write one.
std::string cmykJpeg(const cv::Mat& grey) {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr jerr;
  cinfo.err = jpeg_std_error(&jerr);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = static_cast<JDIMENSION>(grey.cols);
  cinfo.image_height = static_cast<JDIMENSION>(grey.rows);
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&cinfo);
  jpeg_set_colorspace(&cinfo, JCS_CMYK);
  jpeg_set_quality(&cinfo, 90, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  std::vector<unsigned char> row(static_cast<std::size_t>(grey.cols) * 4);
  while (cinfo.next_scanline < cinfo.image_height) {
    const unsigned char* g = grey.ptr<unsigned char>(static_cast<int>(cinfo.next_scanline));
    for (int x = 0; x < grey.cols; ++x) {
      // Adobe CMYK JPEGs store inverted values: 255 = no ink. Grey g = K ink of 255 - g.
      row[4 * x + 0] = row[4 * x + 1] = row[4 * x + 2] = 255;
      row[4 * x + 3] = g[x];
    }
    JSAMPROW rows[1] = {row.data()};
    jpeg_write_scanlines(&cinfo, rows, 1);
  }
  jpeg_finish_compress(&cinfo);
  std::string out(reinterpret_cast<char*>(buffer), size);
  jpeg_destroy_compress(&cinfo);
  std::free(buffer);
  return out;
}

std::string encode(const std::string& ext, const cv::Mat& image) {
  std::vector<unsigned char> bytes;
  cv::imencode(ext, image, bytes);
  return {bytes.begin(), bytes.end()};
}

}  // namespace

int main(int argc, char** argv) {
  const bool clean = argc == 3 && std::string(argv[1]) == "--clean";
  if (argc != 2 && !clean) {
    std::fprintf(stderr, "usage: %s [--clean] OUT_DIR\n", argv[0]);
    return 2;
  }
  const fs::path root = argv[argc - 1];
  if (fs::exists(root)) {
    std::fprintf(stderr, "%s already exists; give a new folder\n", root.c_str());
    return 2;
  }
  const std::vector<std::string> classes = {"disk", "stripes"};
  const int perClass = 15;
  // Good images: the test-support patterns of two distinct classes, 64x64, JPEG and PNG.
  for (int c = 0; c < 2; ++c) {
    for (int n = 0; n < perClass; ++n) {
      const cv::Mat img = sdd::test::patternImage(c == 0 ? 2 : 0, n, 64, 64, 1);
      std::string name = std::to_string(n) + (n % 2 ? ".png" : ".jpg");
      if (clean) {
        const fs::path file = root / classes[c] / name;
        writeBytes(file, encode(file.extension().string(), img));
        continue;
      }
      if (n == 0) name = "with space " + name;
      if (n == 1) name = "new\nline.png";
      if (n == 2) name = std::string("latin1-caf\xe9-not-utf8.jpg");
      const fs::path file = root / classes[c] / name;
      writeBytes(file, encode(file.extension().string(), img));
      plant("good", file, n < 3 ? "odd file name" : "plain image");
    }
  }
  if (clean) return 0;
  const cv::Mat disk = sdd::test::patternImage(2, 99, 64, 64, 1);
  const cv::Mat stripes = sdd::test::patternImage(0, 99, 64, 64, 1);

  cv::Mat deep;
  disk.convertTo(deep, CV_16U, 257.0);
  writeBytes(root / "disk/deep16.png", encode(".png", deep));
  plant("good", root / "disk/deep16.png", "16-bit grey PNG");
  writeBytes(root / "disk/cmyk.jpg", cmykJpeg(disk));
  plant("good", root / "disk/cmyk.jpg", "CMYK JPEG");
  cv::Mat huge(10000, 10000, CV_8UC1, cv::Scalar(128));
  cv::resize(stripes, huge, huge.size(), 0, 0, cv::INTER_NEAREST);
  writeBytes(root / "stripes/huge 10000x10000.png", encode(".png", huge));
  plant("good", root / "stripes/huge 10000x10000.png", "10,000 x 10,000 pixels");

  const std::string jpg = encode(".jpg", stripes);
  writeBytes(root / "stripes/truncated.jpg", jpg.substr(0, jpg.size() / 2));
  plant("bad", root / "stripes/truncated.jpg", "truncated JPEG");
  writeBytes(root / "stripes/zero.jpg", "");
  plant("bad", root / "stripes/zero.jpg", "zero bytes");
  writeBytes(root / "disk/text.jpg", "this is a text file, not a JPEG\n");
  plant("bad", root / "disk/text.jpg", "text named .jpg");
  std::string garbled = jpg;
  for (std::size_t i = garbled.size() / 3; i < garbled.size() - 2; i += 7)
    garbled[i] = static_cast<char>(0xFF);
  writeBytes(root / "stripes/garbled.jpg", garbled);
  plant("bad?", root / "stripes/garbled.jpg",
        "JPEG with garbled entropy data (decoders may accept it)");
  writeBytes(root / "disk/notes.txt", "not an image\n");
  plant("bad", root / "disk/notes.txt", "not an image extension");

  fs::create_directory_symlink(".", root / "stripes/loop");
  plant("bad", root / "stripes/loop", "symbolic link to its own folder");
  fs::create_symlink("b.jpg", root / "disk/a.jpg");
  fs::create_symlink("a.jpg", root / "disk/b.jpg");
  plant("bad", root / "disk/a.jpg", "symbolic link loop a.jpg <-> b.jpg");

  const fs::path unreadable = root / "disk/unreadable.png";
  writeBytes(unreadable, encode(".png", disk));
  ::chmod(unreadable.c_str(), 0);
  plant("bad", unreadable, "mode 000 (still readable when run as root)");

  fs::create_directories(root / "empty_class");
  plant("bad", root / "empty_class", "empty class folder");
  return 0;
}
