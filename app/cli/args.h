#pragma once
/// Command-line parsing for `sdd`: `sdd <command> [positionals] [--flag value|--flag=value]`;
/// after a lone `--` every argument is a positional.
/// Unknown flags and bad values throw CliError with a message naming the flag.

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace sdd::cli {

class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  /// `valueFlags` take a value; `switches` do not. Both without the leading "--".
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valueFlags,
       const std::set<std::string>& switches);

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool has(const std::string& flag) const;
  std::string str(const std::string& flag, const std::string& fallback) const;
  int integer(const std::string& flag, int fallback, int min, int max) const;
  double real(const std::string& flag, double fallback, double min, double max) const;
  std::vector<int> intList(const std::string& flag, const std::vector<int>& fallback) const;
  std::string choice(const std::string& flag, const std::string& fallback,
                     const std::vector<std::string>& allowed) const;

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> values_;
  std::set<std::string> switchesSet_;
};

}  // namespace sdd::cli
