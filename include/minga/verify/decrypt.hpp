// SPDX-License-Identifier: Apache-2.0
// minga/verify/decrypt.hpp - threshold decryption of tallies, with proofs, and small discrete logs.
//
// For one aggregated ciphertext (A, Bbar) = sum of cast selections (sketch P10-P11):
//  1. each available guardian l publishes M_l = A*z_l and a Chaum-Pedersen proof
//     that log_B(Z_l) = log_A(M_l), where Z_l = B*z_l is computable by anyone
//     from the Feldman commitments (keys.hpp share_public_key);
//  2. anyone checks each proof and combines M = sum_l w_l * M_l with the Lagrange
//     coefficients of the available set (keys.hpp; any >= k guardians give the same M = A*s);
//  3. T = Bbar - M = K*t and t is recovered by baby-step giant-step (DiscreteLog);
//     a verifier instead checks T == K*t for the published t (check_plaintext).
// Per-guardian proofs (rather than ElectionGuard 2.1's joint commit-then-reveal
// proof) keep each guardian's statement independently checkable and blame a
// cheating guardian by index.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "minga/export.h"
#include "minga/verify/elgamal.hpp"
#include "minga/verify/group.hpp"
#include "minga/verify/proofs.hpp"

namespace minga::verify {

/// What is being decrypted: the aggregate of option `option` of contest
/// `contest` in the election with extended base hash H_E and joint key K.
/// All of it is hashed into each partial decryption's challenge:
///   c = Hq(H_E; 0x30, K, guardian, contest, option, A, Bbar, A, Z_l, M_l, a, b).
struct MINGA_EXPORT DecryptionStatement {
  Bytes32 context{};  ///< H_E
  Point public_key;   ///< K
  std::uint64_t contest = 0;
  std::uint64_t option = 0;
  Ciphertext total;   ///< (A, Bbar)
};

/// Guardian `guardian`'s share of a decryption: M_l = A*z_l with its proof.
struct MINGA_EXPORT PartialDecryption {
  std::uint32_t guardian = 0;
  Point share;  ///< M_l
  ChaumPedersenProof proof;
};

/// Computes M_l and its proof. Throws Error(Errc::invalid_argument) if A is the identity.
MINGA_EXPORT PartialDecryption partial_decrypt(const DecryptionStatement& statement, std::uint32_t guardian,
                                               const SecretScalar& guardian_share);

/// True when the proof shows M_l = A*z_l for the z_l behind `guardian_public_key` (Z_l).
MINGA_EXPORT bool verify_partial_decryption(const DecryptionStatement& statement, const Point& guardian_public_key,
                                            const PartialDecryption& partial);

/// M = sum_l w_l * M_l over the given (already verified) partials, w_l the
/// Lagrange coefficients of their guardian set. Throws Error(Errc::invalid_argument)
/// when fewer than `quorum` partials are given or a guardian appears twice.
MINGA_EXPORT Point combine_partial_decryptions(std::span<const PartialDecryption> partials, std::uint32_t quorum);

/// The verifier's check of a published total: Bbar - M == K*t.
MINGA_EXPORT bool check_plaintext(const DecryptionStatement& statement, const Point& combined_share, std::uint64_t t);

/// Largest bound DiscreteLog accepts (its table has about sqrt(bound) entries of 36 bytes).
inline constexpr std::uint64_t kMaxDiscreteLogBound = std::uint64_t{1} << 40;

/// Baby-step giant-step for t in 0..bound with base*t == target. Build once per
/// (key, bound) and reuse for every option of every contest: the table holds
/// m = ceil(sqrt(bound + 1)) baby steps base*j (j < m), and solve() takes at
/// most m giant steps (one point subtraction each). t = 0 <=> target is the identity.
/// solve() only reads the table: one DiscreteLog can serve several threads.
class MINGA_EXPORT DiscreteLog {
 public:
  /// Throws Error(Errc::invalid_argument) if base is the identity, Error(Errc::limit)
  /// if bound > kMaxDiscreteLogBound.
  DiscreteLog(const Point& base, std::uint64_t bound);

  std::uint64_t bound() const noexcept { return bound_; }
  /// Throws Error(Errc::limit) "decrypted value is above the bound N" when no t
  /// in 0..bound exists (a tally larger than the number of ballots allows, or a wrong decryption).
  std::uint64_t solve(const Point& target) const;

 private:
  std::uint64_t bound_;
  std::uint64_t steps_;                                // m
  Point giant_;                                        // base*m
  std::vector<std::pair<Bytes32, std::uint64_t>> baby_;  // (encoding of base*j, j), sorted by encoding
};

}  // namespace minga::verify
