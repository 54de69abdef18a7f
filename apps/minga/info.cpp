// SPDX-License-Identifier: Apache-2.0
// apps/minga/info.cpp - `minga info`: what an election file holds, as text or JSON.
#include <iostream>

#include "cli.hpp"
#include "minga/ballot/summary.hpp"
#include "report.hpp"

namespace minga::cli {

namespace {

void print_text(const std::string& path, const ElectionSummary& s) {
  std::ostream& out = std::cout;
  print_field(out, "file", path == "-" ? "(standard input)" : path);
  print_field(out, "format", s.source_format.empty() ? "-" : s.source_format);
  print_field(out, "kind", std::string(ballot_kind_name(s.kind)) + " ballots");
  print_field(out, "title", s.title.empty() ? "-" : s.title);
  bool have_costs = s.total_cost.has_value();
  std::string alternatives = grouped(std::uint64_t{s.num_alternatives}) + " " + alternatives_noun(s.kind, have_costs);
  if (s.num_withdrawn > 0) alternatives += " (" + grouped(std::uint64_t{s.num_withdrawn}) + " withdrawn)";
  print_field(out, "alternatives", alternatives);
  if (s.total_cost) print_field(out, "total cost", grouped(*s.total_cost));
  if (s.budget) print_field(out, "budget", grouped(*s.budget));
  if (s.seats) print_field(out, "seats", std::to_string(*s.seats));
  print_ballot_facts(out, s);
  for (std::size_t i = 0; i < s.notes.size(); ++i) print_field(out, i == 0 ? "notes" : "", s.notes[i]);
}

int run_info(const Arguments& args) {
  const std::string& path = args.positional()[0];
  Election election = read_input(path, format_option(args, "format"));
  ElectionSummary summary = summarize(election);
  if (args.has("json")) std::cout << summary_to_json(summary, 2) << '\n';
  else print_text(path, summary);
  return exit_ok;
}

}  // namespace

const CommandSpec& info_command() {
  static const CommandSpec spec{
      "info",
      "info FILE [--format F] [--json]",
      "show what an election file holds: ballots, channels, districts, rule violations",
      "Reads FILE (any format minga reads; '-' is standard input) and prints its\n"
      "format, ballot kind, title, alternatives, budget or seats, the number of\n"
      "ballots and of distinct ballots, ballots per channel and per district, the\n"
      "ballot rules and how many ballots break each, and the reader's notes.\n\n"
      "options:\n"
      "  --format F   read FILE as format F (pabulib, preflib, blt, csv, scottish,\n"
      "               patterns, json, binary); default: from the extension, then\n"
      "               the content\n"
      "  --json       print the summary as JSON (schema \"minga.summary/1\")\n",
      {"json"},
      {"format"},
      1,
      1,
      &run_info,
  };
  return spec;
}

}  // namespace minga::cli
