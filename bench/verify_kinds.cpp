// SPDX-License-Identifier: Apache-2.0
// bench/verify_kinds.cpp - one ranked and one quadratic ballot encrypted + proved and verified (issue 6).
//
//   minga_bench_kinds [BALLOTS]      (default 50)
//
// Two elections of one contest each, a ceremony of 1 guardian (not timed), one thread:
//   ranked     5 candidates x 3 ranks: 15 indicator ciphertexts with 0/1 proofs, 5 row,
//              3 rank and 2 gap proofs (25 two-branch range proofs)
//   quadratic  5 options, V = 3, C = 25: 10 ciphertexts, 5 pair proofs of 7 branches,
//              a budget proof of 2 x 5 bits (10 encryptions, 10 two-branch proofs)
// Per ballot: EncryptionDevice::encrypt (ciphertexts, proofs, the chained code) and
// verify_ballots(context, ballots, 0, 1) (every proof and the code recomputed).
// Times are this thread's CPU time and wall time per ballot.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "minga/verify/ballot.hpp"
#include "minga/verify/tally.hpp"
#include "minga/verify/verifier.hpp"

using namespace minga::verify;

namespace {

struct Timing {
  double cpu_ms;
  double wall_ms;
};

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

Timing per_call(std::size_t calls, const std::function<void()>& work) {
  const double cpu_start = thread_cpu_ms();
  const auto wall_start = std::chrono::steady_clock::now();
  work();
  const std::chrono::duration<double, std::milli> wall = std::chrono::steady_clock::now() - wall_start;
  return {(thread_cpu_ms() - cpu_start) / static_cast<double>(calls), wall.count() / static_cast<double>(calls)};
}

ManifestContest contest(ContestKind kind, std::uint64_t range, std::uint64_t limit) {
  ManifestContest c{"c", "c", kind, range, limit, {}};
  for (const char* o : {"a", "b", "c", "d", "e"}) c.options.push_back({o, o});
  return c;
}

// Ballot i: ranked, a rotation of the candidates truncated to i % 4 ranks (0 = blank);
// quadratic, votes within 25 credits with signs and sizes varying with i.
std::vector<std::uint64_t> choices(ContestKind kind, std::size_t i) {
  if (kind == ContestKind::ranked) {
    std::vector<std::uint64_t> ranks(5, 0);
    for (std::size_t p = 0; p < i % 4; ++p) ranks[(i + p) % 5] = p + 1;
    return ranks;
  }
  static const std::vector<std::vector<int>> votes = {{3, -2, 2, 2, 0}, {-3, 3, 1, -1, 1}, {2, 2, 2, -2, 2}, {0, 0, 0, 0, 0}};
  std::vector<std::uint64_t> shifted;
  for (int v : votes[i % votes.size()]) shifted.push_back(static_cast<std::uint64_t>(v + 3));
  return shifted;
}

bool run(const char* name, ContestKind kind, std::uint64_t range, std::uint64_t limit, std::size_t n) {
  const CeremonyParameters params{1, 1};
  const LocalCeremony ceremony = run_local_ceremony(params);
  const ElectionContext ctx = ElectionContext::make(
      params, Manifest{"bench-kinds", "bench", {contest(kind, range, limit)}}, joint_public_key(ceremony.records));
  EncryptionDevice device(ctx, "kiosk-1");
  std::vector<PlaintextBallot> plain;
  for (std::size_t i = 0; i < n; ++i) plain.push_back({"b" + std::to_string(i), {choices(kind, i)}});
  std::vector<EncryptedBallot> encrypted;
  const Timing enc = per_call(n, [&] {
    for (const PlaintextBallot& p : plain) encrypted.push_back(device.encrypt(p).ballot);
  });
  BatchVerification batch;
  const Timing ver = per_call(n, [&] { batch = verify_ballots(ctx, encrypted, 0, 1); });
  if (!batch.failures.empty()) {
    std::fprintf(stderr, "%s: verification failed: %s\n", name, batch.failures.front().c_str());
    return false;
  }
  std::printf("%-44s encrypt + prove %8.2f ms cpu %8.2f ms wall | verify %8.2f ms cpu %8.2f ms wall\n", name,
              enc.cpu_ms, enc.wall_ms, ver.cpu_ms, ver.wall_ms);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 50;
  if (argc > 2 || n <= 0) {
    std::fprintf(stderr, "usage: minga_bench_kinds [BALLOTS > 0]\n");
    return 2;
  }
  std::printf("minga: %ld ballots per kind, 1 guardian, 1 thread, per ballot:\n", n);
  const bool ok = run("ranked, 5 candidates x 3 ranks", ContestKind::ranked, 3, 3, static_cast<std::size_t>(n)) &&
                  run("quadratic, 5 options, V = 3, C = 25", ContestKind::quadratic, 3, 25, static_cast<std::size_t>(n));
  return ok ? 0 : 1;
}
