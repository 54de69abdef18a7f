// SPDX-License-Identifier: Apache-2.0
// bench/verify_primitives.cpp - microseconds per operation of the verifiable-election crypto core.
//
//   minga_bench_verify [ITERATIONS]     (default 300)
//
// Prints, single-threaded: one 0/1 selection encrypted with its range proof,
// its verification, the same for a 0..5 score selection, one contest-limit
// proof, one guardian's partial decryption with its Chaum-Pedersen proof and
// its verification, and a discrete-log table for a million ballots. Targets
// (issue 6): encrypt+prove a 0/1 selection < 500 us, verify < 600 us.
#include <chrono>
#include <ctime>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "minga/verify/decrypt.hpp"
#include "minga/verify/elgamal.hpp"
#include "minga/verify/hash.hpp"
#include "minga/verify/keys.hpp"
#include "minga/verify/proofs.hpp"

using namespace minga::verify;

namespace {

// Time per call, as CPU time of this thread (what the work costs, even on a machine
// shared with other jobs) and as wall time (what a caller waits).
struct PerCall {
  double cpu_us;
  double wall_us;
};

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

PerCall per_call(int iterations, const std::function<void(int)>& body) {
  const double cpu_start = thread_cpu_us();
  const auto wall_start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) body(i);
  const std::chrono::duration<double, std::micro> wall = std::chrono::steady_clock::now() - wall_start;
  return {(thread_cpu_us() - cpu_start) / iterations, wall.count() / iterations};
}

void report(const char* what, PerCall t, double scale = 1.0, const char* unit = "us") {
  std::printf("%-58s %10.1f %s cpu %10.1f %s wall\n", what, t.cpu_us / scale, unit, t.wall_us / scale, unit);
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 300;
  if (n <= 0) {
    std::fprintf(stderr, "usage: minga_bench_verify [ITERATIONS > 0]\n");
    return 2;
  }
  const SecretScalar secret = SecretScalar::random();
  const Point key = Point::base_mul(secret);
  const Bytes32 context = Transcript({}, Tag::selection_id).text("bench ballot").h32();
  const SecretScalar ballot_nonce = SecretScalar::random();

  {  // the libsodium operations everything is made of (to read the figures below on a loaded machine)
    const Scalar s = Scalar::random();
    Point p = key;
    std::printf("group operations:\n");
    report("  base multiplication", per_call(n, [&](int) { p = Point::base_mul(s); }));
    report("  variable-base multiplication", per_call(n, [&](int) { p = p.mul(s); }));
    report("  addition", per_call(n, [&](int) { p = p + key; }));
    report("  SecretScalar (sodium_malloc + wipe + sodium_free)",
           per_call(n, [&](int) { (void)SecretScalar::random(); }));
  }

  for (std::uint64_t bound : {1, 5}) {
    std::vector<RangeStatement> statements(n);
    std::vector<RangeProof> proofs(n);
    const PerCall prove = per_call(n, [&](int i) {
      const std::uint64_t option = static_cast<std::uint64_t>(i);
      const SecretScalar xi = derive_nonce(context, 1, option, ballot_nonce);
      const std::uint64_t vote = option % (bound + 1);
      statements[i] = RangeStatement{context, key, 1, option, encrypt(key, vote, xi), bound};
      proofs[i] = prove_range(statements[i], vote, xi);
    });
    bool all = true;
    const PerCall check = per_call(n, [&](int i) { all = verify_range(statements[i], proofs[i]) && all; });
    if (!all) {
      std::fprintf(stderr, "a proof did not verify\n");
      return 1;
    }
    std::printf("selection 0..%llu:\n", static_cast<unsigned long long>(bound));
    report("  encrypt + range proof (nonce derived from ballot nonce)", prove);
    report("  verify range proof", check);
  }

  {
    std::vector<Ciphertext> selections;
    std::vector<SecretScalar> nonces;
    for (std::uint64_t o = 0; o < 10; ++o) {
      nonces.push_back(derive_nonce(context, 2, o, ballot_nonce));
      selections.push_back(encrypt(key, o < 3 ? 1 : 0, nonces.back()));
    }
    const RangeStatement limit = limit_statement(context, key, 2, selections, 3);
    const SecretScalar nonce_sum = sum_secrets(nonces);
    RangeProof proof;
    const PerCall prove = per_call(n / 4 + 1, [&](int) { proof = prove_range(limit, 3, nonce_sum); });
    const PerCall check = per_call(n / 4 + 1, [&](int) {
      if (!verify_range(limit_statement(context, key, 2, selections, 3), proof)) std::abort();
    });
    std::printf("contest limit 0..3 over 10 selections:\n");
    report("  limit proof (sum of ciphertexts and nonces included)", prove);
    report("  verify limit proof (sum recomputed)", check);
  }

  {
    const DecryptionStatement statement{context, key, 1, 0, encrypt(key, 42, SecretScalar::random())};
    const Point share_key = Point::base_mul(secret);
    std::vector<PartialDecryption> partials(n);
    const PerCall decrypt = per_call(n, [&](int i) { partials[i] = partial_decrypt(statement, 1, secret); });
    const PerCall check = per_call(n, [&](int i) {
      if (!verify_partial_decryption(statement, share_key, partials[i])) std::abort();
    });
    std::printf("threshold decryption, per guardian and option:\n");
    report("  partial decryption + Chaum-Pedersen proof", decrypt);
    report("  verify partial decryption", check);
  }

  {
    std::unique_ptr<DiscreteLog> dlog;
    const PerCall table = per_call(1, [&](int) { dlog = std::make_unique<DiscreteLog>(key, 1000000); });
    const Point target = key.mul(Scalar::from_u64(999999));
    const PerCall solve = per_call(3, [&](int) {
      if (dlog->solve(target) != 999999) std::abort();
    });
    std::printf("discrete log, bound 10^6:\n");
    report("  baby-step table (once per tally)", table, 1000.0, "ms");
    report("  solve t = 999999 (worst case)", solve, 1000.0, "ms");
  }
  return 0;
}
