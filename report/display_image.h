#pragma once
// Decoding image files for display with the same code the model reads them with, so what
// the workbench shows is what the detector sees.

#include <QColor>
#include <QImage>
#include <QString>
#include <filesystem>
#include <opencv2/core.hpp>

namespace sddreport {

/// Decodes `file` (any format the core reads) to an RGB QImage; null with `error` set when
/// it cannot. `maxSide` > 0 shrinks it to fit a square of that size.
QImage loadDisplayImage(const std::filesystem::path& file, int maxSide = 0,
                        QString* error = nullptr);

/// A pixel mask (sdd/dataset/masks.h) as an overlay: `color` half-transparent on the defect with
/// its outline opaque, transparent elsewhere; null with `error` set when it cannot be read.
/// `maxSide` as for loadDisplayImage, so the two stay the same size.
QImage loadMaskOverlay(const std::filesystem::path& file, const QColor& color, int maxSide = 0,
                       QString* error = nullptr);

/// A heat map (CV_32F, 0..1) as an overlay: JET colours, cold parts nearly see-through so the
/// texture below stays visible. The workbench's explanations and the report draw it alike.
QImage heatOverlay(const cv::Mat& heat01);

}  // namespace sddreport
