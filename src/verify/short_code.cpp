// SPDX-License-Identifier: Apache-2.0
// Short codes: Crockford base32 with a check character over GF(32).
#include "minga/verify/short_code.hpp"

#include <array>

#include "minga/core/error.hpp"

namespace minga::verify {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kDataChars = kShortCodeLength - 1;
constexpr std::size_t kGroup = 5;  // characters before the hyphen

// Multiplication by x in GF(2)[x]/(x^5 + x^2 + 1).
unsigned times_x(unsigned v) {
  v <<= 1;
  if (v & 0x20U) v ^= 0x25U;
  return v;
}

// The check value that brings the recurrence r = x*r XOR d back to 0.
unsigned check_value(const std::array<unsigned, kDataChars>& data) {
  unsigned r = 0;
  for (const unsigned d : data) r = times_x(r) ^ d;
  return times_x(r);
}

// Value of a character under Crockford's reading rules; -1 when it is not a code character.
int symbol_value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'O') return 0;
  if (c == 'I' || c == 'L') return 1;
  const std::size_t at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

[[noreturn]] void fail(const std::string& reason) {
  throw_parse_error(Location{"<short code>", 0, "short code"}, reason);
}

}  // namespace

std::uint64_t short_code_value(const Digest& confirmation_code) noexcept {
  std::uint64_t first48 = 0;
  for (std::size_t i = 0; i < 6; ++i) first48 = (first48 << 8) | confirmation_code[i];
  return first48 >> (48 - kShortCodeBits);
}

std::string short_code_from_value(std::uint64_t value) {
  if (value >> kShortCodeBits != 0) throw Error(Errc::invalid_argument, "a short code value has 45 bits");
  std::array<unsigned, kDataChars> data{};
  for (std::size_t i = 0; i < kDataChars; ++i)
    data[i] = static_cast<unsigned>(value >> (5 * (kDataChars - 1 - i))) & 0x1FU;
  std::string out;
  for (std::size_t i = 0; i < kDataChars; ++i) {
    if (i == kGroup) out += '-';
    out += kAlphabet[data[i]];
  }
  out += kAlphabet[check_value(data)];
  return out;
}

std::string short_code(const Digest& confirmation_code) {
  return short_code_from_value(short_code_value(confirmation_code));
}

std::uint64_t parse_short_code(std::string_view text) {
  std::array<unsigned, kShortCodeLength> values{};
  std::size_t count = 0;
  for (const char c : text) {
    if (c == ' ' || c == '-') continue;
    const int v = symbol_value(c);
    if (v < 0) {
      std::string reason = "character ' ' is not in a short code (0-9 and A-Z without U)";
      reason[11] = c;  // (built in place: GCC 12 misreads the concatenation as out of bounds)
      fail(reason);
    }
    if (count == kShortCodeLength) fail("a short code has 10 characters, this one more");
    values[count++] = static_cast<unsigned>(v);
  }
  if (count != kShortCodeLength) fail("a short code has 10 characters, this one " + std::to_string(count));
  unsigned r = 0;
  for (const unsigned v : values) r = times_x(r) ^ v;
  if (r != 0) fail("the check character does not match: a character is mistyped or two are swapped");
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < kDataChars; ++i) value = (value << 5) | values[i];
  return value;
}

}  // namespace minga::verify
