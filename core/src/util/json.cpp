#include "sdd/util/json.h"

#include <cmath>
#include <cstdint>

namespace sdd {

long long jsonInteger(const nlohmann::json& value, long long lo, long long hi) {
  const std::string range = " (" + std::to_string(lo) + " to " + std::to_string(hi) + ")";
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    if (hi < 0 || v > static_cast<std::uint64_t>(hi) || static_cast<long long>(v) < lo)
      throw JsonError(std::to_string(v) + " is out of range" + range);
    return static_cast<long long>(v);
  }
  if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    if (v < lo || v > hi) throw JsonError(std::to_string(v) + " is out of range" + range);
    return v;
  }
  if (value.is_number_float()) {
    const double v = value.get<double>();
    if (v != std::floor(v)) throw JsonError(dumpJson(value) + " is not a whole number");
    // Compared as doubles: the bounds convert exactly enough for the ranges files use.
    if (!(v >= static_cast<double>(lo) && v <= static_cast<double>(hi)))
      throw JsonError(dumpJson(value) + " is out of range" + range);
    return static_cast<long long>(v);
  }
  throw JsonError("a " + std::string(value.type_name()) + " where a number belongs");
}

int jsonDepth(std::string_view text, int stopAt) {
  int depth = 0, deepest = 0;
  bool inString = false, escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest && (deepest = depth) >= stopAt) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

nlohmann::json parseJson(std::string_view text, int maxDepth) {
  if (jsonDepth(text, maxDepth + 1) > maxDepth)
    throw JsonError("JSON nested deeper than " + std::to_string(maxDepth) + " levels");
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    throw JsonError(e.what());
  }
}

std::string dumpJson(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sdd
