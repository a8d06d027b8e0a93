// Writes a generated dataset with pixel masks: shapes on texture (test_support's
// shapeOnTexture), three classes, the mask of each image written beside it in one of the
// layouts users have; every other image is defect-free with an all-black mask. `labelme`
// writes no mask but a LabelMe file beside each image with the defect's outline as a polygon,
// `labelme-box` the same with its bounding rectangle (to compare what the map learns).
//   usage: sdd_make_masked_dataset OUT_DIR [same-stem|suffix|folders|imgs|labelme|labelme-box]
//                                  [PER_CLASS] [SIZE]
// For screenshots, the scan CLI test and trying the map by hand.
#include <cstdlib>
#include <iostream>
#include <opencv2/imgproc.hpp>
#include <string>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

// A LabelMe file of one image: its defect as a polygon around the mask's pixels, or as the
// rectangle around them; none for a defect-free image.
std::string labelMeFile(const std::string& cls, const std::string& image,
                        const sdd::test::ShapeImage& shape, bool polygon) {
  std::string points;
  if (polygon) {
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(shape.mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    for (const auto& c : contours)
      for (const cv::Point& p : c)
        points +=
            (points.empty() ? "[" : ", [") + std::to_string(p.x) + ", " + std::to_string(p.y) + "]";
  } else if (!shape.box.empty()) {
    const cv::Rect& b = shape.box;
    points = "[" + std::to_string(b.x) + ", " + std::to_string(b.y) + "], [" +
             std::to_string(b.x + b.width - 1) + ", " + std::to_string(b.y + b.height - 1) + "]";
  }
  const std::string shapes = points.empty() ? "[]"
                                            : R"([{"label": ")" + cls + R"(", "points": [)" +
                                                  points + R"(], "shape_type": ")" +
                                                  (polygon ? "polygon" : "rectangle") + "\"}]";
  return R"({"version": "5.4.1", "flags": {}, "shapes": )" + shapes + R"(, "imagePath": ")" +
         image + R"(", "imageData": null, "imageHeight": )" + std::to_string(shape.image.rows) +
         R"(, "imageWidth": )" + std::to_string(shape.image.cols) + "}";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sdd_make_masked_dataset OUT_DIR "
                 "[same-stem|suffix|folders|imgs|labelme|labelme-box] [PER_CLASS] [SIZE]\n";
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
        } else if (layout == "labelme" || layout == "labelme-box") {
          image = out / cls / (stem + ".jpg");
          sdd::test::writeImage(image, shape.image);
          sdd::test::writeBytes(out / cls / (stem + ".json"),
                                labelMeFile(cls, stem + ".jpg", shape, layout == "labelme"));
          continue;
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
