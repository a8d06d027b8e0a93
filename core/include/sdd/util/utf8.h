#pragma once
/// Text that must be UTF-8. Linux file and folder names are bytes, and a dataset copied from an
/// old Windows share names its class folders in Latin-1 ("Kratzer\xfc"): such a name is made
/// UTF-8 once, where the scan takes it as a class, so that the model file, the journal, JSON
/// outputs and the window all hold the same name. Thread-safety: free functions.

#include <string>

namespace sdd {

/// `text` with each ill-formed UTF-8 sequence (a stray byte, a cut or overlong sequence, a
/// surrogate) replaced by U+FFFD, as the Unicode standard's "maximal subpart" practice does;
/// well-formed text is returned unchanged.
std::string validUtf8(const std::string& text);

}  // namespace sdd
