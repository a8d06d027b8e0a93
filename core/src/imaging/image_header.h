#pragma once
/// What an image file's bytes say before it is decoded: its format (by signature, not by
/// name), whether it is complete, the size it declares and the bits per sample it declares
/// significant. Private to core: image_loader.cpp decides with it what to decode and how.
/// Thread-safety: plain functions over bytes.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace sdd::header {

using Bytes = std::vector<std::uint8_t>;

enum class Format { Unknown, Jpeg, Png, Bmp, Tiff, Webp, Pnm };

Format sniff(const Bytes& b);

/// Why a file of that format is incomplete ("truncated PNG (no IEND chunk)"), or empty when it
/// is complete or the format cannot tell.
std::string truncation(const Bytes& b, Format format);

/// Width and height from the header; false when it is too short to say (or the format keeps
/// them where we do not look).
bool declaredSize(const Bytes& b, Format format, std::uint64_t& width, std::uint64_t& height);

/// Why a complete file of that format cannot be decoded here (a kind the decoder does not read,
/// which it would only report on stderr without the file's name), or empty.
std::string undecodable(const Bytes& b, Format format);

/// Width and height from a JPEG's start-of-frame marker; false when none is found.
bool jpegSize(const Bytes& b, int& width, int& height);

/// A JPEG's EXIF orientation (1 to 8; 1, as stored, when it has none): how viewers, and
/// OpenCV's decoder, turn or mirror the stored pixels (6: a quarter turn clockwise).
int jpegOrientation(const Bytes& b);

/// The bits per sample the file says are significant: a PNG's sBIT chunk, a PNM's maximum
/// value. 0 when it does not say.
int significantBits(const Bytes& b, Format format);

/// A palette PNG's colours (red, green, blue) by index; empty for any other file. OpenCV
/// decodes such a file to its colours; a class-indexed mask stored so (Pascal VOC's
/// SegmentationClass/) means the indices.
std::vector<std::array<std::uint8_t, 3>> pngPalette(const Bytes& b);

}  // namespace sdd::header
