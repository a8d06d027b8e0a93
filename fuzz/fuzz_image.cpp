// libFuzzer target: image decoding + preprocessing (decodeImage, jpegReduction, toModelInput),
// the path every file the user points us at goes through, and a mask's values (maskValues: a
// palette PNG's indices).
#include <cstdint>
#include <vector>

#include "fuzz_support.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::uint8_t> bytes(data, data + size);
  for (int target : {0, 100}) {  // full decode, and the reduced JPEG decode the default model uses
    const sdd::DecodedImage d = sdd::decodeImage(bytes, target);
    if (d.ok() == d.image.empty()) sdd::fuzz::fail("decodeImage: ok() disagrees with the image");
    if (!d.ok()) continue;
    if (d.image.depth() != CV_8U || (d.image.channels() != 1 && d.image.channels() != 3))
      sdd::fuzz::fail("decodeImage returned something other than 8-bit gray or BGR");
    if (d.palette.size() > 256) sdd::fuzz::fail("decodeImage: a palette of over 256 colours");
    if (const cv::Mat v = sdd::maskValues(d);
        !v.empty() && (v.size() != d.image.size() || v.type() != CV_8UC1))
      sdd::fuzz::fail("maskValues: not one 8-bit plane of the image's size");
    const int k = sdd::jpegReduction(bytes, target);
    if (k != 1 && k != 2 && k != 4 && k != 8) sdd::fuzz::fail("jpegReduction out of range");
    for (int channels : {1, 3}) {
      const cv::Mat in = sdd::toModelInput(d.image, 24, channels);
      if (in.rows != 24 || in.cols != 24 || in.channels() != channels || in.depth() != CV_8U)
        sdd::fuzz::fail("toModelInput: wrong shape");
    }
  }
  return 0;
}
