// SPDX-License-Identifier: Apache-2.0
// src/io/text.hpp - (internal) line reading and CSV splitting shared by the text readers.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/core/number.hpp"

namespace minga::io {

/// Reads lines in large blocks. Strips "\n" and "\r\n"; a lone "\r" ends a
/// line too. Checks UTF-8 and refuses NUL bytes, naming the line.
class LineReader {
 public:
  LineReader(std::istream& in, std::string name);

  /// Next line, or false at the end. The view lives until the next call.
  bool next(std::string_view& line);
  /// Puts the last line back: the next call to next() returns it again.
  void unread();
  /// 1-based number of the line last returned.
  std::uint64_t line_number() const noexcept { return line_; }
  const std::string& name() const noexcept { return name_; }
  /// A Location at the current line, with an optional field.
  Location at(std::string_view field = {}) const { return Location{name_, line_, std::string(field)}; }
  [[noreturn]] void fail(std::string_view field, const std::string& reason) const;

 private:
  bool fill();

  std::istream& in_;
  std::string name_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool replay_ = false;
  std::string_view last_;
  std::uint64_t line_ = 0;
};

/// True when `text` is valid UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

/// Splits one CSV record on `delimiter`, honouring double quotes ("" inside a
/// quoted field is one "). Fields are unquoted into `out`. Throws at `where`
/// on an unterminated quote or text after a closing quote.
void split_csv(std::string_view line, char delimiter, std::vector<std::string>& out, const LineReader& where);

/// Quotes a field for CSV output when it holds the delimiter, a quote or spaces at its ends.
std::string quote_csv(std::string_view field, char delimiter);

std::string_view trim(std::string_view text);
/// ASCII lower-casing (identifiers and tokens only).
std::string lower_ascii(std::string_view text);
bool iequals(std::string_view a, std::string_view b);

/// A value as shown in an error message: cut to 40 bytes ("..." after), unquoted / quoted.
std::string clipped(std::string_view text);
std::string quoted(std::string_view text);

/// parse_count() with the error placed at `where`.
std::uint64_t parse_count_at(std::string_view text, const Location& where);

/// A whole number of ballots: "12", or a decimal with an integer value ("12.0").
/// A fraction is Error(unsupported): minga counts whole ballots.
std::uint64_t parse_weight_at(std::string_view text, const Location& where);

/// Splits `text` on `separator` without quoting rules.
std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace minga::io
