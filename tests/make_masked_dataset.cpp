// Writes a generated dataset with pixel masks: shapes on texture (test_support's
// shapeOnTexture), three classes, the mask of each image written beside it in one of the
// layouts users have; every other image is defect-free with an all-black mask.
//   usage: sdd_make_masked_dataset OUT_DIR [same-stem|suffix|folders|imgs] [PER_CLASS] [SIZE]
// For screenshots, the scan CLI test and trying the map by hand.
#include <cstdlib>
#include <iostream>
#include <string>

#include "test_support.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sdd_make_masked_dataset OUT_DIR [same-stem|suffix|folders|imgs] "
                 "[PER_CLASS] [SIZE]\n";
    return 2;
  }
  const fs::path out = argv[1];
  const std::string layout = argc > 2 ? argv[2] : "folders";
  const int perClass = argc > 3 ? std::atoi(argv[3]) : 10;
  const int size = argc > 4 ? std::atoi(argv[4]) : 64;
  if (perClass < 1 || size < 16) {
    std::cerr << "PER_CLASS must be at least 1 and SIZE at least 16\n";
    return 2;
  }
  const char* classes[] = {"bright_rect", "dark_disk", "bar"};
  try {
    for (int c = 0; c < 3; ++c)
      for (int n = 0; n < perClass; ++n) {
        const auto shape = sdd::test::shapeOnTexture(c, n, size, n % 5 != 4);
        const std::string cls = classes[c], stem = cls + "_" + std::to_string(n);
        fs::path image, mask;
        if (layout == "same-stem") {
          image = out / cls / (stem + ".jpg");
          mask = out / cls / (stem + ".png");
        } else if (layout == "suffix") {
          image = out / cls / (stem + ".jpg");
          mask = out / cls / (stem + "_mask.png");
        } else if (layout == "folders") {
          image = out / "images" / cls / (stem + ".jpg");
          mask = out / "masks" / cls / (stem + ".png");
        } else if (layout == "imgs") {
          image = out / cls / "Imgs" / (stem + ".jpg");
          mask = out / cls / "Imgs" / (stem + ".png");
        } else {
          std::cerr << "unknown layout '" << layout << "'\n";
          return 2;
        }
        sdd::test::writeImage(image, shape.image);
        sdd::test::writeImage(mask, shape.mask);
      }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
