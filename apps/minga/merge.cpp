// SPDX-License-Identifier: Apache-2.0
// apps/minga/merge.cpp - `minga merge`: combine partial profiles (machines, channels, batches) into one election.
#include <cstdint>
#include <limits>

#include "cli.hpp"

namespace minga::cli {

namespace {

// Adds `part`'s ballots to `total`; a mismatch is reported against the part's file.
void merge_into(Election& total, const Election& part, const std::string& part_path) {
  try {
    total.merge(part);
  } catch (const Error& e) {
    throw Error(e.code(), Location{part_path, 0, {}}, e.reason());
  }
}

int run_merge(const Arguments& args) {
  const auto& paths = args.positional();
  const std::string& out = paths[0];
  Format to = output_format(args, out);
  Format from = format_option(args, "from");
  Election total = read_input(paths[1], from);
  for (std::size_t i = 2; i < paths.size(); ++i) merge_into(total, read_input(paths[i], from), paths[i]);
  write_output(total, out, to);
  return exit_ok;
}

}  // namespace

const CommandSpec& merge_command() {
  static const CommandSpec spec{
      "merge",
      "merge OUT IN1 IN2 ... [--from F] [--to F]",
      "merge elections over the same alternatives (partial counts) into one",
      "Reads IN1, IN2, ... (each a partial count of the same election: one voting\n"
      "machine, one channel, one batch of paper ballots) and writes to OUT one\n"
      "election holding all their ballots, with their channels and districts.\n"
      "The inputs must have the same ballot kind and the same alternative ids, in\n"
      "any order. Everything else (title, budget, rules, metadata) comes from IN1.\n\n"
      "options:\n"
      "  --from F   read every input as format F (default: from each extension)\n"
      "  --to F     write OUT as format F (default: from its extension)\n",
      {},
      {"from", "to"},
      3,
      std::numeric_limits<std::size_t>::max(),
      &run_merge,
  };
  return spec;
}

}  // namespace minga::cli
