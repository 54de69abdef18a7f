// SPDX-License-Identifier: Apache-2.0
// apps/minga/verify.cpp - `minga verify RECORD`: the independent verifier of an election
// record (issue 6), `minga verify --receipt`: a voter's offline check of a receipt, and
// `minga record IN OUT`: a record converted between its JSON and binary forms.
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
  const ElectionRecord election = ElectionRecord::read(read_text_file(election_file), election_file);
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
  const std::string& record_file = args.positional().at(0);
  const ElectionRecord record = ElectionRecord::read(read_text_file(record_file), record_file);
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
    // What observers compare with each device's closing tape (the closings' own check is device_chains).
    for (const DeviceClosing& c : record.device_closings) std::cout << closing_tape_line(c) << '\n';
  }
  return all_passed(checks) ? exit_ok : exit_not_verified;
}

// `minga record IN OUT [--to json|binary]`: reads a record in either form, writes the other.
int run_record(const Arguments& args) {
  const std::string& in = args.positional().at(0);
  const std::string& out = args.positional().at(1);
  std::string form = args.value("to").value_or("");
  if (form.empty()) form = std::filesystem::path(out).extension() == ".json" ? "json" : "binary";
  if (form != "json" && form != "binary") throw UsageError("--to takes json or binary, not '" + form + "'");
  const std::string bytes = read_text_file(in);
  const ElectionRecord record = ElectionRecord::read(bytes, in);
  std::string written;
  if (form == "json") {
    written = record.to_json() + "\n";
  } else {
    const std::vector<std::uint8_t> binary = record.to_binary();
    written.assign(binary.begin(), binary.end());
  }
  replace_file(out, written);
  std::cerr << "minga: wrote " << out << " (" << form << ", " << grouped(written.size()) << " bytes from "
            << grouped(bytes.size()) << ")\n";
  return exit_ok;
}

}  // namespace

std::string closing_tape_line(const DeviceClosing& closing) {
  const char* noun = closing.ballots == 1 ? " ballot" : " ballots";
  return "device " + closing.device_id + ": " + grouped(closing.ballots) + noun + ", closing code " +
         short_code(closing.closing_hash);
}

const CommandSpec& record_command() {
  static const CommandSpec spec{
      "record",
      "record IN OUT [--to json|binary]",
      "convert an election record between its JSON form and its compact binary form",
      "Reads the record IN in either form and writes it to OUT in the other: JSON when OUT\n"
      "ends in .json (or --to json), else the binary form (CBOR, about half the size; the\n"
      "format is in docs/verify_record.md). Nothing is lost either way; `minga verify`\n"
      "reads both. OUT is replaced only once it is completely written. This reads the\n"
      "record but checks none of it: run `minga verify` for that.",
      {},
      {"to"},
      2,
      2,
      &run_record};
  return spec;
}

const CommandSpec& verify_command() {
  static const CommandSpec spec{
      "verify",
      "verify RECORD [--json] | verify --receipt RECEIPT.json ELECTION.json",
      "check an election record (minga.record/1): every proof, hash, chain, the board and the tally",
      "Recomputes everything in the record (JSON or binary form) and prints each check with PASS\n"
      "or FAIL and a reason, then each device's closing code, to compare with its closing tape.\n"
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
