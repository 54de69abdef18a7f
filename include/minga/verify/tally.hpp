// SPDX-License-Identifier: Apache-2.0
// minga/verify/tally.hpp - the homomorphic tally of cast ballots and its threshold decryption.
//
//  1. aggregate: for each option (c, o), (A, Bbar) = sum of the selection ciphertexts
//     of every CAST ballot (spoiled ballots are left out), which encrypts the option's
//     total with the summed nonce (sketch P10). Ranked and quadratic contests sum
//     their ciphertexts the same way and then form their results from the sums
//     (contest_kinds.hpp contest_results: first preferences and Borda points;
//     votes and credits), so totals[c] has contest_result_count entries.
//  2. decrypt_tally: each available guardian l publishes M_l = A*z_l with a
//     Chaum-Pedersen proof per option (decrypt.hpp); the partials are checked against
//     Z_l (computed from the Feldman commitments), combined with the Lagrange
//     coefficients of the available set (any k of n), and t is found from
//     Bbar - M = K*t by baby-step giant-step, bounded by result_bound
//     ((number of cast ballots) x min(option_range, selection_limit) for one option).
// The statement of every partial decryption is (H_E, K, c, o, A, Bbar), so a
// partial cannot be moved to another option or election.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "minga/export.h"
#include "minga/verify/ballot.hpp"
#include "minga/verify/decrypt.hpp"
#include "minga/verify/keys.hpp"

namespace minga::verify {

/// totals[c][o] for contest c, result o (0-based; the options, or the results of a
/// ranked or quadratic contest), over cast ballots only.
struct MINGA_EXPORT EncryptedTally {
  std::uint64_t cast_ballots = 0;
  std::vector<std::vector<Ciphertext>> totals;
};

/// Sums the selections of the cast ballots. Throws Error(Errc::invalid_argument)
/// naming the ballot when a ballot's shape differs from the manifest.
MINGA_EXPORT EncryptedTally aggregate(const ElectionContext& context, std::span<const EncryptedBallot> ballots);

/// a + b option by option (partial sums of disjoint batches of ballots);
/// Error(Errc::mismatch) when their contests or options differ in number.
MINGA_EXPORT EncryptedTally add_tallies(const EncryptedTally& a, const EncryptedTally& b);

/// A guardian taking part in decryption: its index and its share z_l.
struct MINGA_EXPORT GuardianShare {
  std::uint32_t index = 0;
  SecretScalar share;
};

/// A whole key ceremony run in one process, for demos, benchmarks and tests: every
/// guardian's public record (checked) and share z_l (checked against the commitments).
/// A real ceremony runs on n machines exchanging shares privately (keys.hpp).
struct MINGA_EXPORT LocalCeremony {
  std::vector<GuardianRecord> records;
  std::vector<GuardianShare> shares;  ///< shares[l - 1] belongs to guardian l
};
MINGA_EXPORT LocalCeremony run_local_ceremony(const CeremonyParameters& parameters);

/// One option's decryption: the guardians' partials and the total they give.
struct MINGA_EXPORT OptionDecryption {
  std::vector<PartialDecryption> partials;
  std::uint64_t total = 0;
};

struct MINGA_EXPORT TallyDecryption {
  std::vector<std::uint32_t> guardians;                ///< the available set, ascending
  std::vector<std::vector<OptionDecryption>> options;  ///< [c][o]
};

/// Decrypts every option with the available guardians (at least k, distinct,
/// each checked against its public share key before use). Throws
/// Error(Errc::invalid_argument) for fewer than k guardians, an unknown or repeated
/// index or no cast ballot; Error(Errc::mismatch) naming the guardian if one of its
/// partial decryptions does not verify; Error(Errc::limit) if a total is out of bounds.
MINGA_EXPORT TallyDecryption decrypt_tally(const ElectionContext& context, std::span<const GuardianRecord> records,
                                           const EncryptedTally& tally, std::span<const GuardianShare> available);

/// The statement of option (c, o) (0-based here, 1-based in the statement).
MINGA_EXPORT DecryptionStatement option_statement(const ElectionContext& context, const EncryptedTally& tally,
                                                  std::size_t contest, std::size_t option);

}  // namespace minga::verify
