// SPDX-License-Identifier: Apache-2.0
// minga/verify/group.hpp - the ristretto255 group (RFC 9496) over libsodium 1.0.18.
//
// Every element of the verifiable-election protocol lives here: points of the
// prime-order group ristretto255 and scalars modulo its order
//   L = 2^252 + 27742317777372353535851937790883648493.
// Encodings (normative for the election record):
//   Point   32 bytes, the canonical ristretto255 encoding; the identity is 32 zero bytes.
//   Scalar  32 bytes little-endian, always reduced (s < L).
//
// libsodium traps this file handles (research/crypto.md section 3):
//   - crypto_scalarmult_ristretto255(_base) fails (-1) when the RESULT is the identity
//     (scalar 0 or L); here that result is returned as Point::identity().
//   - crypto_core_ristretto255_is_valid_point accepts the identity: decoding
//     rejects it unless the caller says the identity is allowed.
//   - 1.0.18 has no canonical-scalar check: Scalar::decode rejects s >= L itself.
//   - scalars handed to scalarmult are not reduced by libsodium: a Scalar is
//     always reduced, so they never need to be.
//
// Secrets: every secret that outlives one function call (guardian coefficients
// and shares, ballot nonces and selection nonces) is a SecretScalar: one
// sodium_malloc'd block (guard pages, mlock), wiped and freed by the destructor.
// Intermediates inside one call (a proof's commitment nonce u, sigma + xi, the
// products c*x) are Scalars, which wipe their bytes when destroyed; a
// sodium_malloc costs about one scalar multiplication (mmap, mprotect, mlock),
// too much to pay several times per selection for a value that lives microseconds.
//
// Timing: point and scalar arithmetic is libsodium's (constant time). Decoding and
// comparisons are variable time; they only ever see public data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "minga/export.h"

namespace minga::verify {

inline constexpr std::size_t kPointBytes = 32;
inline constexpr std::size_t kScalarBytes = 32;
inline constexpr std::size_t kWideBytes = 64;  ///< input of hash-to-scalar / hash-to-point

using Bytes32 = std::array<unsigned char, 32>;
using Bytes64 = std::array<unsigned char, 64>;

/// Calls sodium_init() once (thread-safe, idempotent). Every constructor in this
/// module that touches libsodium calls it; callers never need to.
/// Throws Error(Errc::internal) if libsodium cannot start.
MINGA_EXPORT void ensure_sodium();

/// Lower-case hex of bytes, and back. hex_decode throws Error(Errc::parse)
/// naming `field` when the text is not exactly `size` bytes of hex.
MINGA_EXPORT std::string hex_encode(std::span<const unsigned char> bytes);
MINGA_EXPORT std::vector<unsigned char> hex_decode(std::string_view hex, std::size_t size, std::string_view field);

class SecretScalar;

/// An integer modulo L. Value type; always reduced; wiped on destruction.
class MINGA_EXPORT Scalar {
 public:
  Scalar() = default;  ///< zero
  Scalar(const Scalar&) = default;
  Scalar& operator=(const Scalar&) = default;
  ~Scalar();

  static Scalar from_u64(std::uint64_t value);
  /// The canonical 32-byte encoding. Throws Error(Errc::parse) naming `field`
  /// when the bytes are not 32 or encode a value >= L (never reduces silently).
  static Scalar decode(std::span<const unsigned char> bytes, std::string_view field = "scalar");
  /// Hash-to-scalar: 64 uniform bytes reduced mod L (crypto_core_ristretto255_scalar_reduce;
  /// 512 bits, so the bias is below 2^-259). Never reduce a 32-byte hash instead.
  static Scalar from_wide(const Bytes64& wide);
  /// Uniform in [1, L) from the system generator.
  static Scalar random();

  const Bytes32& bytes() const noexcept { return bytes_; }
  std::string hex() const { return hex_encode(bytes_); }
  bool is_zero() const noexcept;

  Scalar operator+(const Scalar& other) const;
  Scalar operator-(const Scalar& other) const;
  Scalar operator*(const Scalar& other) const;
  Scalar operator-() const;
  /// The inverse mod L. Throws Error(Errc::invalid_argument) for zero.
  Scalar inverse() const;

  bool operator==(const Scalar& other) const noexcept { return bytes_ == other.bytes_; }

 private:
  friend class SecretScalar;
  Bytes32 bytes_{};
};

/// A secret integer modulo L in sodium_malloc memory (guard pages, locked),
/// wiped (sodium_memzero) and freed (sodium_free) on destruction. Movable, not
/// copyable; a moved-from SecretScalar is empty and may only be destroyed or
/// assigned to. Arithmetic goes through reveal(), which copies the value into a
/// Scalar that wipes itself: keep such copies short-lived.
class MINGA_EXPORT SecretScalar {
 public:
  /// A fresh uniform secret in [1, L).
  static SecretScalar random();
  /// Takes a value (e.g. a sum of shares); the caller's Scalar still wipes itself.
  explicit SecretScalar(const Scalar& value);
  /// 64 uniform bytes (a keyed hash) reduced mod L; the caller wipes `wide`.
  static SecretScalar from_wide(const Bytes64& wide);

  SecretScalar(SecretScalar&& other) noexcept;
  SecretScalar& operator=(SecretScalar&& other) noexcept;
  SecretScalar(const SecretScalar&) = delete;
  SecretScalar& operator=(const SecretScalar&) = delete;
  ~SecretScalar();

  /// A copy of the value for arithmetic (wiped when that copy is destroyed).
  Scalar reveal() const;
  /// The 32 encoded bytes (for hashing into a nonce derivation). Never log them.
  std::span<const unsigned char, 32> bytes() const;
  bool is_zero() const;

 private:
  SecretScalar();
  unsigned char* data_ = nullptr;
};

/// The sum of secrets mod L (a guardian's shares, a contest's nonces), kept secret.
MINGA_EXPORT SecretScalar sum_secrets(std::span<const SecretScalar> secrets);

/// A ristretto255 group element. Value type; always a valid element (possibly
/// the identity, which only the default constructor, identity() and arithmetic produce).
class MINGA_EXPORT Point {
 public:
  enum class Identity : std::uint8_t { reject, allow };

  Point() = default;  ///< the identity
  static Point identity() { return Point(); }
  /// B, the libsodium/RFC 9496 generator (e2f2ae0a...2d76).
  static const Point& generator();

  /// Decodes a canonical encoding. Throws Error(Errc::parse) naming `field` when
  /// the bytes are not 32, are not a canonical ristretto255 encoding (RFC 9496
  /// A.2), or are the identity and `identity` is Identity::reject (the default:
  /// public keys, ciphertext parts, commitments and decryption shares are never the identity).
  static Point decode(std::span<const unsigned char> bytes, std::string_view field = "point",
                      Identity identity = Identity::reject);
  /// RFC 9496 one-way map (crypto_core_ristretto255_from_hash) of 64 uniform bytes.
  static Point from_wide(const Bytes64& wide);

  /// B * s, identity when s = 0.
  static Point base_mul(const Scalar& s);
  static Point base_mul(const SecretScalar& s);
  /// this * s (identity when s = 0 or this is the identity).
  Point mul(const Scalar& s) const;
  Point mul(const SecretScalar& s) const;

  Point operator+(const Point& other) const;
  Point operator-(const Point& other) const;
  Point& operator+=(const Point& other) { return *this = *this + other; }

  const Bytes32& bytes() const noexcept { return bytes_; }
  std::string hex() const { return hex_encode(bytes_); }
  bool is_identity() const noexcept;
  bool operator==(const Point& other) const noexcept { return bytes_ == other.bytes_; }

 private:
  Bytes32 bytes_{};  // canonical encoding; all zero = identity
};

}  // namespace minga::verify
