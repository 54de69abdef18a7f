// SPDX-License-Identifier: Apache-2.0
// apps/minga/election.cpp - `minga election STEP FOLDER ...`: a verifiable election run step by step from a
// folder (minga/verify/election_folder.hpp), and the demo election that `minga demo --record DIR` runs with it.
#include <charconv>
#include <iostream>

#include "cli.hpp"
#include "minga/core/error.hpp"
#include "minga/verify/contest_kinds.hpp"
#include "minga/verify/election_folder.hpp"
#include "minga/verify/short_code.hpp"
#include "minga/verify/verifier.hpp"

namespace minga::cli {
namespace {

using namespace minga::verify;

std::uint32_t count_option(const Arguments& args, std::string_view name) {
  const std::optional<std::string> text = args.value(name);
  if (!text) throw UsageError("--" + std::string(name) + " is required");
  std::uint32_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n == 0)
    throw UsageError("--" + std::string(name) + " expects a positive whole number, not '" + *text + "'");
  return n;
}

// "1,3,4" -> {1, 3, 4}
std::vector<std::uint32_t> guardian_list(const Arguments& args) {
  const std::optional<std::string> text = args.value("guardians");
  if (!text) throw UsageError("--guardians L1,L2,... (the guardians who decrypt) is required");
  std::vector<std::uint32_t> out;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const std::string_view item = rest.substr(0, rest.find(','));
    std::uint32_t l = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), l);
    if (ec != std::errc() || end != item.data() + item.size() || l == 0)
      throw UsageError("--guardians expects guardian numbers like 1,3,4, not '" + *text + "'");
    out.push_back(l);
    rest.remove_prefix(std::min(rest.size(), item.size() + 1));
  }
  return out;
}

void print_totals(std::ostream& out, const ElectionRecord& record) {
  const std::uint64_t cast = record.tally.cast_ballots;
  for (std::size_t c = 0; c < record.manifest.contests.size(); ++c) {
    const ManifestContest& contest = record.manifest.contests[c];
    const std::vector<OptionDecryption>& results = record.decryption.options[c];
    const std::size_t n = contest.options.size();
    out << contest.title << '\n';
    for (std::size_t o = 0; o < n; ++o) {
      out << "  " << contest.options[o].label << ": ";
      if (contest.kind == ContestKind::ranked)
        out << results[o].total << " first preferences, " << results[n + o].total << " Borda points";
      else if (contest.kind == ContestKind::quadratic)
        out << result_value(contest, o, results[o].total, cast) << " net votes, " << results[n + o].total
            << " credits";
      else
        out << results[o].total;
      out << '\n';
    }
  }
}

std::string positional(const Arguments& args, std::size_t i, std::string_view what) {
  if (args.positional().size() <= i) throw UsageError("missing " + std::string(what));
  return args.positional()[i];
}

int run_election(const Arguments& args) {
  const std::string step = positional(args, 0, "the step (init, encrypt, cast, ...)");
  const std::string folder = positional(args, 1, "the election folder");
  auto expect_positional = [&](std::size_t n) {
    if (args.positional().size() != n) throw UsageError("`minga election " + step + "` takes " +
                                                        std::to_string(n - 2) + " argument(s) after the folder");
  };
  if (step == "init") {
    expect_positional(2);
    const std::optional<std::string> manifest_file = args.value("manifest");
    if (!manifest_file) throw UsageError("--manifest MANIFEST.json is required");
    Manifest manifest;
    try {
      manifest = Manifest::from_json(read_text_file(*manifest_file));
    } catch (const Error& e) {
      if (e.code() == Errc::io) throw;
      throw Error(e.code(), Location{*manifest_file, 0, e.where().field}, e.reason());
    }
    const ElectionFolder f =
        ElectionFolder::create(folder, manifest, CeremonyParameters{count_option(args, "guardians"),
                                                                    count_option(args, "quorum")});
    std::cout << f.status_json() << '\n';
    std::cerr << "made " << folder << ": publish election.json; give each secret/guardian-<l>.key to its guardian\n";
    return exit_ok;
  }
  ElectionFolder f(folder);
  if (step == "encrypt") {
    expect_positional(3);
    const std::string ballot_file = args.positional()[2];
    const PlaintextBallot plaintext =
        plaintext_ballot_from_json(f.context().manifest, read_text_file(ballot_file), ballot_file);
    std::cout << ballot_codes_json(f.encrypt(args.value("device").value_or("device-1"), plaintext)) << '\n';
  } else if (step == "cast") {
    expect_positional(3);
    std::cout << f.cast(args.positional()[2]).to_json() << '\n';
  } else if (step == "challenge") {
    expect_positional(3);
    std::cout << ballot_codes_json(f.challenge(args.positional()[2])) << '\n';
  } else if (step == "submit") {
    expect_positional(3);
    const std::string ballot_file = args.positional()[2];
    std::cout << f.submit(encrypted_ballot_from_json(read_text_file(ballot_file), ballot_file)).to_json() << '\n';
  } else if (step == "close") {
    expect_positional(2);
    const std::vector<DeviceClosing> closings = f.close();
    std::cout << "closed with " << f.ballots().size() << " ballots; the board's checkpoint is in closed.txt\n";
    for (const DeviceClosing& c : closings) std::cout << closing_tape_line(c) << '\n';
  } else if (step == "tally") {
    expect_positional(2);
    const EncryptedTally t = f.tally();
    std::cout << "summed " << t.cast_ballots << " cast ballots into tally.json\n";
  } else if (step == "decrypt") {
    expect_positional(2);
    const std::vector<std::uint32_t> guardians = guardian_list(args);
    const ElectionRecord record = f.decrypt(guardians);
    print_totals(std::cout, record);
    std::cerr << "wrote " << (f.path() / "record.json").string() << "; check it with `minga verify`\n";
  } else if (step == "status") {
    expect_positional(2);
    std::cout << f.status_json() << '\n';
  } else {
    throw UsageError("unknown step '" + step +
                     "' (init, encrypt, cast, challenge, submit, close, tally, decrypt, status)");
  }
  return exit_ok;
}

}  // namespace

bool run_demo_election(const std::string& folder, std::ostream& log) {
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
  ElectionFolder f = ElectionFolder::create(folder, m, CeremonyParameters{5, 3});
  std::uint64_t cast = 0, spoiled = 0;
  for (std::uint64_t i = 0; i < 40; ++i) {
    std::vector<std::vector<std::uint64_t>> choices = {{i % 2, (i / 2) % 2, 0, i % 3 == 0 ? 1u : 0u},
                                                       {i % 4 == 0 ? 3u : 1u, (i % 3), i % 2}};
    if (choices[0][0] + choices[0][1] + choices[0][3] > 2) choices[0][3] = 0;
    const std::string id = "ballot-" + std::to_string(i + 1);
    (void)f.encrypt(i % 2 ? "kiosk-a" : "kiosk-b", {id, choices});
    if (i % 7 == 6) {
      (void)f.challenge(id);  // the voter asked to see it opened: spoiled, never counted
      ++spoiled;
    } else {
      (void)f.cast(id);
      ++cast;
    }
  }
  f.close();
  (void)f.tally();
  const std::vector<std::uint32_t> present = {1, 3, 4, 5};  // guardian 2 is absent
  ElectionRecord record = f.decrypt(present);
  log << "Verifiable election (" << folder << "): " << cast << " ballots cast, " << spoiled
      << " challenged and spoiled; guardians 1, 3, 4 and 5 of 5 decrypted (quorum 3)\n";
  print_totals(log, record);
  const std::vector<VerificationCheck> checks = verify_record(ElectionRecord::from_json(record.to_json()));
  std::size_t passed = 0;
  for (const VerificationCheck& c : checks) passed += c.passed;
  log << "The independent verifier re-read " << folder << "/record.json: " << passed << " of " << checks.size()
      << " checks pass. Check it yourself: minga verify " << folder << "/record.json\n";
  return all_passed(checks);
}

const CommandSpec& election_command() {
  static const CommandSpec spec{
      "election",
      "election init|encrypt|cast|challenge|submit|close|tally|decrypt|status FOLDER [ARG] [options]",
      "run a verifiable (encrypted) election step by step from a folder",
      "  init FOLDER --manifest M.json --guardians N --quorum K   key ceremony, board key, election.json\n"
      "  encrypt FOLDER BALLOT.json [--device D]   encrypt and prove a ballot; prints its codes\n"
      "  cast FOLDER BALLOT_ID                     post it on the board; prints the signed receipt\n"
      "  challenge FOLDER BALLOT_ID                open it instead (spoiled, never counted)\n"
      "  submit FOLDER ENCRYPTED.json              check and cast a ballot encrypted elsewhere\n"
      "  close FOLDER | tally FOLDER               seal the board | sum the cast ballots\n"
      "  decrypt FOLDER --guardians 1,3,4          decrypt with k guardians; writes record.json\n"
      "  status FOLDER                             stage and counts\n"
      "BALLOT.json: {\"ballot_id\": \"b-1\", \"selections\": {\"contest\": {\"option\": 1}}} (ranked\n"
      "contests: each ranked option's rank, 1 = first; quadratic contests: votes, negative against).\n"
      "Then `minga verify FOLDER/record.json`. The folder layout is in docs/verify_election.md.",
      {},
      {"manifest", "guardians", "quorum", "device"},
      2,
      3,
      &run_election};
  return spec;
}

}  // namespace minga::cli
