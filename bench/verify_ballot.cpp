// SPDX-License-Identifier: Apache-2.0
// bench/verify_ballot.cpp - one ballot's encryption + proofs and their verification,
// on the manifest bench/verify_electionguard.py gives electionguard (issue 6).
//
//   minga_bench_ballot [BALLOTS] [SELECTIONS]      (defaults 200 and 1000)
//
// Manifest: 10 options in 3 contests, every option 0/1:
//   mayor    plurality, 4 options, limit 1
//   council  approval,  3 options, limit 2
//   measure  plurality, 3 options, limit 1
// Key: a ceremony of 1 guardian (run_local_ceremony; not timed). One thread.
// Per ballot (BALLOTS ballots, varied choices):
//   encrypt: EncryptionDevice::encrypt (10 ciphertexts, 10 range proofs 0..1,
//            3 limit proofs, the confirmation code chained on the device)
//   verify:  verify_ballots(context, ballots, 0, 1), i.e. check_ballot on each
//            (every proof, the limit sums and the code recomputed)
// Per selection (SELECTIONS times): one 0/1 selection encrypted with its range
// proof, and its verification (targets < 500 us and < 600 us), and one
// variable-base scalar multiplication (the group operation the proofs are made of).
// Times are this thread's CPU time (what the work costs on a shared machine) and
// wall time. The last line is the same figures as JSON, for the Python driver.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "minga/verify/ballot.hpp"
#include "minga/verify/elgamal.hpp"
#include "minga/verify/hash.hpp"
#include "minga/verify/proofs.hpp"
#include "minga/verify/tally.hpp"
#include "minga/verify/verifier.hpp"

using namespace minga::verify;

namespace {

struct Timing {
  double cpu_us;   // per call, this thread's CPU time
  double wall_us;  // per call, wall time
};

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

Timing per_call(std::size_t calls, const std::function<void()>& work) {
  const double cpu_start = thread_cpu_us();
  const auto wall_start = std::chrono::steady_clock::now();
  work();
  const std::chrono::duration<double, std::micro> wall = std::chrono::steady_clock::now() - wall_start;
  const double n = static_cast<double>(calls);
  return {(thread_cpu_us() - cpu_start) / n, wall.count() / n};
}

Manifest bench_manifest() {
  auto contest = [](const char* id, ContestKind kind, std::uint64_t limit, std::vector<const char*> options) {
    ManifestContest c{id, id, kind, 1, limit, {}};
    for (const char* o : options) c.options.push_back({o, o});
    return c;
  };
  return Manifest{"bench-eg",
                  "minga vs electionguard",
                  {contest("mayor", ContestKind::plurality, 1, {"ana", "bo", "cy", "di"}),
                   contest("council", ContestKind::approval, 2, {"ed", "flo", "gus"}),
                   contest("measure", ContestKind::plurality, 1, {"yes", "no", "abstain"})}};
}

// Ballot i: mayor option i mod 4; council one or two of three (or none); measure i mod 3.
PlaintextBallot bench_choices(std::size_t i) {
  std::vector<std::vector<std::uint64_t>> s{std::vector<std::uint64_t>(4, 0), std::vector<std::uint64_t>(3, 0),
                                            std::vector<std::uint64_t>(3, 0)};
  s[0][i % 4] = 1;
  if (i % 5 != 4) s[1][i % 3] = 1;
  if (i % 2 == 0) s[1][(i + 1) % 3] = 1;
  s[2][i % 3] = 1;
  return {"b" + std::to_string(i + 1), s};
}

void print(const char* what, Timing t, const char* unit, double scale) {
  std::printf("%-52s %10.3f %s cpu %10.3f %s wall\n", what, t.cpu_us / scale, unit, t.wall_us / scale, unit);
}

}  // namespace

int main(int argc, char** argv) {
  const long ballots_arg = argc > 1 ? std::atol(argv[1]) : 200;
  const long selections_arg = argc > 2 ? std::atol(argv[2]) : 1000;
  if (argc > 3 || ballots_arg <= 0 || selections_arg <= 0) {
    std::fprintf(stderr, "usage: minga_bench_ballot [BALLOTS > 0] [SELECTIONS > 0]\n");
    return 2;
  }
  const auto n_ballots = static_cast<std::size_t>(ballots_arg);
  const auto n_selections = static_cast<std::size_t>(selections_arg);

  const CeremonyParameters params{1, 1};
  const LocalCeremony ceremony = run_local_ceremony(params);
  const ElectionContext ctx = ElectionContext::make(params, bench_manifest(), joint_public_key(ceremony.records));
  EncryptionDevice device(ctx, "kiosk-1");

  std::vector<PlaintextBallot> plain;
  for (std::size_t i = 0; i < n_ballots; ++i) plain.push_back(bench_choices(i));
  std::vector<EncryptedBallot> encrypted;
  encrypted.reserve(n_ballots);
  const Timing encrypt_ballot_t = per_call(n_ballots, [&] {
    for (const PlaintextBallot& p : plain) encrypted.push_back(device.encrypt(p).ballot);
  });
  BatchVerification batch;
  const Timing verify_ballot_t = per_call(n_ballots, [&] { batch = verify_ballots(ctx, encrypted, 0, 1); });
  if (!batch.failures.empty() || batch.ballots != n_ballots) {
    std::fprintf(stderr, "verification failed: %s\n",
                 batch.failures.empty() ? "ballot count differs" : batch.failures.front().c_str());
    return 1;
  }
  std::size_t encrypted_selections = 0;
  for (const EncryptedContest& c : encrypted.front().contests) encrypted_selections += c.selections.size();

  // One 0/1 selection, as a ballot's selection (nonce derived from a ballot nonce).
  const Bytes32 h_i = selection_hash(ctx.election_hash, "selection-bench");
  const SecretScalar ballot_nonce = SecretScalar::random();
  std::vector<RangeStatement> statements(n_selections);
  std::vector<RangeProof> proofs(n_selections);
  const Timing encrypt_selection_t = per_call(n_selections, [&] {
    for (std::size_t i = 0; i < n_selections; ++i) {
      const SecretScalar xi = derive_nonce(h_i, 1, i + 1, ballot_nonce);
      const std::uint64_t vote = i % 2;
      statements[i] = RangeStatement{h_i, ctx.public_key, 1, i + 1, encrypt(ctx.public_key, vote, xi), 1};
      proofs[i] = prove_range(statements[i], vote, xi);
    }
  });
  bool all_valid = true;
  const Timing verify_selection_t = per_call(n_selections, [&] {
    for (std::size_t i = 0; i < n_selections; ++i) all_valid = verify_range(statements[i], proofs[i]) && all_valid;
  });
  if (!all_valid) {
    std::fprintf(stderr, "a selection proof did not verify\n");
    return 1;
  }

  const Scalar factor = Scalar::random();
  Point point = ctx.public_key;
  const Timing multiply_t = per_call(n_selections, [&] {
    for (std::size_t i = 0; i < n_selections; ++i) point = point.mul(factor);
  });

  std::printf("minga: %zu ballots of %zu selections in %zu contests, 1 guardian, 1 thread\n", n_ballots,
              encrypted_selections, encrypted.front().contests.size());
  print("ballot: encrypt + proofs + confirmation code", encrypt_ballot_t, "ms", 1000.0);
  print("ballot: verify (verify_ballots, threads = 1)", verify_ballot_t, "ms", 1000.0);
  print("0/1 selection: encrypt + range proof", encrypt_selection_t, "us", 1.0);
  print("0/1 selection: verify range proof", verify_selection_t, "us", 1.0);
  print("group: variable-base scalar multiplication", multiply_t, "us", 1.0);
  std::printf(
      "json: {\"ballots\": %zu, \"selections_per_ballot\": %zu, \"contests\": %zu, "
      "\"encrypt_ballot_cpu_ms\": %.6f, \"encrypt_ballot_wall_ms\": %.6f, "
      "\"verify_ballot_cpu_ms\": %.6f, \"verify_ballot_wall_ms\": %.6f, "
      "\"selection_iterations\": %zu, \"encrypt_selection_cpu_us\": %.3f, \"encrypt_selection_wall_us\": %.3f, "
      "\"verify_selection_cpu_us\": %.3f, \"verify_selection_wall_us\": %.3f, "
      "\"exponentiation_cpu_us\": %.3f, \"exponentiation_wall_us\": %.3f}\n",
      n_ballots, encrypted_selections, encrypted.front().contests.size(), encrypt_ballot_t.cpu_us / 1000.0,
      encrypt_ballot_t.wall_us / 1000.0, verify_ballot_t.cpu_us / 1000.0, verify_ballot_t.wall_us / 1000.0,
      n_selections, encrypt_selection_t.cpu_us, encrypt_selection_t.wall_us, verify_selection_t.cpu_us,
      verify_selection_t.wall_us, multiply_t.cpu_us, multiply_t.wall_us);
  return 0;
}
