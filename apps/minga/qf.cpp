// SPDX-License-Identifier: Apache-2.0
// apps/minga/qf.cpp - `minga qf`: quadratic funding matches of a round, exact to the smallest unit.
#include <algorithm>
#include <fstream>
#include <iostream>

#include "cli.hpp"
#include "minga/quadratic/funding.hpp"
#include "report.hpp"

namespace minga::cli {

namespace {

Integer integer_option(const Arguments& args, std::string_view name, const Integer& fallback) {
  auto text = args.value(name);
  if (!text) return fallback;
  try {
    Integer value = parse_integer(*text, "--" + std::string(name));
    if (value < 0) throw UsageError("--" + std::string(name) + " must not be negative");
    return value;
  } catch (const Error& e) {
    throw UsageError("--" + std::string(name) + ": " + e.reason());
  }
}

void print_text(const std::string& path, const QfResult& r) {
  std::ostream& out = std::cout;
  print_field(out, "file", path);
  print_field(out, "variant", std::string(qf_variant_name(r.variant)) + ", fit " + qf_fit_name(r.fit));
  print_field(out, "pool", r.pool.str());
  print_field(out, "raw matches",
              to_fixed_string(r.raw_total, 2) + (r.saturated ? " (pool saturated)" : " (pool not saturated)"));
  if (r.alpha) print_field(out, "alpha", r.alpha->str() + " / " + r.alpha_precision.str());
  if (r.cap_amount)
    print_field(out, "cap", r.cap_amount->str() + " (" + std::to_string(r.cap_rounds) + " redistribution rounds)");
  print_field(out, "matched", r.matched.str() + ", unallocated " + r.unallocated.str());
  print_field(out, "contributions",
              grouped(r.contributions_counted) + " counted, " + grouped(r.contributions_dropped) + " dropped");
  // Columns as wide as their widest cell (amounts in wei run to 25 digits).
  std::vector<std::vector<std::string>> rows{
      {"project", "donors", "contributions", "raw match", "match", "share", "why"}};
  for (const auto& p : r.projects)
    rows.push_back({p.id, grouped(p.donors), p.contributions.str(), to_fixed_string(p.raw_match, 2), p.match.str(),
                    to_fixed_string(p.share * 100, 2) + "%", p.why});
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  out << '\n';
  for (const auto& row : rows) {
    out << "  " << pad(row[0], width[0]);
    for (std::size_t c = 1; c + 1 < row.size(); ++c) out << "  " << pad_left(row[c], width[c]);
    out << "  " << row.back() << '\n';
  }
}

int run_qf(const Arguments& args) {
  const std::string& path = args.positional()[0];
  if (!args.value("pool")) throw UsageError("--pool is required");
  QfOptions options;
  options.pool = integer_option(args, "pool", 0);
  try {
    if (auto v = args.value("variant")) options.variant = qf_variant_from_name(*v);
    if (auto f = args.value("fit")) options.fit = qf_fit_from_name(*f);
    if (auto c = args.value("cap")) options.cap = parse_decimal(*c, "--cap");
  } catch (const Error& e) {
    throw UsageError(e.reason());
  }
  if (options.cap && (*options.cap <= 0 || *options.cap > 1)) throw UsageError("--cap must be a fraction in (0, 1]");
  if (args.value("cap-amount")) options.cap_amount = integer_option(args, "cap-amount", 0);
  if (args.value("m")) options.pairwise_m = integer_option(args, "m", 0);
  if (options.pairwise_m && *options.pairwise_m == 0) throw UsageError("--m must be positive");
  options.sqrt_scale = integer_option(args, "sqrt-scale", 1);
  if (options.sqrt_scale == 0) throw UsageError("--sqrt-scale must be at least 1");
  options.minimum_contribution = integer_option(args, "minimum", 0);
  if (auto clusters = args.value("clusters")) options.clusters = read_clusters(*clusters);

  QfResult result;
  if (is_maci_tally_file(path)) {
    if (!args.value("fit")) options.fit = QfFit::alpha;
    if (options.variant != QfVariant::clr)
      throw UsageError("a MACI tally holds only per-project totals: --variant clr");
    const Integer vcf = integer_option(args, "vcf", 1);
    if (vcf == 0) throw UsageError("--vcf must be at least 1");
    result = fit_qf(maci_subsidies(read_maci_tally(path), vcf), options);
  } else {
    if (args.value("vcf")) throw UsageError("--vcf applies to MACI tallies only");
    result = match_qf(read_contributions(path), options);
  }
  if (args.has("json"))
    std::cout << qf_result_to_json(result, 2) << '\n';
  else
    print_text(path, result);
  return exit_ok;
}

}  // namespace

const CommandSpec& qf_command() {
  static const CommandSpec spec{
      "qf",
      "qf FILE --pool AMOUNT [--variant clr|pairwise|cluster|cocm] [--fit scale|saturate|alpha] [--cap FRACTION] "
      "[--json]",
      "quadratic funding: match a round's contributions from a pool, exact to the smallest unit",
      "Reads contributions (CSV with columns donor, project, amount, or a JSON array\n"
      "of such objects; amounts are integers in the smallest unit) or a MACI /\n"
      "clr.fund tally (a JSON object with results.tally and perVOSpentVoiceCredits),\n"
      "computes each project's raw match under the variant and fits the matches to\n"
      "the pool. Formulas and the square-root rounding: docs/quadratic.md.\n\n"
      "options:\n"
      "  --pool AMOUNT        matching pool in the smallest unit (required)\n"
      "  --variant V          clr (default), pairwise, cluster or cocm\n"
      "  --fit F              saturate (default: scale down only when the raw matches\n"
      "                       exceed the pool), scale (always), alpha (clr.fund);\n"
      "                       default alpha for a MACI tally\n"
      "  --cap FRACTION       cap each match at this fraction of the pool (0.2, 1/5);\n"
      "                       the overflow is shared among uncapped projects\n"
      "  --cap-amount AMOUNT  cap each match at an amount\n"
      "  --m M                pairwise: the bound M (smallest unit); default unbounded\n"
      "  --clusters FILE      cluster, cocm: memberships (donor, cluster[, weight]);\n"
      "                       default: donors grouped by the projects they fund\n"
      "  --minimum AMOUNT     drop contributions below AMOUNT\n"
      "  --sqrt-scale S       square roots rounded down to multiples of 1/S (default 1)\n"
      "  --vcf N              MACI tally: voice credit factor (tokens per voice credit)\n"
      "  --json               print the result as JSON (schema \"minga.qf/1\"; \"matches\"\n"
      "                       maps each project to its exact match as a string)\n",
      {"json"},
      {"pool", "variant", "fit", "cap", "cap-amount", "m", "clusters", "minimum", "sqrt-scale", "vcf"},
      1,
      1,
      &run_qf,
  };
  return spec;
}

}  // namespace minga::cli
