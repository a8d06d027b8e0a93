#include "image_header.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace sdd::header {
namespace {

bool startsWith(const Bytes& b, std::initializer_list<std::uint8_t> sig, std::size_t at = 0) {
  return b.size() >= at + sig.size() && std::equal(sig.begin(), sig.end(), b.begin() + at);
}

std::uint32_t be32(const Bytes& b, std::size_t at) {
  return (std::uint32_t(b[at]) << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
}
std::uint32_t le32(const Bytes& b, std::size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (std::uint32_t(b[at + 3]) << 24);
}

// The first IFD's SHORT and LONG tags (for a list, its first value when it is stored inline);
// empty when the header is too short to say.
std::map<std::uint32_t, std::uint32_t> tiffTags(const Bytes& b) {
  std::map<std::uint32_t, std::uint32_t> tags;
  if (b.size() < 8) return tags;
  const bool little = b[0] == 'I';
  auto u16 = [&](std::size_t at) -> std::uint32_t {
    return little ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  };
  auto u32 = [&](std::size_t at) -> std::uint32_t {
    return little ? u16(at) | (u16(at + 2) << 16) : (u16(at) << 16) | u16(at + 2);
  };
  const std::size_t ifd = u32(4);
  if (ifd + 2 > b.size()) return tags;
  const std::size_t n = u16(ifd);
  for (std::size_t i = 0; i < n && ifd + 2 + 12 * (i + 1) <= b.size(); ++i) {
    const std::size_t e = ifd + 2 + 12 * i;
    const std::uint32_t tag = u16(e), type = u16(e + 2), count = u32(e + 4);
    if ((type == 3 && count <= 2) || (type == 4 && count == 1))  // SHORT or LONG, inline
      tags.emplace(tag, type == 3 ? u16(e + 8) : u32(e + 8));
  }
  return tags;
}

// libjpeg "repairs" a truncated JPEG by padding it with grey and OpenCV returns that as a
// valid image, so truncation has to be detected by looking for the end-of-image marker.
bool hasJpegEnd(const Bytes& b) {
  const std::size_t window = std::min<std::size_t>(b.size(), 4096);
  for (std::size_t i = b.size() - 1; i > b.size() - window; --i) {
    if (b[i] == 0xD9 && b[i - 1] == 0xFF) return true;
  }
  return false;
}

bool hasPngEnd(const Bytes& b) {
  static const std::uint8_t iend[] = {'I', 'E', 'N', 'D'};
  return b.size() >= 12 && std::search(b.end() - std::min<std::size_t>(b.size(), 64), b.end(),
                                       std::begin(iend), std::end(iend)) != b.end();
}

// The header of a portable any-map (P1 … P6): "P5", width, height and (except for bitmaps) the
// maximum value, as decimal numbers between white space and #-comments; `end` is the offset
// of the pixel data (one white-space byte after the last number).
struct PnmHeader {
  int kind = 0;  // the digit after 'P'
  std::uint64_t width = 0, height = 0, maxValue = 1;
  std::size_t end = 0;
};

bool readPnmHeader(const Bytes& b, PnmHeader& h) {
  if (b.size() < 3 || b[0] != 'P' || b[1] < '1' || b[1] > '6') return false;
  h.kind = b[1] - '0';
  const int numbers = (h.kind == 1 || h.kind == 4) ? 2 : 3;
  std::uint64_t values[3] = {0, 0, 1};
  std::size_t i = 2;
  for (int n = 0; n < numbers; ++n) {
    while (i < b.size() && (std::isspace(b[i]) || b[i] == '#')) {
      if (b[i] == '#')
        while (i < b.size() && b[i] != '\n') ++i;
      else
        ++i;
    }
    if (i >= b.size() || !std::isdigit(b[i])) return false;
    std::uint64_t v = 0;
    for (; i < b.size() && std::isdigit(b[i]); ++i) {
      v = v * 10 + std::uint64_t(b[i] - '0');
      if (v >= (1ull << 31)) return false;  // products of three stay far from overflowing
    }
    values[n] = v;
  }
  h.width = values[0];
  h.height = values[1];
  h.maxValue = values[2];
  h.end = i + 1;
  return h.width > 0 && h.height > 0;
}

}  // namespace

Format sniff(const Bytes& b) {
  if (startsWith(b, {0xFF, 0xD8, 0xFF})) return Format::Jpeg;
  if (startsWith(b, {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) return Format::Png;
  if (startsWith(b, {'B', 'M'})) return Format::Bmp;
  if (startsWith(b, {'I', 'I', 42, 0}) || startsWith(b, {'M', 'M', 0, 42})) return Format::Tiff;
  if (startsWith(b, {'R', 'I', 'F', 'F'}) && startsWith(b, {'W', 'E', 'B', 'P'}, 8))
    return Format::Webp;
  if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && std::isspace(b[2]))
    return Format::Pnm;
  return Format::Unknown;
}

std::string truncation(const Bytes& b, Format format) {
  switch (format) {
    case Format::Jpeg:
      return hasJpegEnd(b) ? "" : "truncated JPEG (no end-of-image marker)";
    case Format::Png:
      return hasPngEnd(b) ? "" : "truncated PNG (no IEND chunk)";
    case Format::Bmp: {  // a BMP declares its file size; a shorter file is truncated
      if (b.size() < 54) return "truncated BMP (shorter than its header declares)";
      const std::uint32_t declared = le32(b, 2);
      return declared == 0 || b.size() >= declared
                 ? ""
                 : "truncated BMP (shorter than its header declares)";
    }
    case Format::Webp:  // the RIFF container declares its length after the first 8 bytes
      return b.size() >= 12 && b.size() >= std::uint64_t(le32(b, 4)) + 8
                 ? ""
                 : "truncated WebP (shorter than its RIFF header declares)";
    case Format::Pnm: {  // binary maps: width x height x samples, 1 or 2 bytes each
      PnmHeader h;
      if (!readPnmHeader(b, h)) return "truncated or malformed PNM header";
      if (h.kind < 4) return "";  // plain (ASCII) maps: the decoder checks the numbers
      const std::uint64_t sample = h.maxValue > 255 ? 2 : 1;
      const std::uint64_t need = h.kind == 4   ? (h.width + 7) / 8 * h.height
                                 : h.kind == 5 ? h.width * h.height * sample
                                               : h.width * h.height * 3 * sample;
      return b.size() >= h.end && b.size() - h.end >= need
                 ? ""
                 : "truncated PNM (fewer pixels than its header declares)";
    }
    case Format::Tiff:
    case Format::Unknown:
      break;
  }
  return "";
}

namespace {

// Walks a JPEG's markers from its start: `visit(marker, at)` (at: the marker's 0xFF; at + 9 is
// within the data) for each marker that has a length field, until `visit` returns true.
// Returns whether it did.
template <typename Visit>
bool walkJpegMarkers(const Bytes& b, Visit visit) {
  std::size_t i = 2;
  while (i + 9 < b.size()) {
    if (b[i] != 0xFF) {  // garbage between segments: libjpeg skips to the next marker, so do we
      ++i;
      continue;
    }
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    // A stuffed 0xFF (FF 00) is no marker: libjpeg skips it as garbage, so do we (fuzz_image
    // found a 720-megapixel SOF behind one, which escaped the size rule).
    if (marker == 0x00) {
      i += 2;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length field
      i += 2;
      continue;
    }
    if (visit(marker, i)) return true;
    i += 2 + ((b[i + 2] << 8) | b[i + 3]);
  }
  return false;
}

// Calls visit(offset of the chunk's type, its data's length) for each whole chunk after the
// signature (length, type, data, CRC) before the image data, until visit returns true.
template <typename Visit>
void walkPngChunks(const Bytes& b, Visit visit) {
  for (std::size_t i = 8; i + 8 <= b.size();) {
    const std::uint32_t length = be32(b, i);
    if (startsWith(b, {'I', 'D', 'A', 'T'}, i + 4) || length > b.size() - i - 8) return;
    if (visit(i + 4, length)) return;
    i += 12 + std::size_t(length);
  }
}

bool isStartOfFrame(std::uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

}  // namespace

bool jpegSize(const Bytes& b, int& width, int& height) {
  return walkJpegMarkers(b,
                         [&](std::uint8_t marker, std::size_t at) {
                           if (!isStartOfFrame(marker)) return false;
                           height = (b[at + 5] << 8) | b[at + 6];
                           width = (b[at + 7] << 8) | b[at + 8];
                           return true;
                         }) &&
         width > 0 && height > 0;
}

int jpegOrientation(const Bytes& b) {
  int orientation = 1;
  walkJpegMarkers(b, [&](std::uint8_t marker, std::size_t at) {
    if (isStartOfFrame(marker) || marker == 0xDA) return true;  // the image data: no EXIF after
    const std::size_t end = std::min(b.size(), at + 2 + ((b[at + 2] << 8) | b[at + 3]));
    static const char kExif[] = {'E', 'x', 'i', 'f', 0, 0};
    if (marker != 0xE1 || end < at + 10 || !std::equal(kExif, kExif + 6, b.begin() + at + 4))
      return false;
    const auto tags = tiffTags(Bytes(b.begin() + at + 10, b.begin() + end));
    const auto it = tags.find(0x0112);
    if (it != tags.end() && it->second >= 1 && it->second <= 8) orientation = int(it->second);
    return true;
  });
  return orientation;
}

bool declaredSize(const Bytes& b, Format format, std::uint64_t& w, std::uint64_t& h) {
  switch (format) {
    case Format::Jpeg: {
      int jw = 0, jh = 0;
      if (!jpegSize(b, jw, jh)) return false;
      w = static_cast<std::uint64_t>(jw);
      h = static_cast<std::uint64_t>(jh);
      return true;
    }
    case Format::Png:
      if (b.size() < 24) return false;
      w = be32(b, 16);
      h = be32(b, 20);
      return true;
    case Format::Bmp: {
      if (b.size() < 26) return false;
      const auto sw = static_cast<std::int32_t>(le32(b, 18)),
                 sh = static_cast<std::int32_t>(le32(b, 22));
      w = static_cast<std::uint64_t>(sw < 0 ? -static_cast<std::int64_t>(sw) : sw);
      h = static_cast<std::uint64_t>(sh < 0 ? -static_cast<std::int64_t>(sh) : sh);
      return true;
    }
    case Format::Tiff: {
      const auto tags = tiffTags(b);
      w = tags.count(256) ? tags.at(256) : 0;
      h = tags.count(257) ? tags.at(257) : 0;
      return w > 0 && h > 0;
    }
    case Format::Webp: {  // the first chunk: extended (canvas), lossy or lossless frame
      if (b.size() < 30) return false;
      if (startsWith(b, {'V', 'P', '8', 'X'}, 12)) {
        w = 1 + (b[24] | (b[25] << 8) | (std::uint32_t(b[26]) << 16));
        h = 1 + (b[27] | (b[28] << 8) | (std::uint32_t(b[29]) << 16));
        return true;
      }
      if (startsWith(b, {'V', 'P', '8', ' '}, 12)) {
        w = (b[26] | (b[27] << 8)) & 0x3FFF;
        h = (b[28] | (b[29] << 8)) & 0x3FFF;
        return w > 0 && h > 0;
      }
      if (startsWith(b, {'V', 'P', '8', 'L'}, 12)) {
        const std::uint32_t bits = le32(b, 21);
        w = 1 + (bits & 0x3FFF);
        h = 1 + ((bits >> 14) & 0x3FFF);
        return true;
      }
      return false;
    }
    case Format::Pnm: {
      PnmHeader p;
      if (!readPnmHeader(b, p)) return false;
      w = p.width;
      h = p.height;
      return true;
    }
    case Format::Unknown:
      break;
  }
  return false;
}

int significantBits(const Bytes& b, Format format) {
  if (format == Format::Pnm) {
    PnmHeader p;
    if (!readPnmHeader(b, p) || p.kind == 1 || p.kind == 4) return 0;
    int bits = 0;
    while (bits < 16 && (1ull << bits) <= p.maxValue) ++bits;
    return bits;
  }
  if (format != Format::Png) return 0;
  // sBIT: one byte per channel (grey, RGB, with alpha), the colour channels' largest counts.
  int bits = 0;
  walkPngChunks(b, [&](std::size_t type, std::uint32_t length) {
    if (!startsWith(b, {'s', 'B', 'I', 'T'}, type) || length < 1 || length > 4) return false;
    const std::size_t colours = length == 2 ? 1 : std::min<std::size_t>(length, 3);
    for (std::size_t k = 0; k < colours; ++k) bits = std::max<int>(bits, b[type + 4 + k]);
    return true;
  });
  return bits;
}

std::vector<std::array<std::uint8_t, 3>> pngPalette(const Bytes& b) {
  std::vector<std::array<std::uint8_t, 3>> palette;
  // IHDR comes first: its colour type (3: palette) is the tenth byte of its data.
  if (b.size() < 26 || !startsWith(b, {'I', 'H', 'D', 'R'}, 12) || b[25] != 3) return palette;
  walkPngChunks(b, [&](std::size_t type, std::uint32_t length) {
    if (!startsWith(b, {'P', 'L', 'T', 'E'}, type)) return false;
    if (length % 3 == 0 && length <= 768)
      for (std::size_t k = type + 4; k < type + 4 + length; k += 3)
        palette.push_back({b[k], b[k + 1], b[k + 2]});
    return true;
  });
  return palette;
}

std::string undecodable(const Bytes& b, Format format) {
  if (format != Format::Tiff) return {};
  // OpenCV 4.6 reads 32- and 64-bit TIFF samples only as floating point or signed integers
  // (SampleFormat 3 or 2; 1, unsigned, is also what a file without the tag means).
  const auto tags = tiffTags(b);
  const std::uint32_t bits = tags.count(258) ? tags.at(258) : 1,
                      sampleFormat = tags.count(339) ? tags.at(339) : 1;
  if (bits >= 32 && sampleFormat == 1)
    return "a TIFF of " + std::to_string(bits) +
           "-bit unsigned integer samples, which the decoder does not read (save it as 8- or "
           "16-bit)";
  return {};
}

}  // namespace sdd::header
