#pragma once
/// Base64 (RFC 4648, the standard alphabet), as labeling tools embed binary data in JSON
/// (Supervisely's bitmap masks).

#include <optional>
#include <string>
#include <string_view>

namespace sdd {

/// `bytes` in base64, padded with '='.
std::string encodeBase64(std::string_view bytes);

/// The bytes `text` encodes; white space is skipped and the '=' padding may be left out.
/// Nothing for any other character, a misplaced '=' or a length no encoder writes.
std::optional<std::string> decodeBase64(std::string_view text);

}  // namespace sdd
