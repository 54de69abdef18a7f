// SPDX-License-Identifier: Apache-2.0
// src/io/text.cpp - line reading and CSV splitting shared by the text readers.
#include "io/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

namespace minga::io {

namespace {
// The buffer starts small (most inputs are small; fuzzing runs many) and doubles
// up to kLargeBlock as a file proves large. A line longer than the buffer grows it.
constexpr std::size_t kFirstBlock = 1 << 16;
constexpr std::size_t kLargeBlock = 1 << 20;
}

LineReader::LineReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // keep the unfinished tail, at the front
    std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  std::size_t wanted = capacity_;
  if (capacity_ == 0) wanted = kFirstBlock;
  else if (capacity_ - end_ < capacity_ / 2 || capacity_ < kLargeBlock) wanted = capacity_ * 2;  // long line, or large file
  if (wanted != capacity_) {
    std::unique_ptr<char[]> bigger(new char[wanted]);  // not zero-filled: only [0, end_) is ever read
    if (end_ > 0) std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = wanted;
  }
  in_.read(buffer_.get() + end_, static_cast<std::streamsize>(capacity_ - end_));
  std::size_t got = static_cast<std::size_t>(in_.gcount());
  end_ += got;
  if (got == 0) eof_ = true;
  if (in_.bad()) throw Error(Errc::io, Location{name_, line_ + 1, {}}, "read error");
  return got > 0;
}

void LineReader::unread() { replay_ = true; }

bool LineReader::next(std::string_view& line) {
  if (replay_) {
    replay_ = false;
    line = last_;
    return true;
  }
  // The returned view points into buffer_, which only changes inside next().
  for (;;) {
    const char* begin = buffer_.get() + pos_;
    const char* stop = buffer_.get() + end_;
    const char* nl = begin;
    while (nl < stop && *nl != '\n' && *nl != '\r') ++nl;
    if (nl < stop && (*nl == '\n' || nl + 1 < stop || eof_)) {
      std::size_t length = static_cast<std::size_t>(nl - begin);
      std::size_t skip = length + 1;
      if (*nl == '\r' && nl + 1 < stop && nl[1] == '\n') ++skip;
      last_ = std::string_view(begin, length);
      pos_ += skip;
      break;
    }
    const bool saw_break = nl < stop;  // a "\r" at the end of the block: is "\n" next?
    if (!fill()) {
      if (pos_ >= end_) return false;
      if (saw_break) continue;  // now known to end the line
      last_ = std::string_view(buffer_.get() + pos_, end_ - pos_);  // last line without newline
      pos_ = end_;
      break;
    }
  }
  ++line_;
  if (std::memchr(last_.data(), '\0', last_.size()) != nullptr) fail({}, "NUL byte in a text file");
  if (!is_valid_utf8(last_)) fail({}, "invalid UTF-8");
  line = last_;
  return true;
}

void LineReader::fail(std::string_view field, const std::string& reason) const {
  throw_parse_error(at(field), reason);
}

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size(), i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

void split_csv(std::string_view line, char delimiter, std::vector<std::string>& out, const LineReader& where) {
  out.clear();
  std::size_t i = 0, n = line.size();
  for (;;) {
    std::string field;
    // Spaces before an opening quote are tolerated (seen after ';' in real pabulib files).
    std::size_t j = i;
    while (j < n && line[j] == ' ') ++j;
    if (j < n && line[j] == '"') {
      i = j + 1;
      for (;;) {
        if (i >= n) where.fail({}, "unterminated quoted field (column " + std::to_string(out.size() + 1) + ")");
        char c = line[i++];
        if (c == '"') {
          if (i < n && line[i] == '"') {
            field.push_back('"');
            ++i;
          } else {
            break;
          }
        } else {
          field.push_back(c);
        }
      }
      while (i < n && line[i] == ' ') ++i;
      if (i < n && line[i] != delimiter)
        where.fail({}, "text after a closing quote (column " + std::to_string(out.size() + 1) + ")");
    } else {
      std::size_t start = i;
      while (i < n && line[i] != delimiter) ++i;
      field.assign(line.substr(start, i - start));
    }
    out.push_back(std::move(field));
    if (i >= n) break;
    ++i;  // delimiter
    if (i == n) {
      out.emplace_back();
      break;
    }
  }
}

std::string quote_csv(std::string_view field, char delimiter) {
  bool needs = field.find(delimiter) != std::string_view::npos || field.find('"') != std::string_view::npos ||
               field.find('\n') != std::string_view::npos ||
               (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!needs) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string_view trim(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  return text.substr(b, e - b);
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string clipped(std::string_view text) {
  std::string s(text.substr(0, 40));
  if (text.size() > 40) s += "...";
  return s;
}

std::string quoted(std::string_view text) { return "'" + clipped(text) + "'"; }

std::uint64_t parse_count_at(std::string_view text, const Location& where) {
  try {
    return parse_count(text, where.field);
  } catch (const Error& e) {
    std::string reason = e.reason();
    const std::string prefix = where.field + ": ";
    if (!where.field.empty() && reason.rfind(prefix, 0) == 0) reason.erase(0, prefix.size());
    throw Error(e.code(), where, reason);
  }
}

std::uint64_t parse_weight_at(std::string_view text, const Location& where) {
  if (text.find_first_of("./eE") == std::string_view::npos) return parse_count_at(text, where);
  Rational w;
  try {
    w = parse_decimal(text, where.field);
  } catch (const Error&) {
    throw_parse_error(where, quoted(text) + " is not a number");
  }
  if (!is_integer(w)) throw Error(Errc::unsupported, where, "fractional weight " + quoted(text) + ": minga counts whole ballots");
  if (w < 0) throw_parse_error(where, "negative weight " + quoted(text));
  if (w > Rational(~0ull)) throw Error(Errc::limit, where, quoted(text) + " does not fit in 64 bits");
  return numerator(w).convert_to<std::uint64_t>();
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
}

}  // namespace minga::io
