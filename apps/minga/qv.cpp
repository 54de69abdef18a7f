// SPDX-License-Identifier: Apache-2.0
// apps/minga/qv.cpp - `minga qv`: validate quadratic ballots against a credit budget and tally them.
#include <fstream>
#include <iostream>

#include "cli.hpp"
#include "minga/quadratic/voting.hpp"
#include "report.hpp"

namespace minga::cli {

namespace {

/// Rows (CSV, or a JSON array of rows) keep voters; any other election file is an anonymous profile.
bool holds_rows(const std::string& path) {
  std::filesystem::path p(path);
  std::string ext = p.extension().string();
  if (ext == ".csv" || ext == ".tsv") return true;
  if (ext != ".json") return false;
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c))
    if (c == '[' || c == '{') break;
  return c == '[';
}

void print_text(const std::string& path, const QvResult& r) {
  std::ostream& out = std::cout;
  print_field(out, "file", path);
  print_field(out, "credits", grouped(Rational(r.credits)) + " per voter");
  print_field(out, "ballots", grouped(r.accepted) + " counted, " + grouped(r.rejected_ballots) + " rejected");
  print_field(out, "credits spent",
              grouped(Rational(r.credits_spent)) + " (" + grouped(r.exhausted) + " ballots spent all)");
  out << '\n';
  out << "  " << pad("rank", 6) << pad("option", 14) << pad_left("votes", 10) << pad_left("for", 10)
      << pad_left("against", 10) << pad_left("credits", 12) << pad_left("voters", 9) << "  name\n";
  for (std::size_t k = 0; k < r.order.size(); ++k) {
    const QvOptionTotal& o = r.options[r.order[k]];
    out << "  " << pad(std::to_string(k + 1), 6) << pad(o.id, 14) << pad_left(o.votes.str(), 10)
        << pad_left(o.votes_for.str(), 10) << pad_left(o.votes_against.str(), 10) << pad_left(o.credits.str(), 12)
        << pad_left(grouped(o.voters), 9) << "  " << o.name << '\n';
  }
  if (r.strata.size() > 1) {
    out << '\n';
    for (const auto& st : r.strata)
      print_field(out,
                  std::string(channel_name(st.stratum.channel)) +
                      (st.stratum.district.empty() ? "" : " / " + st.stratum.district),
                  grouped(st.ballots) + " ballots, " + st.credits.str() + " credits");
  }
  if (!r.rejected.empty()) {
    out << "\nrejected ballots:\n";
    const std::size_t shown = std::min<std::size_t>(r.rejected.size(), 20);
    for (std::size_t k = 0; k < shown; ++k) {
      const auto& x = r.rejected[k];
      out << "  " << (x.file.empty() ? "" : x.file + ":" + std::to_string(x.line) + ": ") << "voter " << x.voter << ": "
          << x.reason << '\n';
    }
    if (shown < r.rejected.size()) out << "  ... and " << grouped(r.rejected.size() - shown) << " more (see --json)\n";
  }
}

int run_qv(const Arguments& args) {
  const std::string& path = args.positional()[0];
  QvRules rules;
  if (auto credits = args.value("credits")) {
    try {
      rules.credits = parse_integer(*credits, "--credits");
    } catch (const Error& e) {
      throw UsageError(e.reason());
    }
    if (*rules.credits < 0) throw UsageError("--credits must not be negative");
  }
  rules.allow_negative = args.has("allow-negative");
  rules.publish_ballots = args.has("public");
  QvResult result;
  if (holds_rows(path)) {
    if (!rules.credits) throw UsageError("--credits is required");
    QvInput input = read_qv_rows(path);
    if (auto options = args.value("options")) input.options = read_qv_options(*options);
    result = tally_qv(validate_qv(input, rules), rules);
  } else {
    Election election = read_input(path, Format::auto_detect);
    if (!rules.credits && !election.rules.credits)
      throw UsageError("--credits is required (the file sets no credit budget)");
    if (rules.publish_ballots)
      throw UsageError("--public needs voter ids: give the ballots as rows (CSV or a JSON array)");
    result = tally_qv(election, rules);
  }
  if (args.has("json"))
    std::cout << qv_result_to_json(result, 2) << '\n';
  else
    print_text(path, result);
  return exit_ok;
}

}  // namespace

const CommandSpec& qv_command() {
  static const CommandSpec spec{
      "qv",
      "qv FILE --credits N [--options FILE] [--allow-negative] [--public] [--json]",
      "validate quadratic ballots against a credit budget and tally them",
      "Reads quadratic ballots as rows (CSV with columns voter, option, votes and\n"
      "optional channel, district; or a JSON array of such objects, e.g. Taiwan\n"
      "2019's ProposalPolls.json with UserID, ProposalID, Count), or a quadratic\n"
      "election in any format minga reads. Each voter's ballot costs the sum of\n"
      "votes^2 credits; a ballot over budget, with a fractional, negative or\n"
      "out-of-range vote, a duplicate option or an unknown option is rejected with\n"
      "its reasons and line, and every other ballot is counted.\n\n"
      "options:\n"
      "  --credits N        credit budget per voter (required unless the file sets one)\n"
      "  --options FILE     the poll's options (CSV id,name or JSON); others are unknown\n"
      "  --allow-negative   allow votes against an option\n"
      "  --public           publish every accepted ballot with its voter (JSON)\n"
      "  --json             print the result as JSON (schema \"minga.qv/1\": totals,\n"
      "                     options, spending, strata, rejected)\n",
      {"json", "allow-negative", "public"},
      {"credits", "options"},
      1,
      1,
      &run_qv,
  };
  return spec;
}

}  // namespace minga::cli
