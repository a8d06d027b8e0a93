#include "sdd/util/utf8.h"

namespace sdd {

std::string validUtf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out += text[i++];
      continue;
    }
    // The sequence's length and the range of its second byte (Unicode 15, table 3-7).
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    }
    std::size_t valid = length ? 1 : 0;  // bytes of the sequence that are right so far
    while (valid && valid < length && i + valid < n) {
      const auto c = static_cast<unsigned char>(text[i + valid]);
      if (c < (valid == 1 ? lo : 0x80) || c > (valid == 1 ? hi : 0xBF)) break;
      ++valid;
    }
    if (length && valid == length) {
      out.append(text, i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD for the maximal subpart, or the one stray byte
      i += valid ? valid : 1;
    }
  }
  return out;
}

}  // namespace sdd
