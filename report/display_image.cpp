#include "display_image.h"

#include <opencv2/imgproc.hpp>

#include "sdd/dataset/masks.h"
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

QImage loadMaskOverlay(const std::filesystem::path& file, const QColor& color, int maxSide,
                       QString* error) {
  std::string why;
  cv::Mat mask = sdd::loadMask(file, &why);
  if (mask.empty()) {
    if (error) *error = QString::fromStdString(why);
    return {};
  }
  if (maxSide > 0 && std::max(mask.cols, mask.rows) > maxSide) {
    const double scale = double(maxSide) / std::max(mask.cols, mask.rows);
    cv::resize(mask, mask,
               cv::Size(std::max(1, int(mask.cols * scale)), std::max(1, int(mask.rows * scale))),
               0, 0, cv::INTER_NEAREST);
  }
  // The outline: defect pixels with a non-defect neighbour.
  cv::Mat eroded, outline;
  cv::erode(mask, eroded, cv::Mat(), cv::Point(-1, -1), 1, cv::BORDER_CONSTANT, 0);
  cv::subtract(mask, eroded, outline);
  QImage out(mask.cols, mask.rows, QImage::Format_ARGB32);
  out.fill(Qt::transparent);
  const QRgb fill = qRgba(color.red(), color.green(), color.blue(), 110);
  const QRgb edge = qRgba(color.red(), color.green(), color.blue(), 255);
  for (int y = 0; y < mask.rows; ++y) {
    const std::uint8_t* m = mask.ptr<std::uint8_t>(y);
    const std::uint8_t* o = outline.ptr<std::uint8_t>(y);
    auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < mask.cols; ++x)
      if (m[x]) line[x] = o[x] ? edge : fill;
  }
  return out;
}

QImage heatOverlay(const cv::Mat& heat01) {
  cv::Mat u8, colour;
  heat01.convertTo(u8, CV_8U, 255.0);
  cv::applyColorMap(u8, colour, cv::COLORMAP_JET);  // BGR
  QImage img(colour.cols, colour.rows, QImage::Format_ARGB32);
  for (int y = 0; y < colour.rows; ++y) {
    const auto* src = colour.ptr<cv::Vec3b>(y);
    const auto* heat = u8.ptr<std::uint8_t>(y);
    auto* dst = reinterpret_cast<QRgb*>(img.scanLine(y));
    for (int x = 0; x < colour.cols; ++x)
      dst[x] = qRgba(src[x][2], src[x][1], src[x][0], 60 + heat[x] * 195 / 255);
  }
  return img;
}

}  // namespace sddreport
