#pragma once
/// ASCII case folding for names the program compares (file extensions, folder names): not a
/// locale's lower case, which would change with the user's settings.

#include <algorithm>
#include <cctype>
#include <string>

namespace sdd {

inline std::string asciiLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// `s` without the spaces, tabs and line ends around it.
inline std::string asciiTrim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace sdd
