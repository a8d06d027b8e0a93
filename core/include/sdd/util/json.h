#pragma once
/// The one way the program reads JSON from a file: nesting is limited before the parser
/// runs (a crafted file nested 100,000 levels deep crashed the recursive code that walks the
/// parsed value), and every failure is a JsonError saying what is wrong. And the one way it
/// writes JSON: text that is not UTF-8 (a file name in Latin-1) never stops the writing.
/// Thread-safety: free functions.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sdd {

class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Deeper than this is refused: our own files nest at most 5 levels.
inline constexpr int kMaxJsonDepth = 64;

/// The deepest nesting of arrays and objects in `text` (strings are skipped), counting no
/// further than `stopAt`.
int jsonDepth(std::string_view text, int stopAt = kMaxJsonDepth + 1);

/// Parses `text`; throws JsonError for nesting deeper than `maxDepth` or invalid JSON.
nlohmann::json parseJson(std::string_view text, int maxDepth = kMaxJsonDepth);

/// `value` as a whole number in [lo, hi] (3 or 3.0); throws JsonError for one out of that
/// range, a fraction or anything that is not a number. The one way integers are read from
/// files: nlohmann's get<int>() converts 1e50 or 3.5 with undefined behaviour.
long long jsonInteger(const nlohmann::json& value, long long lo, long long hi);

/// `value` as JSON text (`indent` as nlohmann's dump). File and folder names on Linux are
/// bytes: a byte that is not UTF-8 in one is written as U+FFFD, where nlohmann's dump() throws
/// (a dataset folder named in Latin-1 stopped training when the run's manifest was written).
std::string dumpJson(const nlohmann::json& value, int indent = -1);

}  // namespace sdd
