// SPDX-License-Identifier: Apache-2.0
// minga/verify/elgamal.hpp - exponential ElGamal in ElectionGuard's "DPP" form.
//
// Under the joint public key K = B*s (s shared among guardians), a small
// integer sigma (a vote count) with nonce xi is encrypted as
//     alpha = B*xi,   beta = K*(sigma + xi)
// (one base and one variable-base multiplication; ElectionGuard 2.1 section 3.3).
// Decryption with s: beta - alpha*s = K*sigma, then sigma from K*sigma by a
// bounded search (decrypt.hpp). Ciphertexts add componentwise, which adds the
// plaintexts and the nonces: the homomorphic tally.
//
// sigma = 0 needs no special case in this form (beta = K*xi); the identity
// only appears if xi = 0 or sigma + xi = 0 mod L, which encrypt() refuses.
#pragma once

#include <cstdint>
#include <span>

#include "minga/export.h"
#include "minga/verify/group.hpp"

namespace minga::verify {

struct MINGA_EXPORT Ciphertext {
  Point alpha;  ///< B*xi
  Point beta;   ///< K*(sigma + xi)

  Ciphertext operator+(const Ciphertext& other) const { return {alpha + other.alpha, beta + other.beta}; }
  Ciphertext& operator+=(const Ciphertext& other) { return *this = *this + other; }
  bool operator==(const Ciphertext& other) const noexcept = default;
  /// True when neither part is the identity (what a verifier demands of every ciphertext on a ballot).
  bool well_formed() const noexcept { return !alpha.is_identity() && !beta.is_identity(); }
};

/// Encrypts sigma under K with nonce xi. Throws Error(Errc::invalid_argument)
/// when K is the identity, or xi or sigma + xi is 0 mod L (the ciphertext
/// would reveal sigma).
MINGA_EXPORT Ciphertext encrypt(const Point& public_key, std::uint64_t sigma, const SecretScalar& nonce);

/// The sum of ciphertexts (the encryption of the sum, whose nonce is sum_secrets of
/// the nonces); the empty sum is (identity, identity).
MINGA_EXPORT Ciphertext sum(std::span<const Ciphertext> ciphertexts);

/// A ciphertext of w*sigma (a weighted ballot); w = 0 gives (identity, identity).
MINGA_EXPORT Ciphertext scale(const Ciphertext& ciphertext, std::uint64_t weight);

/// The nonce of one selection, derived from the ballot's master nonce as
///   xi = Hq(H_I; 0x21, contest, option, ballot_nonce)
/// (ElectionGuard 2.1 section 3.3.3): whoever holds the ballot nonce can re-encrypt
/// and so open the ballot (the Benaloh challenge), nobody else can.
/// `selection_context` is H_I, the ballot's own hash.
MINGA_EXPORT SecretScalar derive_nonce(const Bytes32& selection_context, std::uint64_t contest, std::uint64_t option,
                                       const SecretScalar& ballot_nonce);

/// K*sigma from a ciphertext and its decryption share M = alpha*s: beta - M.
MINGA_EXPORT Point plaintext_point(const Ciphertext& ciphertext, const Point& decryption_share);

}  // namespace minga::verify
