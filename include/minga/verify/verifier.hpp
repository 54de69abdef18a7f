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
//                      H_DI; mode 1: each next chain value is the previous code;
//                      each chained device's closing (count, hash) recomputed  [V8.D-G]
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

#include <functional>
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

/// Told how many ballots' proofs are checked so far, of how many: about every 1%
/// and once at the end, always on the thread that called verify_record (or
/// verify_ballots). An exception it throws stops the verification once the
/// other threads finish their current ballot, and propagates to the caller.
using VerifyProgress = std::function<void(std::size_t checked, std::size_t total)>;

/// Runs every check. The per-ballot proofs and codes are checked on all cores
/// (std::thread::hardware_concurrency threads); the result does not depend on it.
MINGA_EXPORT std::vector<VerificationCheck> verify_record(const ElectionRecord& record,
                                                          const VerifyProgress& progress = {});

/// True when every check passed.
MINGA_EXPORT bool all_passed(const std::vector<VerificationCheck>& checks) noexcept;

/// The checks as JSON (1-space indent):
///   {"schema": "minga.verification/1", "passed": true|false,
///    "checks": [{"check": "parameters", "passed": true, "reason": "..."}, ...]}
MINGA_EXPORT std::string verification_report_json(const std::vector<VerificationCheck>& checks);

// ---- one ballot, or a batch of them ------------------------------------------
// The per-ballot part of verify_record, on its own: for a ballot box that checks
// a ballot encrypted elsewhere before posting it, and for verification split
// over many machines (each checks a partition and returns its partial sum; the
// sums add up, with add_tallies, to the aggregate that verify_record recomputes).

/// What one ballot's own proofs and code show. Empty lists: it verifies.
struct MINGA_EXPORT BallotFindings {
  std::vector<std::string> selection;  ///< range proofs 0..R that fail
  std::vector<std::string> limit;      ///< limit proofs 0..L that fail
  std::vector<std::string> code;       ///< a confirmation code that is not the one recomputed
  std::size_t selections = 0;          ///< range proofs checked
  bool ok() const noexcept { return selection.empty() && limit.empty() && code.empty(); }
};

/// Checks one ballot against the context's manifest, election hash and key
/// (not its device chain, which needs the ballots before it). Every finding
/// starts with `name`. A ballot whose shape is not the manifest's is one finding.
MINGA_EXPORT BallotFindings check_ballot(const ElectionContext& context, const EncryptedBallot& ballot,
                                         const std::string& name);

struct MINGA_EXPORT BatchVerification {
  std::uint64_t ballots = 0;          ///< ballots checked (cast and spoiled)
  std::uint64_t selections = 0;       ///< range proofs checked
  std::vector<std::string> failures;  ///< every finding, in ballot order
  EncryptedTally sum;                 ///< the sums over the batch's cast ballots that fit the manifest
};

/// check_ballot over a batch, on `threads` threads (0: all cores). Ballots are
/// named "ballot <first_index + i + 1> (<id>)", so partitions of one record name
/// ballots as verify_record does. `progress` as for verify_record.
MINGA_EXPORT BatchVerification verify_ballots(const ElectionContext& context, std::span<const EncryptedBallot> ballots,
                                              std::uint64_t first_index = 0, unsigned threads = 0,
                                              const VerifyProgress& progress = {});

/// The batch as JSON: {"ballots": n, "selections": n, "passed": bool,
/// "failures": [...], "sum": <minga.encrypted-tally/1>}.
MINGA_EXPORT std::string batch_verification_json(const BatchVerification& batch);

/// Reads ballots given one JSON object per line (ballots.jsonl); blank lines are
/// skipped. Errors name `source`, the line and the field.
MINGA_EXPORT std::vector<EncryptedBallot> encrypted_ballots_from_jsonl(std::string_view jsonl,
                                                                     std::string_view source = "<ballots>");

}  // namespace minga::verify
