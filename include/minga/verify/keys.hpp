// SPDX-License-Identifier: Apache-2.0
// minga/verify/keys.hpp - the key ceremony: n guardians, any k of them decrypt.
//
// Joint-Feldman key generation (ElectionGuard 2.1 section 3.2, sketch P1):
//  1. Guardian i (1..n) draws a secret polynomial P_i(x) = a_i0 + a_i1 x + ... + a_i,k-1 x^(k-1)
//     (coefficients in sodium_malloc memory) and publishes the Feldman
//     commitments K_ij = B*a_ij with one Schnorr proof of possession of all
//     coefficients (proofs.hpp), bound to H_P and to i.
//  2. Everyone checks every guardian's record (verify_guardian_record).
//  3. Guardian i gives guardian l the share P_i(l) over a private authenticated
//     channel (transport is the caller's: e.g. crypto_box_easy between the
//     guardians' communication keys). Guardian l checks it against i's public
//     commitments: B*P_i(l) = sum_j (l^j mod L) * K_ij (verify_share). A failed
//     check is a public complaint; the ceremony restarts without guardian i.
//  4. The joint key is K = sum_i K_i0 (joint_public_key); guardian l keeps only
//     z_l = sum_i P_i(l) (combine_shares) and its coefficients are wiped.
//     Anyone computes Z_l = B*z_l from the commitments alone (share_public_key),
//     which is what l's partial decryptions are checked against.
// The joint secret s = sum_i a_i0 = P(0) with P = sum_i P_i is never assembled.
//
// Missing guardians: z_l are points of P, a polynomial of degree k-1, so any
// set U of at least k guardians determines s = sum_{l in U} w_l z_l with the
// Lagrange coefficients w_l = prod_{m in U, m != l} m / (m - l) mod L. Decryption
// (decrypt.hpp) combines the available guardians' partial decryptions with
// these coefficients: absent guardians need no "compensating" shares and the
// result is the same for every such U. Fewer than k guardians learn nothing about s.
//
// Known limitation (as in ElectionGuard): with Joint-Feldman a dishonest
// guardian who sees the others' commitments first can bias K slightly; this
// does not help it decrypt and is accepted for ElGamal. k = n is plain n-of-n.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "minga/export.h"
#include "minga/verify/group.hpp"
#include "minga/verify/proofs.hpp"

namespace minga::verify {

/// Numbers of a ceremony: 1 <= quorum <= guardians <= kMaxGuardians.
struct MINGA_EXPORT CeremonyParameters {
  std::uint32_t guardians = 1;
  std::uint32_t quorum = 1;
  /// Throws Error(Errc::invalid_argument) naming the field when out of range.
  void validate() const;
  /// H_P for these numbers (hash.hpp).
  Bytes32 parameter_hash() const;
};

inline constexpr std::uint32_t kMaxGuardians = 1000;

/// What guardian `index` publishes: its k Feldman commitments (K_i0 first) and the proof of possession.
struct MINGA_EXPORT GuardianRecord {
  std::uint32_t index = 0;
  std::vector<Point> commitments;
  SchnorrProof proof;
};

/// One guardian's secret polynomial. Movable, not copyable; wiped on destruction.
class MINGA_EXPORT GuardianPolynomial {
 public:
  /// Draws k random coefficients for guardian `index` (1-based).
  /// Throws Error(Errc::invalid_argument) for bad parameters or an index outside 1..n.
  GuardianPolynomial(const CeremonyParameters& parameters, std::uint32_t index);

  std::uint32_t index() const noexcept { return index_; }
  /// The public record: commitments and a fresh proof of possession bound to H_P.
  GuardianRecord record() const;
  /// P_i(recipient), the share sent to guardian `recipient` (1..n; also to itself).
  SecretScalar share_for(std::uint32_t recipient) const;

 private:
  CeremonyParameters parameters_;
  std::uint32_t index_;
  std::vector<SecretScalar> coefficients_;
};

/// Checks a published record: index in 1..n, exactly k commitments, none the
/// identity, and the proof of possession for this index and H_P.
MINGA_EXPORT bool verify_guardian_record(const CeremonyParameters& parameters, const GuardianRecord& record);

/// sum_j (x^j mod L) * K_ij: B*P_i(x) computed from i's commitments alone.
MINGA_EXPORT Point evaluate_commitments(const GuardianRecord& sender, std::uint32_t x);

/// Guardian `recipient` checks the share received from `sender`: B*share == evaluate_commitments(sender, recipient).
MINGA_EXPORT bool verify_share(const GuardianRecord& sender, std::uint32_t recipient, const SecretScalar& share);

/// K = sum_i K_i0 over all guardians' records. Throws Error(Errc::invalid_argument)
/// if the records are empty or their indices repeat.
MINGA_EXPORT Point joint_public_key(std::span<const GuardianRecord> records);

/// Z_l = B*z_l = sum_i evaluate_commitments(record_i, l): guardian l's public
/// decryption key, computed by anyone from the records.
MINGA_EXPORT Point share_public_key(std::span<const GuardianRecord> records, std::uint32_t guardian);

/// z_l = sum of the (verified) shares P_i(l) guardian l received, its own included.
MINGA_EXPORT SecretScalar combine_shares(std::span<const SecretScalar> received);

/// The Lagrange coefficient at 0 of `guardian` within `available`:
///   w_l = prod_{m in available, m != l} m / (m - l) mod L.
/// Throws Error(Errc::invalid_argument) if `guardian` is not in `available`,
/// an index is 0 or indices repeat.
MINGA_EXPORT Scalar lagrange_coefficient(std::uint32_t guardian, std::span<const std::uint32_t> available);

}  // namespace minga::verify
