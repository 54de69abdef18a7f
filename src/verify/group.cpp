// SPDX-License-Identifier: Apache-2.0
// src/verify/group.cpp - ristretto255 points and scalars over libsodium (see the header).
#include "minga/verify/group.hpp"

#include <sodium.h>

#include <cstring>
#include <mutex>
#include <utility>

#include "minga/core/error.hpp"

namespace minga::verify {

namespace {

// L, little-endian.
constexpr Bytes32 kOrder = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                            0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

bool below_order(std::span<const unsigned char> s) {
  for (std::size_t i = kScalarBytes; i-- > 0;) {
    if (s[i] != kOrder[i]) return s[i] < kOrder[i];
  }
  return false;  // equal to L
}

bool all_zero(const unsigned char* p, std::size_t n) { return sodium_is_zero(p, n) == 1; }

void check(bool ok, const char* what) {
  if (!ok) throw Error(Errc::internal, std::string("libsodium: ") + what + " failed");
}

}  // namespace

void ensure_sodium() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = sodium_init() >= 0; });
  if (!ok) throw Error(Errc::internal, "libsodium could not be initialised");
}

std::string hex_encode(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

std::vector<unsigned char> hex_decode(std::string_view hex, std::size_t size, std::string_view field) {
  std::vector<unsigned char> out(size);
  std::size_t written = 0;
  const char* end = nullptr;
  if (hex.size() != 2 * size ||
      sodium_hex2bin(out.data(), size, hex.data(), hex.size(), nullptr, &written, &end) != 0 || written != size ||
      end != hex.data() + hex.size())
    throw Error(Errc::parse, Location{"", 0, std::string(field)},
                "expected " + std::to_string(size) + " bytes as " + std::to_string(2 * size) + " hex digits");
  return out;
}

// ---- Scalar ----

Scalar::~Scalar() { sodium_memzero(bytes_.data(), bytes_.size()); }

Scalar Scalar::from_u64(std::uint64_t value) {
  Scalar s;
  for (std::size_t i = 0; i < 8; ++i) s.bytes_[i] = static_cast<unsigned char>(value >> (8 * i));
  return s;  // < 2^64 < L: already reduced
}

Scalar Scalar::decode(std::span<const unsigned char> bytes, std::string_view field) {
  if (bytes.size() != kScalarBytes)
    throw Error(Errc::parse, Location{"", 0, std::string(field)}, "a scalar is 32 bytes");
  if (!below_order(bytes))
    throw Error(Errc::parse, Location{"", 0, std::string(field)}, "non-canonical scalar (not below the group order L)");
  Scalar s;
  std::memcpy(s.bytes_.data(), bytes.data(), kScalarBytes);
  return s;
}

Scalar Scalar::from_wide(const Bytes64& wide) {
  Scalar s;
  crypto_core_ristretto255_scalar_reduce(s.bytes_.data(), wide.data());
  return s;
}

Scalar Scalar::random() {
  ensure_sodium();
  Scalar s;
  crypto_core_ristretto255_scalar_random(s.bytes_.data());
  return s;
}

bool Scalar::is_zero() const noexcept { return all_zero(bytes_.data(), bytes_.size()); }

Scalar Scalar::operator+(const Scalar& other) const {
  Scalar r;
  crypto_core_ristretto255_scalar_add(r.bytes_.data(), bytes_.data(), other.bytes_.data());
  return r;
}

Scalar Scalar::operator-(const Scalar& other) const {
  Scalar r;
  crypto_core_ristretto255_scalar_sub(r.bytes_.data(), bytes_.data(), other.bytes_.data());
  return r;
}

Scalar Scalar::operator*(const Scalar& other) const {
  Scalar r;
  crypto_core_ristretto255_scalar_mul(r.bytes_.data(), bytes_.data(), other.bytes_.data());
  return r;
}

Scalar Scalar::operator-() const {
  Scalar r;
  crypto_core_ristretto255_scalar_negate(r.bytes_.data(), bytes_.data());
  return r;
}

Scalar Scalar::inverse() const {
  Scalar r;
  if (crypto_core_ristretto255_scalar_invert(r.bytes_.data(), bytes_.data()) != 0)
    throw Error(Errc::invalid_argument, "the scalar zero has no inverse");
  return r;
}

// ---- SecretScalar ----

SecretScalar::SecretScalar() {
  ensure_sodium();
  data_ = static_cast<unsigned char*>(sodium_malloc(kScalarBytes));
  if (data_ == nullptr) throw Error(Errc::out_of_memory, "sodium_malloc failed for a secret scalar");
  sodium_memzero(data_, kScalarBytes);
}

SecretScalar::SecretScalar(const Scalar& value) : SecretScalar() {
  std::memcpy(data_, value.bytes_.data(), kScalarBytes);
}

SecretScalar SecretScalar::random() {
  SecretScalar s;
  crypto_core_ristretto255_scalar_random(s.data_);
  return s;
}

SecretScalar SecretScalar::from_wide(const Bytes64& wide) {
  SecretScalar s;
  crypto_core_ristretto255_scalar_reduce(s.data_, wide.data());
  return s;
}

SecretScalar::SecretScalar(SecretScalar&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}

SecretScalar& SecretScalar::operator=(SecretScalar&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) sodium_free(data_);  // sodium_free wipes before unmapping
    data_ = std::exchange(other.data_, nullptr);
  }
  return *this;
}

SecretScalar::~SecretScalar() {
  if (data_ != nullptr) {
    sodium_memzero(data_, kScalarBytes);
    sodium_free(data_);
  }
}

Scalar SecretScalar::reveal() const {
  if (data_ == nullptr) throw Error(Errc::internal, "use of a moved-from secret scalar");
  Scalar s;
  std::memcpy(s.bytes_.data(), data_, kScalarBytes);
  return s;
}

std::span<const unsigned char, 32> SecretScalar::bytes() const {
  if (data_ == nullptr) throw Error(Errc::internal, "use of a moved-from secret scalar");
  return std::span<const unsigned char, 32>(data_, kScalarBytes);
}

bool SecretScalar::is_zero() const { return all_zero(bytes().data(), kScalarBytes); }

SecretScalar sum_secrets(std::span<const SecretScalar> secrets) {
  Scalar total;
  for (const SecretScalar& s : secrets) total = total + s.reveal();
  return SecretScalar(total);
}

// ---- Point ----

const Point& Point::generator() {
  static const Point b = Point::base_mul(Scalar::from_u64(1));
  return b;
}

Point Point::decode(std::span<const unsigned char> bytes, std::string_view field, Identity identity) {
  ensure_sodium();
  const Location where{"", 0, std::string(field)};
  if (bytes.size() != kPointBytes) throw Error(Errc::parse, where, "a group element is 32 bytes");
  if (crypto_core_ristretto255_is_valid_point(bytes.data()) != 1)
    throw Error(Errc::parse, where, "not a canonical ristretto255 encoding");
  Point p;
  std::memcpy(p.bytes_.data(), bytes.data(), kPointBytes);
  if (identity == Identity::reject && p.is_identity())
    throw Error(Errc::parse, where, "the identity element is not allowed here");
  return p;
}

Point Point::from_wide(const Bytes64& wide) {
  ensure_sodium();
  Point p;
  check(crypto_core_ristretto255_from_hash(p.bytes_.data(), wide.data()) == 0, "from_hash");
  return p;
}

// scalarmult writes zeros and returns -1 exactly when the result is the identity
// (our points always decode): zero bytes ARE the identity's encoding, so the
// output is right either way. The return value is deliberately not an error.
Point Point::base_mul(const Scalar& s) {
  ensure_sodium();
  Point p;
  if (crypto_scalarmult_ristretto255_base(p.bytes_.data(), s.bytes().data()) != 0) p = Point();
  return p;
}

Point Point::base_mul(const SecretScalar& s) {
  ensure_sodium();
  Point p;
  if (crypto_scalarmult_ristretto255_base(p.bytes_.data(), s.bytes().data()) != 0) p = Point();
  return p;
}

Point Point::mul(const Scalar& s) const {
  Point p;
  if (crypto_scalarmult_ristretto255(p.bytes_.data(), s.bytes().data(), bytes_.data()) != 0) p = Point();
  return p;
}

Point Point::mul(const SecretScalar& s) const {
  Point p;
  if (crypto_scalarmult_ristretto255(p.bytes_.data(), s.bytes().data(), bytes_.data()) != 0) p = Point();
  return p;
}

Point Point::operator+(const Point& other) const {
  Point p;
  check(crypto_core_ristretto255_add(p.bytes_.data(), bytes_.data(), other.bytes_.data()) == 0, "point addition");
  return p;
}

Point Point::operator-(const Point& other) const {
  Point p;
  check(crypto_core_ristretto255_sub(p.bytes_.data(), bytes_.data(), other.bytes_.data()) == 0, "point subtraction");
  return p;
}

bool Point::is_identity() const noexcept { return all_zero(bytes_.data(), bytes_.size()); }

}  // namespace minga::verify
