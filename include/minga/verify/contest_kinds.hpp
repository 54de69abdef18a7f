// SPDX-License-Identifier: Apache-2.0
// minga/verify/contest_kinds.hpp - how each kind of contest is encrypted, proved, checked and tallied.
//
// A ballot's contest c is a list of ciphertexts E_1..E_m (m = contest_ciphertext_count),
// ciphertext j encrypting a value x_j with nonce xi_j = Hq(H_I; 0x21, c, j, xi_B)
// (j 1-based). What the values are, what is proved about them and which sums
// are decrypted depends on the kind (contests c, options/candidates i, ranks p
// are 1-based in every statement):
//
// plurality, approval, budgeting_approval, score, cumulative
//   x_i = the voter's number for option i; a range proof 0..R per selection
//   (tag 0x24) and a limit proof 0..L on their sum (tag 0x25). Results: the n sums.
//
// ranked (n candidates, r ranks; the voter ranks up to r of them, 1 = first)
//   x_{i,p} = 1 when candidate i has rank p, else 0; ciphertext number (i-1)*r + p.
//   Proofs, each a range proof 0..1 on a ciphertext the verifier recomputes:
//     every indicator x_{i,p}                                   tag 0x24, option (i-1)*r + p
//     row i:    sum_p x_{i,p}          (a candidate at most once) tag 0x2a, option i
//     rank p:   sum_i x_{i,p}          (a rank at most once)      tag 0x2b, option p
//     gap p:    sum_i x_{i,p} - sum_i x_{i,p+1}, p < r (no gaps)   tag 0x2c, option p
//   (the nonce of a sum or difference is the sum or difference of the nonces).
//   Together: the ballot is a truncated strict order, ranks 1..k for some k <= r
//   (k = 0: a blank ballot). Results: first preferences F_i = sum x_{i,1}, then
//   Borda points D_i = sum_p (r - p + 1) * x_{i,p} (rank 1 scores r, rank r scores
//   1, unranked 0: the truncated Borda count), both homomorphic. Per-round rules
//   (IRV, STV) and pairwise rules (Condorcet) are not linear in the ballot:
//   counting them needs each ballot's ranking, i.e. a verifiable shuffle (mixnet)
//   before decryption, which this library does not have (docs/verify_record.md).
//
// quadratic (n options, votes v_i in -V..V, v_i^2 credits each, budget C)
//   two ciphertexts per option: number 2i-1 encrypts e_i = v_i + V, number 2i
//   encrypts q_i = v_i^2. Proofs: a pair proof per option (tag 0x2d: (e_i, q_i) is
//   (k, (k - V)^2) for some k in 0..2V) and a budget proof on sum_i q_i (tags 0x2e,
//   0x2f: bit decomposition, 0 <= sum <= C). Results: sum e_i over N cast ballots
//   (the option's net votes are that minus N*V, computed in the clear), then the
//   credits spent on each option, sum q_i.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "minga/export.h"
#include "minga/verify/ballot.hpp"

namespace minga::verify {

/// Why a voter's numbers for a contest are not a valid choice.
struct MINGA_EXPORT ChoiceProblem {
  std::string option;  ///< the option at fault, or empty for the contest as a whole
  std::string reason;
};

/// The first problem of the voter's numbers for a contest (nullopt: a valid choice):
/// a value above the range, a sum above the limit, a rank given twice or skipped,
/// credits above the budget. The sizes must already match.
MINGA_EXPORT std::optional<ChoiceProblem> contest_choice_problem(const ManifestContest& contest,
                                                                 std::span<const std::uint64_t> choices);

/// The values a contest's ciphertexts encrypt, in order, for valid choices.
MINGA_EXPORT std::vector<std::uint64_t> contest_plaintexts(const ManifestContest& contest,
                                                           std::span<const std::uint64_t> choices);

/// Encrypts and proves contest `contest` (1-based) of a ballot with selection hash
/// `selection_hash` from valid choices and the ballot nonce.
MINGA_EXPORT EncryptedContest encrypt_contest(const ElectionContext& context, const Bytes32& selection_hash,
                                              std::uint64_t contest, std::span<const std::uint64_t> choices,
                                              const SecretScalar& ballot_nonce);

/// The ciphertexts encrypt_contest makes for these choices and nonce (what a
/// challenged ballot's opening must reproduce), without proofs.
MINGA_EXPORT std::vector<Ciphertext> reencrypt_contest(const ElectionContext& context, const Bytes32& selection_hash,
                                                       std::uint64_t contest, std::span<const std::uint64_t> choices,
                                                       const SecretScalar& ballot_nonce);

/// True when the encrypted contest has the members and sizes its kind asks.
MINGA_EXPORT bool contest_fits(const ManifestContest& manifest_contest, const EncryptedContest& contest);

/// What check_contest found: failing proofs on the ciphertexts themselves
/// (range, indicator, pair proofs: verifier check selection_proofs) and on sums
/// (limit, row, rank, gap, budget proofs: verifier check limit_proofs).
struct MINGA_EXPORT ContestFindings {
  std::vector<std::string> own;
  std::vector<std::string> sums;
  std::size_t proofs = 0;  ///< ciphertexts whose own proof was checked
};

/// Checks every proof of a contest that fits (contest_fits). Findings start with `name`.
MINGA_EXPORT ContestFindings check_contest(const ElectionContext& context, const Bytes32& selection_hash,
                                           std::uint64_t contest, const EncryptedContest& encrypted,
                                           const std::string& name);

// ---- the statements, for tests and other verifiers -----------------------------

/// Ranked: the statement of row (candidate) `candidate`, rank `rank` or gap `rank`
/// (all 1-based) over a contest's n*r indicator ciphertexts.
MINGA_EXPORT RangeStatement ranked_row_statement(const Bytes32& selection_hash, const Point& public_key,
                                                 std::uint64_t contest, std::uint64_t ranks,
                                                 std::span<const Ciphertext> indicators, std::uint64_t candidate);
MINGA_EXPORT RangeStatement ranked_rank_statement(const Bytes32& selection_hash, const Point& public_key,
                                                  std::uint64_t contest, std::uint64_t ranks,
                                                  std::span<const Ciphertext> indicators, std::uint64_t rank);
MINGA_EXPORT RangeStatement ranked_gap_statement(const Bytes32& selection_hash, const Point& public_key,
                                                 std::uint64_t contest, std::uint64_t ranks,
                                                 std::span<const Ciphertext> indicators, std::uint64_t rank);
/// Quadratic: the budget statement over the options' square ciphertexts.
MINGA_EXPORT BudgetStatement quadratic_budget_statement(const Bytes32& selection_hash, const Point& public_key,
                                                        std::uint64_t contest, std::uint64_t budget,
                                                        std::span<const EncryptedQuadraticVote> votes);

// ---- results --------------------------------------------------------------------

/// The contest's result ciphertexts (contest_result_count of them) from the sums
/// of its ciphertexts over ballots (contest_ciphertext_count of them, in order):
/// the sums themselves, or first preferences then Borda points (ranked), or
/// vote sums then credit sums (quadratic). Linear, so partial tallies add up.
MINGA_EXPORT std::vector<Ciphertext> contest_results(const ManifestContest& contest,
                                                     std::span<const Ciphertext> sums);

/// The largest value result `result` can decrypt to over `cast_ballots` ballots.
MINGA_EXPORT std::uint64_t result_bound(const ManifestContest& contest, std::size_t result,
                                        std::uint64_t cast_ballots);

/// What a decrypted result means: the total itself, except a quadratic
/// contest's vote results, which are net votes: total - cast_ballots * V.
MINGA_EXPORT std::int64_t result_value(const ManifestContest& contest, std::size_t result, std::uint64_t total,
                                       std::uint64_t cast_ballots);

}  // namespace minga::verify
