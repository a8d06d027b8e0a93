#pragma once
/// Quoting for command lines the program prints for the user to run again (the report's
/// "reproduce" line): POSIX shell single quotes.

#include <string>
#include <string_view>
#include <vector>

namespace sdd {

/// `s` as one shell word: unchanged when it holds only safe characters
/// (letters, digits, and @%+=:,./-_), else in single quotes with ' written as '\''.
std::string shellQuote(std::string_view s);

/// The words, each quoted, separated by spaces.
std::string shellCommand(const std::vector<std::string>& words);

}  // namespace sdd
