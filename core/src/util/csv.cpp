#include "sdd/util/csv.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace sdd {

bool csvNeedsInjectionGuard(std::string_view s) {
  return !s.empty() &&
         (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

std::string csvField(std::string_view s) {
  const bool guard = csvNeedsInjectionGuard(s);
  if (!guard && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = guard ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

CsvWriter::CsvWriter(const std::vector<std::string>& header) : columns_(header.size()) {
  for (const auto& h : header) text(h);
  endRow();
  rows_ = 0;
}

void CsvWriter::field(const std::string& s) {
  if (inRow_++) out_ += ',';
  out_ += s;
}

CsvWriter& CsvWriter::text(std::string_view s) {
  field(csvField(s));
  return *this;
}

namespace {
std::string formatNumber(double v, const char* format, int digits) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[400];  // %f of 1e308 has 309 digits
  std::snprintf(buf, sizeof buf, format, digits, v);
  return buf;
}
}  // namespace

CsvWriter& CsvWriter::number(double v, int digits) {
  field(formatNumber(v, "%.*g", digits));
  return *this;
}

CsvWriter& CsvWriter::fixed(double v, int decimals) {
  field(formatNumber(v, "%.*f", decimals));
  return *this;
}

CsvWriter& CsvWriter::integer(long long v) {
  field(std::to_string(v));
  return *this;
}

CsvWriter& CsvWriter::empty() {
  field({});
  return *this;
}

void CsvWriter::endRow() {
  if (inRow_ != columns_)
    throw std::logic_error("CSV row with " + std::to_string(inRow_) + " fields under a header of " +
                           std::to_string(columns_));
  out_ += '\n';
  inRow_ = 0;
  ++rows_;
}

char guessCsvDelimiter(const std::string& text) {
  std::size_t comma = 0, semicolon = 0, tab = 0, space = 0;
  bool quoted = false;
  for (const char c : text.substr(0, text.find('\n'))) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
    space += c == ' ';
  }
  if (comma + semicolon + tab == 0) return space ? ' ' : ',';
  if (semicolon > comma && semicolon >= tab) return ';';
  return tab > comma ? '\t' : ',';
}

std::vector<CsvRecord> parseCsv(const std::string& text, char delimiter) {
  const bool spaces = delimiter == ' ';
  const auto isDelimiter = [&](char c) { return spaces ? c == ' ' || c == '\t' : c == delimiter; };
  std::vector<CsvRecord> out;
  std::size_t i = 0, line = 1;
  while (i < text.size()) {
    CsvRecord r;
    r.line = line;
    r.fields.resize(1);
    std::vector<std::string>& fields = r.fields;
    bool quotedField = false;
    // One record: fields until an unquoted newline or the end.
    while (i < text.size()) {
      const char c = text[i];
      if (c == '"' && fields.back().empty() && !quotedField) {
        quotedField = true;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              fields.back() += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line;
          fields.back() += text[i++];
        }
        if (!closed) {
          r.error = "unclosed quote";
        } else if (i < text.size() && !isDelimiter(text[i]) && text[i] != '\n' && text[i] != '\r') {
          r.error = "text after a closing quote";
          while (i < text.size() && text[i] != '\n') ++i;
        }
        continue;
      }
      if (isDelimiter(c)) {
        // With runs of white space: one field boundary per run, none before the first field.
        if (!spaces || !fields.back().empty() || quotedField) fields.emplace_back();
        quotedField = false;
        ++i;
        continue;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        continue;
      }
      if (c == '\n') {
        ++i;
        ++line;
        break;
      }
      if (c == '\0') r.error = "NUL byte";
      fields.back() += c;
      ++i;
    }
    if (spaces && fields.size() > 1 && fields.back().empty() && !quotedField)
      fields.pop_back();  // white space at the end of the line
    if (fields.size() == 1 && fields[0].empty() && r.error.empty()) continue;  // blank line
    if (r.error.empty())
      for (auto& f : fields)
        if (f.size() > 1 && f[0] == '\'' && csvNeedsInjectionGuard(std::string_view(f).substr(1)))
          f.erase(0, 1);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace sdd
