// SPDX-License-Identifier: Apache-2.0
// src/verify/hash.cpp - Hs, H32, Hq (the byte layout is documented in the header).
#include "minga/verify/hash.hpp"

#include <sodium.h>

#include <cstring>

#include "minga/core/error.hpp"

namespace minga::verify {

namespace {

static_assert(sizeof(crypto_generichash_blake2b_state) == 384, "BLAKE2b state size changed");
static_assert(alignof(crypto_generichash_blake2b_state) <= 64, "BLAKE2b state alignment changed");

// "minga.verify.v1" plus one zero byte: BLAKE2b's 16-byte personalization.
constexpr unsigned char kPersonal[crypto_generichash_blake2b_PERSONALBYTES] = {
    'm', 'i', 'n', 'g', 'a', '.', 'v', 'e', 'r', 'i', 'f', 'y', '.', 'v', '1', 0};
constexpr unsigned char kSalt[crypto_generichash_blake2b_SALTBYTES] = {};

crypto_generichash_blake2b_state* state_of(unsigned char* raw) {
  return reinterpret_cast<crypto_generichash_blake2b_state*>(raw);
}

}  // namespace

Transcript::Transcript(std::span<const unsigned char> parent, Tag tag) {
  ensure_sodium();
  if (!parent.empty() && (parent.size() < crypto_generichash_blake2b_KEYBYTES_MIN ||
                          parent.size() > crypto_generichash_blake2b_KEYBYTES_MAX))
    throw Error(Errc::internal, "hash parent key must be empty or 16..64 bytes");
  if (crypto_generichash_blake2b_init_salt_personal(state_of(state_), parent.empty() ? nullptr : parent.data(),
                                                    parent.size(), kWideBytes, kSalt, kPersonal) != 0)
    throw Error(Errc::internal, "libsodium: BLAKE2b init failed");
  const unsigned char t = static_cast<unsigned char>(tag);
  crypto_generichash_blake2b_update(state_of(state_), &t, 1);
}

Transcript::~Transcript() { sodium_memzero(state_, sizeof state_); }

Transcript& Transcript::bytes(std::span<const unsigned char> field) {
  if (field.size() > 0xffffffffu) throw Error(Errc::limit, "a hashed field is longer than 4 GiB");
  unsigned char length[4];
  for (int i = 0; i < 4; ++i) length[i] = static_cast<unsigned char>(field.size() >> (8 * i));
  crypto_generichash_blake2b_update(state_of(state_), length, sizeof length);
  crypto_generichash_blake2b_update(state_of(state_), field.data(), field.size());
  return *this;
}

Transcript& Transcript::text(std::string_view field) {
  return bytes({reinterpret_cast<const unsigned char*>(field.data()), field.size()});
}

Transcript& Transcript::u64(std::uint64_t field) {
  unsigned char le[8];
  for (int i = 0; i < 8; ++i) le[i] = static_cast<unsigned char>(field >> (8 * i));
  return bytes(le);
}

Bytes64 Transcript::wide() const {
  Transcript copy(*this);  // finishing consumes the state; this transcript stays usable
  Bytes64 out{};
  crypto_generichash_blake2b_final(state_of(copy.state_), out.data(), out.size());
  return out;
}

Bytes32 Transcript::h32() const {
  Bytes64 full = wide();
  Bytes32 out{};
  std::memcpy(out.data(), full.data(), out.size());
  return out;
}

Scalar Transcript::hq() const { return Scalar::from_wide(wide()); }

SecretScalar Transcript::hq_secret() const {
  Bytes64 full = wide();
  SecretScalar s = SecretScalar::from_wide(full);
  sodium_memzero(full.data(), full.size());
  return s;
}

Bytes32 parameter_hash(std::uint32_t guardians, std::uint32_t quorum) {
  return Transcript({}, Tag::parameters).text("minga.verify/1").text("ristretto255").u64(guardians).u64(quorum).h32();
}

Point hash_to_point(std::string_view label) {
  return Point::from_wide(Transcript({}, Tag::hash_to_point).text(label).wide());
}

}  // namespace minga::verify
