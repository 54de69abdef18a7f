// SPDX-License-Identifier: Apache-2.0
// apps/minga/report.cpp - plain-text formatting shared by `minga info` and `minga demo`.
#include "report.hpp"

#include <algorithm>

namespace minga::cli {

namespace {

constexpr std::size_t kLabelWidth = 17;

std::string group_integer_digits(const std::string& digits) {
  const std::size_t first = (!digits.empty() && digits[0] == '-') ? 1 : 0;
  std::string grouped = digits.substr(0, first);
  for (std::size_t i = first; i < digits.size(); ++i) {
    if (i > first && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

// "1546168.66" -> "1,546,168.66"
std::string group_decimal_text(const std::string& text) {
  std::size_t point = text.find('.');
  std::string rest = point == std::string::npos ? std::string() : text.substr(point);
  return group_integer_digits(text.substr(0, point)) + rest;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;  // count code points, not continuation bytes
  return width;
}

std::string fixed(std::uint64_t a, std::uint64_t b, unsigned digits) {
  return to_fixed_string(Rational(Integer(a), Integer(b)), digits);
}

}  // namespace

std::string grouped(std::uint64_t n) { return group_integer_digits(std::to_string(n)); }

std::string grouped(const Rational& amount) {
  std::string text = to_exact_string(amount);
  if (text.find('/') != std::string::npos) return text;
  return group_decimal_text(text);
}

std::string money(const Rational& amount) {
  if (is_integer(amount) || !is_integer(amount * 100)) return grouped(amount);
  return group_decimal_text(to_fixed_string(amount, 2));
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "-";
  return to_fixed_string(Rational(Integer(part) * 100, Integer(whole)), 1) + "%";
}

std::string ratio(std::uint64_t a, std::uint64_t b) { return b == 0 ? std::string("-") : fixed(a, b, 2); }

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  std::size_t w = display_width(text);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
  std::size_t w = display_width(text);
  return (w < width ? std::string(width - w, ' ') : std::string()) + std::string(text);
}

std::string alternatives_noun(BallotKind kind, bool have_costs) {
  switch (kind) {
    case BallotKind::approval: return have_costs ? "projects" : "alternatives";
    case BallotKind::ranked: return "candidates";
    case BallotKind::score: return have_costs ? "projects" : "alternatives";
    case BallotKind::quadratic: return "options";
  }
  return "alternatives";
}

std::vector<std::string> describe_rules(const BallotRules& r) {
  std::vector<std::string> out;
  if (r.min_length && r.max_length && *r.min_length == *r.max_length) {
    out.push_back("exactly " + std::to_string(*r.min_length) + " marked");
  } else {
    if (r.min_length) out.push_back("at least " + std::to_string(*r.min_length) + " marked");
    if (r.max_length) out.push_back("at most " + std::to_string(*r.max_length) + " marked");
  }
  if (r.min_total_cost) out.push_back("total cost at least " + grouped(*r.min_total_cost));
  if (r.max_total_cost) out.push_back("total cost at most " + grouped(*r.max_total_cost));
  if (r.min_points) out.push_back("at least " + grouped(*r.min_points) + " points each");
  if (r.max_points) out.push_back("at most " + grouped(*r.max_points) + " points each");
  if (r.min_total_points) out.push_back("at least " + grouped(*r.min_total_points) + " points in total");
  if (r.max_total_points) out.push_back("at most " + grouped(*r.max_total_points) + " points in total");
  if (r.credits) out.push_back("at most " + group_integer_digits(r.credits->str()) + " credits (sum of squared votes)");
  return out;
}

void print_heading(std::ostream& out, std::string_view title) {
  out << '\n' << title << '\n' << std::string(display_width(title), '-') << '\n';
}

void print_field(std::ostream& out, std::string_view label, std::string_view value) {
  out << "  " << pad(label, kLabelWidth) << value << '\n';
}

void print_ballot_facts(std::ostream& out, const ElectionSummary& s) {
  print_field(out, "ballots", grouped(s.num_ballots));
  print_field(out, "distinct ballots",
              grouped(static_cast<std::uint64_t>(s.num_distinct)) + " (" +
                  ratio(s.num_ballots, s.num_distinct) + " ballots per distinct ballot)");

  // Both breakdowns are printed as aligned "name  count  share" rows.
  auto breakdown = [&](std::string_view label, const std::vector<std::pair<std::string, std::uint64_t>>& rows) {
    std::size_t name_width = 0, count_width = 0;
    for (const auto& [name, count] : rows) {
      name_width = std::max(name_width, display_width(name));
      count_width = std::max(count_width, grouped(count).size());
    }
    std::string_view shown = label;
    for (const auto& [name, count] : rows) {
      print_field(out, shown, pad(name, name_width) + "  " + pad_left(grouped(count), count_width) + "  " +
                                  pad_left(percent(count, s.num_ballots), 6));
      shown = "";
    }
  };

  std::vector<std::pair<std::string, std::uint64_t>> channels;
  for (const auto& c : s.ballots_per_channel) channels.emplace_back(channel_name(c.channel), c.ballots);
  if (channels.empty() || (channels.size() == 1 && s.ballots_per_channel[0].channel == Channel::unspecified))
    print_field(out, "by channel", "not recorded");
  else
    breakdown("by channel", channels);

  std::vector<std::pair<std::string, std::uint64_t>> districts;
  for (const auto& d : s.ballots_per_district) districts.emplace_back(d.district.empty() ? "(none)" : d.district, d.ballots);
  if (districts.empty()) print_field(out, "by district", "not recorded");
  else breakdown("by district", districts);

  std::vector<std::string> rules = describe_rules(s.rules);
  if (rules.empty()) print_field(out, "ballot rules", "none recorded");
  for (std::size_t i = 0; i < rules.size(); ++i) print_field(out, i == 0 ? "ballot rules" : "", rules[i]);

  if (s.rule_violations.empty()) print_field(out, "rule violations", rules.empty() ? "-" : "none");
  for (std::size_t i = 0; i < s.rule_violations.size(); ++i) {
    const RuleViolation& v = s.rule_violations[i];
    print_field(out, i == 0 ? "rule violations" : "",
                v.rule + ": " + grouped(v.ballots) + (v.ballots == 1 ? " ballot (" : " ballots (") + grouped(v.entries) +
                    " distinct), e.g. " + v.example);
  }
}

}  // namespace minga::cli
