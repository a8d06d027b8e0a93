#include "args.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace sdd::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valueFlags,
           const std::set<std::string>& switches) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {  // the rest are positionals, even when they begin with '-'
      positionals_.insert(positionals_.end(), argv.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                          argv.end());
      break;
    }
    if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
      if (a.size() >= 2 && a[0] == '-' && a != "-")
        throw CliError("unknown option '" + a + "' (options are spelled --name)");
      positionals_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const auto eq = name.find('=');
    const bool inlineValue = eq != std::string::npos;
    if (inlineValue) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (switches.count(name)) {
      if (inlineValue) throw CliError("--" + name + " takes no value");
      switchesSet_.insert(name);
    } else if (valueFlags.count(name)) {
      if (!inlineValue) {
        if (i + 1 >= argv.size()) throw CliError("--" + name + " needs a value");
        value = argv[++i];
      }
      values_[name] = value;
    } else {
      throw CliError("unknown option '--" + name + "' (see --help)");
    }
  }
}

bool Args::has(const std::string& flag) const {
  return switchesSet_.count(flag) || values_.count(flag);
}

std::string Args::str(const std::string& flag, const std::string& fallback) const {
  const auto it = values_.find(flag);
  return it == values_.end() ? fallback : it->second;
}

int Args::integer(const std::string& flag, int fallback, int min, int max) const {
  const auto it = values_.find(flag);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0' || errno == ERANGE)
    throw CliError("--" + flag + " expects a whole number, got '" + it->second + "'");
  if (v < min || v > max)
    throw CliError("--" + flag + " must be between " + std::to_string(min) + " and " +
                   std::to_string(max) + ", got " + it->second);
  return static_cast<int>(v);
}

double Args::real(const std::string& flag, double fallback, double min, double max) const {
  const auto it = values_.find(flag);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0' || errno == ERANGE || v != v)
    throw CliError("--" + flag + " expects a number, got '" + it->second + "'");
  if (v < min || v > max) {
    std::ostringstream o;
    o << "--" << flag << " must be between " << min << " and " << max << ", got " << it->second;
    throw CliError(o.str());
  }
  return v;
}

std::vector<int> Args::intList(const std::string& flag, const std::vector<int>& fallback) const {
  const auto it = values_.find(flag);
  if (it == values_.end()) return fallback;
  std::vector<int> out;
  std::stringstream ss(it->second);
  std::string item;
  while (std::getline(ss, item, ',')) {
    char* end = nullptr;
    const long v = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v <= 0 || v > 4096)
      throw CliError("--" + flag + " expects comma-separated positive numbers, got '" + it->second +
                     "'");
    out.push_back(static_cast<int>(v));
  }
  if (out.empty()) throw CliError("--" + flag + " needs at least one number");
  return out;
}

std::string Args::choice(const std::string& flag, const std::string& fallback,
                         const std::vector<std::string>& allowed) const {
  const std::string v = str(flag, fallback);
  for (const auto& a : allowed)
    if (a == v) return v;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw CliError("--" + flag + " must be one of " + list + ", got '" + v + "'");
}

}  // namespace sdd::cli
