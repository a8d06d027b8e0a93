#pragma once
/// Text in XML: the entities XML predefines, for the Pascal VOC files we write and the VOC and
/// CVAT files we read.

#include <string>

namespace sdd {

/// `text` with &, <, > and " written as entities (for element text and double-quoted
/// attribute values).
std::string xmlEscape(const std::string& text);

/// The five entities XML predefines decoded (a class name written by our VOC export, or by any
/// tool, may hold & or <); other text is left as it is.
std::string xmlUnescape(std::string text);

}  // namespace sdd
