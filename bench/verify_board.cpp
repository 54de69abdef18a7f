// SPDX-License-Identifier: Apache-2.0
// bench/verify_board.cpp - the bulletin board's Merkle log and receipts, timed.
//
//   minga_bench_board [--leaves N] [--board B] [--proofs K] [--seed S]
//
// Appends N pseudo-random 32-byte confirmation codes (std::mt19937_64 from the seed) to a
// MerkleLog and prints appends per second; then, at size N, the time to generate and to
// verify K inclusion proofs and K consistency proofs (random indices and old sizes), in
// microseconds per proof (CPU time of the process). Then a BulletinBoard takes B ballots one by one (each append
// signs a checkpoint and a receipt) and B more in batches of 1000, and K receipts are
// verified offline. Peak memory (max RSS) last. Defaults: N = 1,000,000, B = 20,000, K = 10,000.
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/verify/bulletin_board.hpp"
#include "minga/verify/merkle_log.hpp"
#include "minga/verify/receipt.hpp"

namespace {

using minga::verify::Digest;

// Deterministic pseudo-random codes (std::mt19937_64, fixed seed).
struct Codes {
  std::mt19937_64 engine;
  std::uint64_t next() { return engine(); }
  Digest digest() {
    Digest d;
    for (std::size_t i = 0; i < d.size(); i += 8) {
      const std::uint64_t v = next();
      for (std::size_t k = 0; k < 8; ++k) d[i + k] = static_cast<unsigned char>(v >> (8 * k));
    }
    return d;
  }
};

// CPU seconds of this process since `start` (the team machine's cores are shared: wall time
// would measure the neighbours too).
double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}
double seconds_since(double start) {
  return cpu_now() - start;
}

std::uint64_t option(int argc, char** argv, const std::string& name, std::uint64_t fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return std::strtoull(argv[i + 1], nullptr, 10);
  return fallback;
}

}  // namespace

int main(int argc, char** argv) try {
  const std::uint64_t leaves = option(argc, argv, "--leaves", 1000000);
  const std::uint64_t board_size = option(argc, argv, "--board", 20000);
  const std::uint64_t proofs = option(argc, argv, "--proofs", 10000);
  Codes rng{std::mt19937_64(option(argc, argv, "--seed", 6))};
  if (leaves < 2 || proofs == 0) throw minga::Error(minga::Errc::invalid_argument, "--leaves >= 2, --proofs >= 1");

  std::vector<Digest> codes(leaves);
  for (Digest& c : codes) c = rng.digest();

  minga::verify::MerkleLog log;
  double start = cpu_now();
  for (const Digest& c : codes) log.append(c);
  const double append_s = seconds_since(start);
  std::cout << "merkle log: " << leaves << " appends in " << append_s << " s = " << leaves / append_s << " appends/s\n";

  start = cpu_now();
  const Digest root = log.root();
  std::cout << "root of " << leaves << " leaves: " << seconds_since(start) * 1e6 << " us\n";

  std::vector<std::uint64_t> indices(proofs);
  for (auto& i : indices) i = rng.next() % leaves;
  std::vector<std::vector<Digest>> inclusion(proofs);
  start = cpu_now();
  for (std::uint64_t k = 0; k < proofs; ++k) inclusion[k] = log.inclusion_proof(indices[k], leaves);
  const double gen_inclusion = seconds_since(start);
  start = cpu_now();
  std::uint64_t ok = 0;
  for (std::uint64_t k = 0; k < proofs; ++k)
    ok += minga::verify::verify_inclusion(indices[k], leaves, log.leaf_hash(indices[k]), inclusion[k], root);
  const double verify_inclusion = seconds_since(start);
  std::cout << "inclusion proof (" << inclusion[0].size() << " hashes): generate " << gen_inclusion / proofs * 1e6
            << " us, verify " << verify_inclusion / proofs * 1e6 << " us (" << ok << "/" << proofs << " valid)\n";

  std::vector<std::uint64_t> old_sizes(proofs);
  for (auto& m : old_sizes) m = 1 + rng.next() % (leaves - 1);
  std::vector<Digest> old_roots(proofs);
  for (std::uint64_t k = 0; k < proofs; ++k) old_roots[k] = log.root(old_sizes[k]);
  std::vector<std::vector<Digest>> consistency(proofs);
  start = cpu_now();
  for (std::uint64_t k = 0; k < proofs; ++k) consistency[k] = log.consistency_proof(old_sizes[k], leaves);
  const double gen_consistency = seconds_since(start);
  start = cpu_now();
  ok = 0;
  for (std::uint64_t k = 0; k < proofs; ++k)
    ok += minga::verify::verify_consistency(old_sizes[k], leaves, old_roots[k], root, consistency[k]);
  const double verify_consistency = seconds_since(start);
  std::cout << "consistency proof: generate " << gen_consistency / proofs * 1e6 << " us, verify "
            << verify_consistency / proofs * 1e6 << " us (" << ok << "/" << proofs << " valid)\n";

  if (board_size > 0) {
    const unsigned char seed[32] = {42};
    minga::verify::BulletinBoard board(codes[0], minga::verify::SigningKey::from_seed("bench.minga/board", seed));
    std::vector<minga::verify::Receipt> receipts;
    receipts.reserve(board_size);
    start = cpu_now();
    for (std::uint64_t i = 0; i < board_size; ++i) receipts.push_back(board.append(codes[i]));
    const double one_by_one = seconds_since(start);
    start = cpu_now();
    for (std::uint64_t i = board_size; i + 1000 <= 2 * board_size && i + 1000 <= leaves; i += 1000)
      board.append_batch(std::span(codes).subspan(i, 1000));
    const double batched = seconds_since(start);
    std::cout << "board: " << board_size << " appends with a receipt each: " << board_size / one_by_one
              << " ballots/s; in batches of 1000: " << (board.size() - board_size) / batched << " ballots/s\n";
    const std::uint64_t checks = std::min<std::uint64_t>(proofs, receipts.size());
    start = cpu_now();
    for (std::uint64_t k = 0; k < checks; ++k)
      (void)minga::verify::verify_receipt(receipts[k], board.verifier(), codes[0]);
    std::cout << "receipt check offline: " << seconds_since(start) / checks * 1e6 << " us; binary form "
              << receipts.back().to_binary().size() << " bytes\n";
  }

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::cout << "peak memory: " << usage.ru_maxrss / 1024 << " MiB\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "minga_bench_board: " << e.what() << "\n";
  return 1;
}
