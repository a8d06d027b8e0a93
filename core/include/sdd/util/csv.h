#pragma once
/// CSV helpers (RFC 4180 quoting) shared by every CSV the project writes.

#include <string>

namespace sdd {

/// `s` as one CSV field: quoted, with doubled quotes, when it holds a comma, quote or newline.
inline std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace sdd
