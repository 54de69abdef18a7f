// SPDX-License-Identifier: Apache-2.0
// apps/minga/verify.cpp - `minga verify RECORD.json`: the independent verifier of an election
// record (issue 6), and `minga verify --demo OUT.json`: run a small election end to end and write its record.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"
#include "minga/core/error.hpp"
#include "minga/verify/ballot.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/short_code.hpp"
#include "minga/verify/tally.hpp"
#include "minga/verify/verifier.hpp"

namespace minga::cli {
namespace {

using namespace minga::verify;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{path, 0, ""}, "cannot open the record");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A 3-of-5 election with 2 contests, 40 ballots on two devices (every 7th challenged),
// guardian 2 absent at decryption.
ElectionRecord demo_record() {
  Manifest m;
  m.election_id = "minga-demo";
  m.title = "minga demo election";
  m.contests.push_back({"council",
                        "Council (up to 2)",
                        ContestKind::approval,
                        1,
                        2,
                        {{"ana", "Ana"}, {"bo", "Bo"}, {"cy", "Cy"}, {"dee", "Dee"}}});
  m.contests.push_back({"parks",
                        "Parks (score 0-3, 5 points)",
                        ContestKind::cumulative,
                        3,
                        5,
                        {{"pond", "Pond"}, {"trees", "Trees"}, {"play", "Playground"}}});
  const CeremonyParameters params{5, 3};
  LocalCeremony ceremony = run_local_ceremony(params);
  const std::vector<GuardianRecord>& records = ceremony.records;
  std::vector<GuardianShare> available;  // guardian 2 is absent
  for (std::uint32_t l : {1u, 3u, 4u, 5u}) available.push_back(std::move(ceremony.shares[l - 1]));
  const ElectionContext ctx = ElectionContext::make(params, m, joint_public_key(records));
  BallotBox box(ctx, SigningKey::generate("minga.demo/board"));
  EncryptionDevice a(ctx, "kiosk-a"), b(ctx, "sms-gateway", ChainMode::none);
  for (std::uint64_t i = 0; i < 40; ++i) {
    std::vector<std::vector<std::uint64_t>> choices = {{i % 2, (i / 2) % 2, 0, i % 3 == 0 ? 1u : 0u},
                                                       {i % 4 == 0 ? 3u : 1u, (i % 3), i % 2}};
    if (choices[0][0] + choices[0][1] + choices[0][3] > 2) choices[0][3] = 0;
    PendingBallot p = (i % 2 ? a : b).encrypt({"ballot-" + std::to_string(i + 1), choices});
    if (i % 7 == 6)
      (void)box.challenge(std::move(p));
    else
      (void)box.cast(std::move(p));
  }
  const EncryptedTally tally = aggregate(ctx, box.ballots());
  return make_record(ctx, records, box, tally, decrypt_tally(ctx, records, tally, available));
}

int run_verify(const Arguments& args) {
  if (args.has("demo")) {
    const std::string& out = args.positional().at(0);
    std::ofstream file(out, std::ios::binary);
    if (!file) throw Error(Errc::io, Location{out, 0, ""}, "cannot write the record");
    file << demo_record().to_json() << '\n';
    std::cerr << "wrote the demo election's record to " << out << "\n";
    return exit_ok;
  }
  const ElectionRecord record = ElectionRecord::from_json(read_file(args.positional().at(0)));
  const std::vector<VerificationCheck> checks = verify_record(record);
  if (args.has("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const VerificationCheck& c : checks)
      j.push_back({{"check", c.name}, {"passed", c.passed}, {"reason", c.reason}});
    std::cout << nlohmann::json{{"schema", "minga.verification/1"}, {"passed", all_passed(checks)}, {"checks", j}}.dump(
                     1)
              << '\n';
  } else {
    for (const VerificationCheck& c : checks)
      std::cout << (c.passed ? "PASS  " : "FAIL  ") << c.name << ": " << c.reason << '\n';
    std::cout << (all_passed(checks) ? "record verified: every check passed\n" : "record REJECTED\n");
  }
  return all_passed(checks) ? exit_ok : 1;
}

}  // namespace

const CommandSpec& verify_command() {
  static const CommandSpec spec{
      "verify",
      "verify RECORD.json [--json] | verify --demo OUT.json",
      "check an election record (minga.record/1): every proof, hash, chain, the board and the tally",
      "Recomputes everything in the record and prints each check with PASS or FAIL and a reason.\n"
      "Exit status 0 only when every check passes, 1 when a check fails, 2 for a malformed record.\n"
      "--demo OUT.json runs a small 3-of-5 election end to end and writes its record to OUT.json.",
      {"json", "demo"},
      {},
      1,
      1,
      &run_verify};
  return spec;
}

}  // namespace minga::cli
