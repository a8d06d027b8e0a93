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

}  // namespace sdd
