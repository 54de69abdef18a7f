// SPDX-License-Identifier: Apache-2.0
// minga_bench_election [BALLOTS] [OPTIONS] [DIR]: a whole election of BALLOTS ballots
// (default 1000) with 2 approval contests x OPTIONS options (default 5; limit 2, or 1
// with one option), 3-of-5 guardians, every 20th ballot challenged; prints wall time
// and ballots per second for encrypt + prove (one thread), tally and decryption, the
// record's JSON and binary forms (written and read) and the verifier (all cores).
// With DIR, writes DIR/record.json and DIR/record.cbor instead of verifying, for
// timing `minga verify DIR/record.cbor --progress` on a large record.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "minga/verify/ballot.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/tally.hpp"
#include "minga/verify/verifier.hpp"

using namespace minga::verify;
using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

static void write_bytes(const std::string& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(data, static_cast<std::streamsize>(size));
  if (!out.flush()) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(2);
  }
}

int main(int argc, char** argv) {
  const std::size_t ballots = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000;
  const std::size_t options = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 5;
  const std::string folder = argc > 3 ? argv[3] : "";
  if (ballots == 0 || options == 0 || options > 64) {
    std::fprintf(stderr, "usage: minga_bench_election [BALLOTS >= 1] [OPTIONS 1..64] [DIR]\n");
    return 2;
  }
  const std::uint64_t limit = options == 1 ? 1 : 2;
  Manifest m{"bench", "bench", {}};
  for (const char* id : {"c1", "c2"}) {
    ManifestContest c{id, id, ContestKind::approval, 1, limit, {}};
    for (std::size_t o = 1; o <= options; ++o) c.options.push_back({"o" + std::to_string(o), "option"});
    m.contests.push_back(c);
  }
  const CeremonyParameters params{5, 3};
  LocalCeremony ceremony = run_local_ceremony(params);
  const std::vector<GuardianRecord>& records = ceremony.records;
  std::vector<GuardianShare> available;  // guardians 3 and 5 are absent
  for (std::uint32_t l : {1u, 2u, 4u}) available.push_back(std::move(ceremony.shares[l - 1]));
  const ElectionContext ctx = ElectionContext::make(params, m, joint_public_key(records));
  BallotBox box(ctx, SigningKey::generate("bench/board"));
  EncryptionDevice device(ctx, "kiosk");

  auto t = Clock::now();
  for (std::size_t i = 0; i < ballots; ++i) {
    std::vector<std::vector<std::uint64_t>> choices(2, std::vector<std::uint64_t>(options, 0));
    choices[0][i % options] = 1;
    choices[1][(i / options) % options] = i % 3 == 0 ? 0 : 1;
    if (limit == 2) choices[1][(i / 25 + 1 + (i / options) % options) % options] = i % 2;
    PendingBallot p = device.encrypt({"b" + std::to_string(i), choices});
    if (i % 20 == 19)
      (void)box.challenge(std::move(p));
    else
      (void)box.cast(std::move(p));
  }
  const double encrypt_s = seconds_since(t);
  std::printf(
      "encrypt + prove + cast: %zu ballots (%zu selections, 2 limit proofs each) in %.2f s = %.1f ballots/s, %.3f "
      "ms/selection\n",
      ballots, 2 * options, encrypt_s, ballots / encrypt_s, 1000 * encrypt_s / (ballots * 2.0 * options));

  t = Clock::now();
  const EncryptedTally tally = aggregate(ctx, box.ballots());
  const double aggregate_s = seconds_since(t);
  t = Clock::now();
  const TallyDecryption dec = decrypt_tally(ctx, records, tally, available);
  const double decrypt_s = seconds_since(t);
  std::printf("aggregate: %.3f s; decrypt %zu totals with 3 guardians: %.3f s\n", aggregate_s, 2 * options, decrypt_s);

  t = Clock::now();
  const std::string json = make_record(ctx, records, box, tally, dec).to_json();
  const double write_s = seconds_since(t);
  t = Clock::now();
  const ElectionRecord record = ElectionRecord::from_json(json);
  const double read_s = seconds_since(t);
  std::printf("record: %.1f MB JSON, written in %.2f s, read (every point and scalar decoded) in %.2f s\n",
              json.size() / 1e6, write_s, read_s);

  t = Clock::now();
  const std::vector<std::uint8_t> binary = record.to_binary();
  const double binary_write_s = seconds_since(t);
  t = Clock::now();
  const ElectionRecord from_binary = ElectionRecord::from_binary(binary);
  const double binary_read_s = seconds_since(t);
  std::printf("record: %.1f MB binary (%.0f%% of the JSON), written in %.2f s, read in %.2f s%s\n", binary.size() / 1e6,
              100.0 * binary.size() / json.size(), binary_write_s, binary_read_s,
              from_binary.ballots.size() == record.ballots.size() ? "" : " (BALLOTS DIFFER)");
  if (!folder.empty()) {
    write_bytes(folder + "/record.json", json.data(), json.size());
    write_bytes(folder + "/record.cbor", reinterpret_cast<const char*>(binary.data()), binary.size());
    std::printf("wrote %s/record.json and %s/record.cbor; verify with: minga verify %s/record.cbor --progress\n",
                folder.c_str(), folder.c_str(), folder.c_str());
    return 0;
  }

  t = Clock::now();
  const auto checks = verify_record(record);
  const double verify_s = seconds_since(t);
  std::printf("verify record: %.2f s = %.1f ballots/s (%s)\n", verify_s, ballots / verify_s,
              all_passed(checks) ? "all checks passed" : "A CHECK FAILED");
  return all_passed(checks) ? 0 : 1;
}
