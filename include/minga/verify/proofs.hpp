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
struct MINGA_EXPORT RangeStatement {
  Bytes32 context{};
  Point public_key;
  std::uint64_t contest = 0;
  std::optional<std::uint64_t> option;
  Ciphertext ciphertext;
  std::uint64_t bound = 1;
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

}  // namespace minga::verify
