// SPDX-License-Identifier: Apache-2.0
// minga/verify/short_code.hpp - a ballot's short code: 10 characters a voter can read aloud or send by SMS.
//
// The short code of a 32-byte confirmation code is its first 45 bits written as
// 9 characters of Crockford's base32 alphabet, plus one check character, shown
// in two groups of five:  "2M3D7-HPKWP".
//
//   alphabet   0123456789ABCDEFGHJKMNPQRSTVWXYZ  (value = position; no I, L, O, U)
//   data       bits 0..44 of the code, most significant bit of byte 0 first, 5 bits a
//              character: the 9 characters are the first 9 of the code's base32 form
//   check      Damm-style check over GF(32) = GF(2)[x]/(x^5 + x^2 + 1): r = 0; for each
//              data value d: r = 2r XOR d (2r: multiply by x); check value = 2r. A code is
//              valid when the same recurrence over all 10 values ends at 0.
//
// The check detects every single-character substitution (each step is a
// bijection in both arguments) and every transposition of adjacent characters,
// the check character included: swapping values d, e at neighbouring positions
// changes the final r by (d XOR e) * x^k * (x + 1), never 0 in a field when d != e.
// (It also catches swaps of characters two apart, since (x+1)^2 != 0.) The tests
// verify both claims exhaustively over every position and every pair of values.
//
// Reading is forgiving: lower case, spaces and hyphens are ignored, O is read as
// 0, and I and L as 1 (Crockford's rules). U and any other character is an error.
//
// Security level: 45 bits. Over a board of N ballots with random codes, the chance
// that some two ballots share a short code is about N^2 / 2^46 (1.4% at N = 10^6,
// ~1.4 expected pairs at N = 10^7); the chance that a given voter's short code is
// shared by another ballot is about N / 2^45 (2.8e-8 at N = 10^6). A board lookup
// therefore returns every ballot with that short code (almost always one). Against a
// device that grinds its own ballots to imitate a voter's short code the work is a
// second preimage, 2^45 hash evaluations per targeted voter (2^45 / N to hit any
// ballot on the board): the short code is for confirming by phone or SMS that the
// board holds the ballot; the full confirmation code and the signed receipt are
// the strong check. docs/verify_board.md has the details.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "minga/export.h"
#include "minga/verify/merkle_log.hpp"

namespace minga::verify {

/// Number of characters of a short code without the hyphen (9 data + 1 check).
inline constexpr std::size_t kShortCodeLength = 10;
/// Number of bits of the confirmation code a short code carries.
inline constexpr unsigned kShortCodeBits = 45;

/// The 45-bit value a short code stands for: the code's first 45 bits.
MINGA_EXPORT std::uint64_t short_code_value(const Digest& confirmation_code) noexcept;
/// The short code of a confirmation code, e.g. "2M3D7-HPKWP".
MINGA_EXPORT std::string short_code(const Digest& confirmation_code);
/// The short code of a 45-bit value (< 2^45, else Error(invalid_argument)).
MINGA_EXPORT std::string short_code_from_value(std::uint64_t value);
/// Reads a short code as typed or dictated and returns its 45-bit value.
/// Error(parse) naming field "short code" when a character is not in the
/// alphabet, the length is not 10 characters, or the check character fails.
MINGA_EXPORT std::uint64_t parse_short_code(std::string_view text);

}  // namespace minga::verify
