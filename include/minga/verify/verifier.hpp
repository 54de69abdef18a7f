// SPDX-License-Identifier: Apache-2.0
// minga/verify/verifier.hpp - the independent verifier of an election record.
//
// verify_record takes ONLY the record and recomputes everything it can: it never
// trusts a stored hash, key, sum, code or total. Its checks, in order (ElectionGuard
// 2.1 section 6.2 numbers in brackets where one corresponds):
//
//   parameters         1 <= k <= n <= 1000; H_P recomputed equals the stored one   [V1]
//   guardians          indices 1..n once each, k commitments, every Schnorr proof  [V2]
//   joint_key          K = sum of the guardians' K_i0                              [V3]
//   hash_chain         H_B from the canonical manifest, H_E from H_B and K         [V4]
//   ballot_ids         ballot ids are unique                                       [V5]
//   selection_proofs   every selection's range proof 0..R, cast or spoiled         [V6]
//   limit_proofs       every contest's limit proof 0..L on the recomputed sum      [V7]
//   confirmation_codes every code recomputed from the ciphertexts and chain field  [V8]
//   device_chains      per device, in record order: one mode; first chain value is
//                      H_DI; mode 1: each next chain value is the previous code   [V8.D-G]
//   spoiled_ballots    every spoiled ballot has an opening that re-encrypts to its
//                      ciphertexts and code; no cast ballot carries an opening   [V13-V14]
//   board              checkpoint signed by the board key; its size is the number of
//                      cast ballots and its root the Merkle root of their codes in
//                      record order (every cast ballot, and nothing else, is on the board)
//   aggregate          the tally ciphertexts are the sums over cast ballots only; the
//                      stored cast count is right; the tally's shape is the manifest's [V9, V11]
//   decryption         >= k distinct guardians; every partial decryption's proof
//                      against Z_l from the commitments; Bbar - sum w_l M_l = K*t   [V10]
//
// Each check reports pass or fail with a reason naming the first failing item
// (and how many failed). Checks that depend on an earlier failed check still run
// on whatever can be recomputed, so one tampering shows where it is.
#pragma once

#include <string>
#include <vector>

#include "minga/export.h"
#include "minga/verify/record.hpp"

namespace minga::verify {

struct MINGA_EXPORT VerificationCheck {
  std::string name;
  bool passed = false;
  std::string reason;  ///< what was checked (passed) or the first failure and the count (failed)
};

/// Runs every check. The per-ballot proofs and codes are checked on all cores
/// (std::thread::hardware_concurrency threads); the result does not depend on it.
MINGA_EXPORT std::vector<VerificationCheck> verify_record(const ElectionRecord& record);

/// True when every check passed.
MINGA_EXPORT bool all_passed(const std::vector<VerificationCheck>& checks) noexcept;

}  // namespace minga::verify
