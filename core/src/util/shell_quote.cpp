#include "sdd/util/shell_quote.h"

#include <cctype>

namespace sdd {

std::string shellQuote(std::string_view s) {
  bool safe = !s.empty();
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("@%+=:,./-_").find(c) == std::string_view::npos)
      safe = false;
  if (safe) return std::string(s);
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string shellCommand(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + shellQuote(w);
  return out;
}

}  // namespace sdd
