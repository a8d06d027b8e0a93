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

}  // namespace sdd
