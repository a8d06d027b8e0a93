#pragma once
/// The width of a UTF-8 string in a terminal's columns, for the plain-text tables the CLI and
/// the reports print: std::setw counts bytes, so a class folder named "划痕" or "Kratzer ü"
/// pushed every column after it out of line. East Asian wide characters take two columns,
/// every other code point one (combining marks and emoji are not told apart: rare in names).

#include <cstddef>
#include <cstdint>
#include <string>

namespace sdd {

inline std::size_t displayWidth(const std::string& s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t length = b < 0x80         ? 1
                               : (b >> 5) == 6  ? 2
                               : (b >> 4) == 14 ? 3
                               : (b >> 3) == 30 ? 4
                                                : 1;
    std::uint32_t cp = length == 1   ? b
                       : length == 2 ? (b & 0x1F)
                       : length == 3 ? (b & 0x0F)
                                     : (b & 0x07);
    for (std::size_t k = 1; k < length && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

/// `s` followed by spaces up to `width` columns (nothing added when it is wider).
inline std::string padRight(const std::string& s, std::size_t width) {
  const std::size_t w = displayWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}
/// Spaces up to `width` columns, then `s`.
inline std::string padLeft(const std::string& s, std::size_t width) {
  const std::size_t w = displayWidth(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

}  // namespace sdd
