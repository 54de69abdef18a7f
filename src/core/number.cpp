// SPDX-License-Identifier: Apache-2.0
// src/core/number.cpp - exact decimal parsing and printing.
#include "minga/core/number.hpp"

#include <limits>

#include "minga/core/error.hpp"

namespace minga {

namespace {

// Exponents beyond this are refused: 10^100000 is already a 41 KB integer and
// no election input needs it; unbounded exponents would let a tiny file
// exhaust memory.
constexpr long kMaxExponent = 4096;
constexpr std::size_t kMaxDigits = 4096;

[[noreturn]] void bad(std::string_view text, std::string_view what_for, const char* why) {
  std::string shown(text.substr(0, 40));
  if (text.size() > 40) shown += "...";
  throw Error(Errc::parse, std::string(what_for) + ": '" + shown + "' is not " + why);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Integer pow10(unsigned long e) {
  Integer r = 1;
  Integer base = 10;
  while (e) {
    if (e & 1) r *= base;
    base *= base;
    e >>= 1;
  }
  return r;
}

Integer digits_to_integer(std::string_view digits) {
  // Leading zeros go first: Boost reads a string that starts with '0' as octal.
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  // Fast path for up to 18 digits.
  if (digits.size() <= 18) {
    std::int64_t v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return Integer(v);
  }
  return Integer(std::string(digits));
}

}  // namespace

Integer parse_integer(std::string_view text, std::string_view what_for) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (!all_digits(body)) bad(text, what_for, "an integer");
  if (body.size() > kMaxDigits) throw Error(Errc::limit, std::string(what_for) + ": integer with more than 4096 digits");
  Integer v = digits_to_integer(body);
  return negative ? Integer(-v) : v;
}

std::uint64_t parse_count(std::string_view text, std::string_view what_for) {
  if (!all_digits(text)) bad(text, what_for, "a non-negative integer");
  std::uint64_t v = 0;
  for (char c : text) {
    unsigned d = static_cast<unsigned>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10)
      throw Error(Errc::limit, std::string(what_for) + ": '" + std::string(text.substr(0, 40)) + "' does not fit in 64 bits");
    v = v * 10 + d;
  }
  return v;
}

Rational parse_decimal(std::string_view text, std::string_view what_for) {
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    Integer p = parse_integer(text.substr(0, slash), what_for);
    std::string_view qs = text.substr(slash + 1);
    if (!all_digits(qs)) bad(text, what_for, "a fraction p/q");
    Integer q = parse_integer(qs, what_for);
    if (q == 0) bad(text, what_for, "a fraction with a non-zero denominator");
    return Rational(p, q);
  }
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  long exponent = 0;
  if (auto e = s.find_first_of("eE"); e != std::string_view::npos) {
    std::string_view es = s.substr(e + 1);
    bool eneg = false;
    if (!es.empty() && (es[0] == '-' || es[0] == '+')) {
      eneg = es[0] == '-';
      es.remove_prefix(1);
    }
    if (!all_digits(es)) bad(text, what_for, "a decimal number");
    if (es.size() > 6) throw Error(Errc::limit, std::string(what_for) + ": exponent out of range");
    exponent = std::stol(std::string(es));
    if (eneg) exponent = -exponent;
    s = s.substr(0, e);
  }
  std::string_view whole = s, frac;
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    whole = s.substr(0, dot);
    frac = s.substr(dot + 1);
  }
  if (whole.empty() && frac.empty()) bad(text, what_for, "a decimal number");
  if ((!whole.empty() && !all_digits(whole)) || (!frac.empty() && !all_digits(frac)))
    bad(text, what_for, "a decimal number");
  if (whole.size() + frac.size() > kMaxDigits)
    throw Error(Errc::limit, std::string(what_for) + ": number with more than 4096 digits");
  exponent -= static_cast<long>(frac.size());
  if (exponent > kMaxExponent || exponent < -kMaxExponent)
    throw Error(Errc::limit, std::string(what_for) + ": exponent out of range");
  std::string digits;
  digits.reserve(whole.size() + frac.size());
  digits.append(whole).append(frac);
  Integer mantissa = digits_to_integer(digits.empty() ? std::string_view("0") : std::string_view(digits));
  if (negative) mantissa = -mantissa;
  if (exponent >= 0) return Rational(Integer(mantissa * pow10(static_cast<unsigned long>(exponent))));
  return Rational(mantissa, pow10(static_cast<unsigned long>(-exponent)));
}

bool is_integer(const Rational& value) { return denominator(value) == 1; }

std::string to_exact_string(const Rational& value) {
  const Integer& num = numerator(value);
  Integer den = denominator(value);
  if (den == 1) return num.str();
  // Terminating decimal iff den = 2^a 5^b.
  unsigned twos = 0, fives = 0;
  Integer d = den;
  while (d % 2 == 0) {
    d /= 2;
    ++twos;
  }
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  if (d != 1) return num.str() + "/" + den.str();
  return to_fixed_string(value, std::max(twos, fives));
}

std::string to_fixed_string(const Rational& value, unsigned digits) {
  const Integer& num = numerator(value);
  const Integer& den = denominator(value);
  Integer scaled = abs(num) * pow10(digits) / den;  // truncation toward zero
  std::string s = scaled.str();
  if (digits > 0) {
    if (s.size() <= digits) s.insert(0, digits + 1 - s.size(), '0');
    s.insert(s.size() - digits, ".");
  }
  if (num < 0 && scaled != 0) s.insert(0, "-");
  return s;
}

Integer common_denominator(std::span<const Rational> values) {
  Integer l = 1;
  for (const Rational& v : values) l = boost::multiprecision::lcm(l, Integer(denominator(v)));
  return l;
}

}  // namespace minga
