#include "display_image.h"

#include <opencv2/imgproc.hpp>

#include "sdd/imaging/image_loader.h"

namespace sddreport {

QImage loadDisplayImage(const std::filesystem::path& file, int maxSide, QString* error) {
  const sdd::DecodedImage d = sdd::loadImage(file);
  if (!d.ok()) {
    if (error) *error = QString::fromStdString(d.error);
    return {};
  }
  cv::Mat rgb;
  if (d.image.channels() == 1)
    cv::cvtColor(d.image, rgb, cv::COLOR_GRAY2RGB);
  else if (d.image.channels() == 4)
    cv::cvtColor(d.image, rgb, cv::COLOR_BGRA2RGB);
  else
    cv::cvtColor(d.image, rgb, cv::COLOR_BGR2RGB);
  if (maxSide > 0 && std::max(rgb.cols, rgb.rows) > maxSide) {
    const double scale = double(maxSide) / std::max(rgb.cols, rgb.rows);
    cv::Mat small;
    cv::resize(rgb, small,
               cv::Size(std::max(1, int(rgb.cols * scale)), std::max(1, int(rgb.rows * scale))), 0,
               0, cv::INTER_AREA);
    rgb = small;
  }
  return QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
}

}  // namespace sddreport
