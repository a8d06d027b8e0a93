#pragma once
/// SHA-1 (FIPS 180-1), for names derived from paths (the default workspace of a dataset), not
/// for security.

#include <string>
#include <string_view>

namespace sdd {

/// The SHA-1 digest of `data` as 40 lower-case hex digits.
std::string sha1Hex(std::string_view data);

}  // namespace sdd
