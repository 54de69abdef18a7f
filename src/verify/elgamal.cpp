// SPDX-License-Identifier: Apache-2.0
// src/verify/elgamal.cpp - exponential ElGamal, DPP form (see the header).
#include "minga/verify/elgamal.hpp"

#include "minga/core/error.hpp"
#include "minga/verify/hash.hpp"

namespace minga::verify {

Ciphertext encrypt(const Point& public_key, std::uint64_t sigma, const SecretScalar& nonce) {
  if (public_key.is_identity()) throw Error(Errc::invalid_argument, "encryption key is the identity");
  if (nonce.is_zero()) throw Error(Errc::invalid_argument, "encryption nonce is zero");
  const Scalar exponent = Scalar::from_u64(sigma) + nonce.reveal();  // wiped on return
  if (exponent.is_zero()) throw Error(Errc::invalid_argument, "encryption nonce cancels the plaintext");
  return {Point::base_mul(nonce), public_key.mul(exponent)};
}

Ciphertext sum(std::span<const Ciphertext> ciphertexts) {
  Ciphertext total;
  for (const Ciphertext& c : ciphertexts) total += c;
  return total;
}

Ciphertext scale(const Ciphertext& ciphertext, std::uint64_t weight) {
  const Scalar w = Scalar::from_u64(weight);
  return {ciphertext.alpha.mul(w), ciphertext.beta.mul(w)};
}

SecretScalar derive_nonce(const Bytes32& selection_context, std::uint64_t contest, std::uint64_t option,
                          const SecretScalar& ballot_nonce) {
  return Transcript(selection_context, Tag::selection_nonce).u64(contest).u64(option).secret(ballot_nonce).hq_secret();
}

Point plaintext_point(const Ciphertext& ciphertext, const Point& decryption_share) {
  return ciphertext.beta - decryption_share;
}

}  // namespace minga::verify
