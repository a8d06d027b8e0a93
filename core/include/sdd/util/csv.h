#pragma once
/// The one CSV writer of the project: RFC 4180 quoting (fields holding a comma, quote or line
/// break are quoted, quotes doubled), the same number of fields in every row, and OWASP's
/// guard against CSV injection: a text cell that begins with =, +, -, @, TAB or CR (which a
/// spreadsheet would run as a formula) is written with a leading ' and quoted. Numbers are
/// written as numbers. Rows end with "\n". Thread-safety: a CsvWriter is a plain value.

#include <string>
#include <string_view>
#include <vector>

namespace sdd {

/// `s` as one CSV text field (quoted and injection-guarded as above).
std::string csvField(std::string_view s);

/// True when a text cell starting with `s` is injection-guarded by csvField (its first
/// character is =, +, -, @, TAB or CR). Readers of our own CSVs use it to undo the guard.
bool csvNeedsInjectionGuard(std::string_view s);

/// One record of CSV text read by parseCsv.
struct CsvRecord {
  std::size_t line = 0;  ///< 1-based line where the record starts
  std::vector<std::string> fields;
  std::string error;  ///< why the record is unreadable (then `fields` is partial); empty if fine
};
/// Reads CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, line breaks inside
/// quotes), blank lines skipped. Never throws: an unclosed quote, text after a closing quote
/// or a NUL byte marks that record's `error` and reading goes on. The injection guard of
/// our writer is undone ('=x is read back as =x). `delimiter` may be ';' or '\t' as well;
/// ' ' splits at runs of spaces and tabs (leading and trailing ones ignored), as header-less
/// lists ("images/cell0001.png  1.0  mono") are written.
std::vector<CsvRecord> parseCsv(const std::string& text, char delimiter = ',');

/// The delimiter of delimited text, from its first line: ',', ';' or '\t', whichever occurs
/// most outside quotes; ' ' (runs of white space) when none does but a space does.
char guessCsvDelimiter(const std::string& text);

class CsvWriter {
 public:
  /// The header row; every later row must have as many fields.
  explicit CsvWriter(const std::vector<std::string>& header);

  CsvWriter& text(std::string_view s);
  /// `v` with `digits` significant digits (%g); NaN and infinities as "nan", "inf", "-inf".
  CsvWriter& number(double v, int digits = 6);
  /// `v` with `decimals` digits after the point (%f).
  CsvWriter& fixed(double v, int decimals);
  CsvWriter& integer(long long v);
  CsvWriter& empty();
  /// Ends the row. Throws std::logic_error when it does not have the header's field count
  /// (a programming error: every row of a CSV must line up with its header).
  void endRow();

  std::size_t columns() const { return columns_; }
  std::size_t rows() const { return rows_; }
  /// The whole file so far (header included).
  const std::string& str() const { return out_; }

 private:
  void field(const std::string& s);
  std::string out_;
  std::size_t columns_ = 0, inRow_ = 0, rows_ = 0;
};

}  // namespace sdd
