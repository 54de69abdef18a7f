// SPDX-License-Identifier: Apache-2.0
// minga/verify/proofs.hpp - the zero-knowledge proofs of the election protocol.
//
// All proofs are non-interactive (Fiat-Shamir) and stored compactly as
// challenges and responses; the verifier recomputes the commitments from them
// and accepts only if the recomputed challenge matches. Every challenge hashes
// THE WHOLE STATEMENT: the context hash (as the BLAKE2b key), the public key,
// every index, the bound, the ciphertext and every commitment (hash.hpp gives
// the byte layout). A proof therefore cannot be moved to another ballot,
// selection, key, bound or election (the "weak Fiat-Shamir" flaw of Helios,
// Bernhard-Pereira-Warinschi 2012, is excluded by construction and by tests).
//
// verify_* return false for any proof that does not hold, including ones with
// the wrong number of entries or identity elements in the statement; they do
// not throw for bad proofs. Malformed bytes (s >= L, invalid or identity
// points) are already refused when decoded (Scalar::decode, Point::decode).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "minga/export.h"
#include "minga/verify/elgamal.hpp"
#include "minga/verify/group.hpp"
#include "minga/verify/hash.hpp"

namespace minga::verify {

// ---- Schnorr proof of possession (key ceremony) --------------------------------

/// Knowledge of a_0..a_{k-1} with K_j = B*a_j, all k in one proof:
///   h_j = B*u_j,  c = Hq(H_P; 0x10, guardian, k, K_0..K_{k-1}, h_0..h_{k-1}),  v_j = u_j - c*a_j.
/// Verify: h_j = B*v_j + K_j*c for each j, then the challenge. Size 32(k+1) bytes.
struct MINGA_EXPORT SchnorrProof {
  Scalar challenge;
  std::vector<Scalar> responses;
};

MINGA_EXPORT SchnorrProof prove_possession(const Bytes32& parameter_hash, std::uint64_t guardian,
                                           std::span<const SecretScalar> secrets);
/// False unless keys and responses have the same nonzero length, no key is the
/// identity, and the proof holds for exactly this guardian index and context.
MINGA_EXPORT bool verify_possession(const Bytes32& parameter_hash, std::uint64_t guardian,
                                    std::span<const Point> keys, const SchnorrProof& proof);

// ---- Chaum-Pedersen proof of equal discrete logs (decryption) -------------------

/// X = B*x and Y = A*x for the same secret x:
///   a = B*u, b = A*u,  c = Hq(statement || A, X, Y, a, b),  v = u - c*x.
/// Verify: a = B*v + X*c, b = A*v + Y*c, then the challenge. Size 64 bytes.
/// `statement` is a Transcript already holding the context key, tag and every
/// other element of what is being proved (decrypt.hpp builds it); the proof
/// appends A, X, Y and the commitments.
struct MINGA_EXPORT ChaumPedersenProof {
  Scalar challenge;
  Scalar response;
};

MINGA_EXPORT ChaumPedersenProof prove_equal_logs(const Transcript& statement, const Point& base,
                                                 const Point& public_key, const Point& image,
                                                 const SecretScalar& secret);
/// False if any of base, public_key, image is the identity or the proof fails.
MINGA_EXPORT bool verify_equal_logs(const Transcript& statement, const Point& base, const Point& public_key,
                                    const Point& image, const ChaumPedersenProof& proof);

// ---- Disjunctive range proof 0..R (P2) and selection-limit proof (P3) ----------

/// What a range proof is about: ciphertext (alpha, beta) under K encrypts some
/// integer in 0..bound.
///   with `option`:    one selection of a ballot, bound R (1 for yes/no), tag 0x24;
///   without `option`: a contest's selection limit, proved on the homomorphic sum
///                     of its selections, bound L, tag 0x25 (limit_statement()).
/// `context` is H_I, the ballot's selection hash (already binding H_E and so K;
/// K is hashed again anyway).
///
/// Ranked and quadratic contests prove other sums and bits with the same proof
/// under their own tag (hash.hpp: 0x2a rows, 0x2b ranks, 0x2c gaps, 0x2e and
/// 0x2f budget bits); then `tag` is set and `option` holds the candidate, rank or
/// bit number (1-based), so the hashed fields are the same list:
///   c = Hq(H_I; tag, K, contest, option, bound, alpha, beta, a_0, b_0, ..., a_R, b_R).
struct MINGA_EXPORT RangeStatement {
  Bytes32 context{};
  Point public_key;
  std::uint64_t contest = 0;
  std::optional<std::uint64_t> option;
  Ciphertext ciphertext;
  std::uint64_t bound = 1;
  std::optional<Tag> tag{};  ///< unset: 0x24 with an option, 0x25 without
};

/// Largest bound a range proof accepts (the proof has bound+1 branches).
inline constexpr std::uint64_t kMaxRangeBound = 4096;

/// Cramer-Damgard-Schoenmakers disjunction of bound+1 Chaum-Pedersen branches,
/// branch j claiming sigma = j (ElectionGuard 2.1 eqs. 57-61, our group):
///   true branch l = sigma:  a_l = B*u, b_l = K*u
///   other branches j:       random c_j, v_j; a_j = B*v_j + alpha*c_j, b_j = K*(v_j - j*c_j) + beta*c_j
///   c = Hq(H_I; tag, K, contest, [option], bound, alpha, beta, a_0, b_0, ..., a_R, b_R)
///   c_l = c - sum_{j != l} c_j,  v_l = u - c_l*xi.
/// Stored: (c_j, v_j) for j = 0..R, 64(R+1) bytes.
struct MINGA_EXPORT RangeProof {
  std::vector<Scalar> challenges;
  std::vector<Scalar> responses;
};

/// A ciphertext with its range proof: a ballot's selection (0..R), or a bit (0..1) of a budget proof.
struct MINGA_EXPORT EncryptedSelection {
  Ciphertext ciphertext;
  RangeProof proof;
};

/// Proves the statement for the ciphertext encrypt(K, sigma, nonce) (the caller
/// passes that ciphertext; a different one gives a proof that does not verify).
/// Throws Error(Errc::invalid_argument) if sigma > bound or the statement is not
/// well formed, Error(Errc::limit) if bound > kMaxRangeBound.
MINGA_EXPORT RangeProof prove_range(const RangeStatement& statement, std::uint64_t sigma, const SecretScalar& nonce);
/// False unless the proof has bound+1 branches, K and the ciphertext are not
/// the identity, bound <= kMaxRangeBound, and every equation and the challenge hold.
MINGA_EXPORT bool verify_range(const RangeStatement& statement, const RangeProof& proof);

/// The selection-limit statement of a contest: the sum of its selections'
/// ciphertexts encrypts at most `limit`. The verifier builds it from the
/// selections itself (it never trusts a stored sum); the prover proves it with
/// sigma = the number of selections made and nonce = sum of the selection nonces.
MINGA_EXPORT RangeStatement limit_statement(const Bytes32& context, const Point& public_key, std::uint64_t contest,
                                            std::span<const Ciphertext> selections, std::uint64_t limit);

// ---- Quadratic vote pair proof (P5) ------------------------------------------

/// Largest V (votes per option -V..V) of a quadratic contest: the pair proof has 2V+1 branches.
inline constexpr std::uint64_t kMaxQuadraticVotes = 64;

/// What a pair proof is about: `vote` encrypts k and `square` encrypts (k - V)^2
/// for one k in 0..2V, i.e. a vote v = k - V in -V..V and its square, under K.
struct MINGA_EXPORT QuadraticPairStatement {
  Bytes32 context{};  ///< H_I
  Point public_key;
  std::uint64_t contest = 0;
  std::uint64_t option = 0;
  std::uint64_t votes = 1;  ///< V
  Ciphertext vote;          ///< encrypts v + V (nonce xi_e)
  Ciphertext square;        ///< encrypts v^2 (nonce xi_q)
};

/// A CDS disjunction of 2V+1 branches; branch k claims (k, (k - V)^2) and has one
/// challenge c_k and two responses (one Chaum-Pedersen proof per ciphertext):
///   true branch k = v + V: a_k = B*u, b_k = K*u, a'_k = B*u', b'_k = K*u'
///   verifier, every k:     a_k  = B*e_k + alpha_e*c_k,  b_k  = K*(e_k - k*c_k) + beta_e*c_k
///                          a'_k = B*q_k + alpha_q*c_k,  b'_k = K*(q_k - (k-V)^2*c_k) + beta_q*c_k
///   c = Hq(H_I; 0x2d, K, contest, option, V, alpha_e, beta_e, alpha_q, beta_q,
///          a_0, b_0, a'_0, b'_0, ..., a_2V, b_2V, a'_2V, b'_2V),   sum_k c_k = c.
/// Stored: (c_k, e_k, q_k) for k = 0..2V, 96(2V+1) bytes.
struct MINGA_EXPORT QuadraticPairProof {
  std::vector<Scalar> challenges;        ///< c_k
  std::vector<Scalar> vote_responses;    ///< e_k
  std::vector<Scalar> square_responses;  ///< q_k
};

/// Proves the statement for vote = encrypt(K, shifted, vote_nonce) and square =
/// encrypt(K, (shifted - V)^2, square_nonce). Throws Error(Errc::invalid_argument)
/// when shifted > 2V, V is 0 or above kMaxQuadraticVotes, or the statement has an identity.
MINGA_EXPORT QuadraticPairProof prove_quadratic_pair(const QuadraticPairStatement& statement, std::uint64_t shifted,
                                                     const SecretScalar& vote_nonce, const SecretScalar& square_nonce);
/// False unless the proof has 2V+1 branches, 1 <= V <= kMaxQuadraticVotes, no
/// part of the statement is the identity, and every equation and the challenge hold.
MINGA_EXPORT bool verify_quadratic_pair(const QuadraticPairStatement& statement, const QuadraticPairProof& proof);

// ---- Budget proof: a sum in 0..C by bit decomposition (P5) ---------------------

/// Largest budget C a budget proof accepts (k = 32 bits).
inline constexpr std::uint64_t kMaxBudget = 0xffffffffu;


/// `total` (the homomorphic sum of a quadratic contest's squares, nonce = their
/// nonce sum) encrypts S with 0 <= S <= C. With k = bit_width(C) and d = 2^k - 1 - C:
///   spent bits s_0..s_{k-1}: each a 0/1 ciphertext (tag 0x2e, option i+1) and
///     sum_i 2^i * S_i == total                  (so S is in 0..2^k - 1)
///   slack bits t_0..t_{k-1}: each a 0/1 ciphertext (tag 0x2f, option i+1) and
///     sum_i 2^i * T_i == total + (identity, K*d) (so S + d is in 0..2^k - 1, S <= C)
/// The prover picks the bits' nonces so that the sums hold as equal points (the
/// verifier compares points; no further proof is needed). Cost: 2k encryptions
/// and 2k two-branch proofs, k <= 32: logarithmic in C.
struct MINGA_EXPORT BudgetStatement {
  Bytes32 context{};  ///< H_I
  Point public_key;
  std::uint64_t contest = 0;
  Ciphertext total;
  std::uint64_t budget = 1;  ///< C
};

struct MINGA_EXPORT BudgetProof {
  std::vector<EncryptedSelection> spent_bits;  ///< bits of S, least significant first
  std::vector<EncryptedSelection> slack_bits;  ///< bits of S + 2^k - 1 - C
};

/// Number of bits k of a budget proof for budget C (bit width of C).
MINGA_EXPORT std::size_t budget_bits(std::uint64_t budget) noexcept;

/// Proves total = encrypt(K, spent, nonce) with spent <= C. Throws
/// Error(Errc::invalid_argument) when spent > C or C is 0 or above kMaxBudget.
MINGA_EXPORT BudgetProof prove_budget(const BudgetStatement& statement, std::uint64_t spent, const SecretScalar& nonce);
/// False unless both bit lists have budget_bits(C) entries, every bit proof holds
/// and both weighted sums equal the statement's (shifted) total.
MINGA_EXPORT bool verify_budget(const BudgetStatement& statement, const BudgetProof& proof);

}  // namespace minga::verify
