// SPDX-License-Identifier: Apache-2.0
// apps/minga/report.hpp - plain-text formatting shared by `minga info` and `minga demo`.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "minga/ballot/summary.hpp"

namespace minga::cli {

/// 20000 -> "20,000".
std::string grouped(std::uint64_t n);
/// An exact amount with grouped digits: "1,546,168.66"; a non-terminating value stays "1/3".
std::string grouped(const Rational& amount);
/// Money: whole units as "185,000", otherwise two decimals "38,250.40" (exact values only; else as grouped()).
std::string money(const Rational& amount);
/// part/whole as a percentage with one decimal, truncated: "41.3%" ("-" when whole is 0).
std::string percent(std::uint64_t part, std::uint64_t whole);
/// a/b with two decimals, truncated: "1.76" ("-" when b is 0).
std::string ratio(std::uint64_t a, std::uint64_t b);
/// `text` padded with spaces to `width` columns (counting UTF-8 code points).
std::string pad(std::string_view text, std::size_t width);
/// `text` right-aligned in `width` columns.
std::string pad_left(std::string_view text, std::size_t width);

/// What the alternatives of such an election are called: "projects", "candidates", "options"...
std::string alternatives_noun(BallotKind kind, bool have_costs);
/// The ballot rules in words, one per entry ("at most 5 marked", "at most 100 credits").
std::vector<std::string> describe_rules(const BallotRules& rules);

/// A section title followed by a line of dashes.
void print_heading(std::ostream& out, std::string_view title);
/// "  label          value" with the label padded to a common width.
void print_field(std::ostream& out, std::string_view label, std::string_view value);

/// Ballots, distinct ballots, channels, districts, rules and rule violations
/// of a summary, as print_field lines.
void print_ballot_facts(std::ostream& out, const ElectionSummary& summary);

}  // namespace minga::cli
