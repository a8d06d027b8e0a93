#include "dataset/run_length.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <opencv2/core.hpp>
#include <stdexcept>
#include <vector>

#include "sdd/util/json.h"

namespace sdd {
namespace {

constexpr long long kMaxSide = 1'000'000;     // pixels, as for every coordinate we read
constexpr long long kMaxOutlined = 16 << 20;  // pixels in the box, else the box alone

// The object pixels of `counts` over a width × height grid, numbered down each column
// (`downColumns`) or along each row, the grid's top left pixel at `origin`.
bool decodeRuns(const std::vector<long long>& counts, long long width, long long height,
                bool downColumns, cv::Point2d origin, BoundingBox& b, OutlineBudget& budget) {
  // A pixel number as (column, row) of the grid.
  const auto column = [&](long long p) { return downColumns ? p / height : p % width; };
  const auto row = [&](long long p) { return downColumns ? p % height : p / width; };
  const long long run = downColumns ? height : width;  // pixels before the next line starts
  long long at = 0, x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (std::size_t k = 0; k < counts.size(); at += counts[k++]) {
    if (counts[k] < 0 || counts[k] > width * height - at)
      throw std::out_of_range("a run-length mask's counts beyond its size");
    if (k % 2 == 0 || counts[k] == 0) continue;  // background
    const long long first = at, last = at + counts[k] - 1;
    const bool oneLine = first / run == last / run;
    if (downColumns) {
      x0 = std::min(x0, column(first)), x1 = std::max(x1, column(last));
      y0 = std::min(y0, oneLine ? row(first) : 0);
      y1 = std::max(y1, oneLine ? row(last) : height - 1);
    } else {
      y0 = std::min(y0, row(first)), y1 = std::max(y1, row(last));
      x0 = std::min(x0, oneLine ? column(first) : 0);
      x1 = std::max(x1, oneLine ? column(last) : width - 1);
    }
  }
  if (x1 < 0) return false;
  b.xmin = static_cast<int>(std::lround(origin.x + x0));
  b.ymin = static_cast<int>(std::lround(origin.y + y0));
  b.xmax = static_cast<int>(std::lround(origin.x + x1));
  b.ymax = static_cast<int>(std::lround(origin.y + y1));
  const long long area = (x1 - x0 + 1) * (y1 - y0 + 1);
  if (area > kMaxOutlined || !budget.take(std::uint64_t(area))) return true;
  cv::Mat covered = cv::Mat::zeros(int(y1 - y0 + 1), int(x1 - x0 + 1), CV_8U);
  at = 0;
  for (std::size_t k = 0; k < counts.size(); at += counts[k++])
    for (long long p = at; k % 2 == 1 && p < at + counts[k]; ++p)
      covered.at<std::uint8_t>(int(row(p) - y0), int(column(p) - x0)) = 255;
  b.outline = maskOutline(covered, {origin.x + double(x0), origin.y + double(y0)});
  return true;
}

}  // namespace

// The counts as a list of numbers, or as COCO's compressed text (each count 5 bits per
// character from '0', 0x20 = more to come, 0x10 = negative, from the third on a difference to
// the count two before).
bool readRunLength(const nlohmann::json& rle, BoundingBox& b, OutlineBudget& budget) {
  const long long height = jsonInteger(rle.at("size").at(0), 1, kMaxSide),
                  width = jsonInteger(rle.at("size").at(1), 1, kMaxSide);
  std::vector<long long> counts;
  const nlohmann::json& c = rle.at("counts");
  if (c.is_string()) {
    const std::string& text = c.get_ref<const std::string&>();
    for (std::size_t p = 0; p < text.size();) {
      long long x = 0;
      int k = 0, ch = 0;
      do {
        if (p >= text.size() || k > 11)
          throw std::out_of_range("a run-length mask's counts cut off");
        ch = text[p++] - 48;
        if (ch < 0 || ch > 63)
          throw std::out_of_range("a run-length mask's counts not COCO's text");
        x |= static_cast<long long>(ch & 0x1f) << 5 * k++;
      } while (ch & 0x20);
      if (ch & 0x10) x -= 1LL << 5 * k;  // the sign bit: extend it
      if (counts.size() > 2) x += counts[counts.size() - 2];
      // Checked here, so that the next difference cannot overflow either.
      if (x < 0 || x > width * height)
        throw std::out_of_range("a run-length mask's counts beyond its size");
      counts.push_back(x);
    }
  } else {
    for (const auto& n : c.get_ref<const nlohmann::json::array_t&>())
      counts.push_back(jsonInteger(n, 0, width * height));
  }
  return decodeRuns(counts, width, height, true, {0, 0}, b, budget);
}

bool readCvatRunLength(const std::string& text, double left, double top, double width,
                       double height, BoundingBox& b, OutlineBudget& budget) {
  const long long w = std::lround(width), h = std::lround(height);
  if (w < 1 || h < 1 || w > kMaxSide || h > kMaxSide)
    throw std::out_of_range("a mask's width or height out of range");
  std::vector<long long> counts;
  for (std::size_t p = text.find_first_not_of(" \t\r\n"); p != std::string::npos;) {
    std::size_t used = 0;
    long long n = -1;
    try {
      n = std::stoll(text.substr(p, 24), &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || n < 0 || n > w * h)
      throw std::out_of_range("a mask's rle that is not counts of pixels");
    counts.push_back(n);
    p = text.find_first_not_of(" \t\r\n", p + used);
    if (p != std::string::npos && text[p] == ',') p = text.find_first_not_of(" \t\r\n", p + 1);
  }
  return decodeRuns(counts, w, h, false, {left, top}, b, budget);
}

}  // namespace sdd
