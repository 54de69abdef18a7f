// SPDX-License-Identifier: Apache-2.0
// apps/minga/verify.cpp - `minga verify RECORD.json`: the independent verifier of an election
// record (issue 6), and `minga verify --receipt`: a voter's offline check of a receipt.
#include <iostream>
#include <unistd.h>

#include "cli.hpp"
#include "report.hpp"
#include "minga/core/error.hpp"
#include "minga/verify/receipt.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/short_code.hpp"
#include "minga/verify/verifier.hpp"

namespace minga::cli {
namespace {

using namespace minga::verify;

// `minga verify --receipt RECEIPT.json ELECTION.json`: the voter's offline check.
int run_receipt_check(const std::string& receipt_file, const std::string& election_file) {
  const ElectionRecord election = ElectionRecord::from_json(read_text_file(election_file));
  Receipt receipt;
  try {
    receipt = Receipt::from_json(read_text_file(receipt_file));
  } catch (const Error& e) {
    if (e.code() == Errc::io) throw;
    throw Error(e.code(), Location{receipt_file, 0, e.where().field}, e.reason());
  }
  Checkpoint cp;
  try {
    cp = verify_receipt(receipt, election.board_key, election.election_hash);
  } catch (const Error& e) {
    throw Error(e.code(), Location{receipt_file, 0, e.where().field}, e.reason());
  }
  std::cout << "receipt verified: confirmation code " << short_code(receipt.confirmation_code) << " is ballot "
            << receipt.leaf_index + 1 << " of " << cp.tree_size << " on the board signed by " << cp.origin << '\n';
  return exit_ok;
}

int run_verify(const Arguments& args) {
  if (const std::optional<std::string> receipt = args.value("receipt"))
    return run_receipt_check(*receipt, args.positional().at(0));
  const ElectionRecord record = ElectionRecord::from_json(read_text_file(args.positional().at(0)));
  // Progress on a terminal (or with --progress): the ballots' proofs are most of the work.
  VerifyProgress progress;
  if (args.has("progress") || ::isatty(STDERR_FILENO)) {
    progress = [](std::size_t checked, std::size_t total) {
      std::cerr << "\rchecking ballot proofs: " << grouped(checked) << " of " << grouped(total)
                << (checked == total ? "\n" : "") << std::flush;
    };
  }
  const std::vector<VerificationCheck> checks = verify_record(record, progress);
  if (args.has("json")) {
    std::cout << verification_report_json(checks) << '\n';
  } else {
    for (const VerificationCheck& c : checks)
      std::cout << (c.passed ? "PASS  " : "FAIL  ") << c.name << ": " << c.reason << '\n';
    std::cout << (all_passed(checks) ? "record verified: every check passed\n" : "record REJECTED\n");
  }
  return all_passed(checks) ? exit_ok : exit_not_verified;
}

}  // namespace

const CommandSpec& verify_command() {
  static const CommandSpec spec{
      "verify",
      "verify RECORD.json [--json] | verify --receipt RECEIPT.json ELECTION.json",
      "check an election record (minga.record/1): every proof, hash, chain, the board and the tally",
      "Recomputes everything in the record and prints each check with PASS or FAIL and a reason.\n"
      "Exit status 0 only when every check passes, 1 when a check fails, 2 for a malformed record.\n"
      "--receipt RECEIPT.json ELECTION.json checks a voter's receipt offline against the election's\n"
      "published election.json (or record.json): the board's signature, its checkpoint and the\n"
      "inclusion proof. Exit 1 when it does not verify. The demo's record: minga demo --record DIR.\n"
      "--progress reports the ballots checked on stderr (always on when stderr is a terminal).",
      {"json", "progress"},
      {"receipt"},
      1,
      1,
      &run_verify};
  return spec;
}

}  // namespace minga::cli
