// SPDX-License-Identifier: Apache-2.0
// minga/verify/hash.hpp - domain-separated hashing for the election protocol.
//
// NORMATIVE (the election record depends on these bytes):
//
//   Hs(parent; tag; f_1, ..., f_n) =
//       BLAKE2b-512( key      = parent  (empty, or a 32-byte hash such as H_P, H_E, H_I),
//                    salt     = 16 zero bytes,
//                    personal = "minga.verify.v1" followed by one zero byte (16 bytes),
//                    message  = tag (1 byte) || len(f_1) || f_1 || ... || len(f_n) || f_n )
//
//   where len(f) is the byte length of f as 4 bytes little-endian. Field encodings:
//     point        its 32-byte canonical ristretto255 encoding (identity = 32 zero bytes)
//     scalar       32 bytes little-endian, reduced mod L
//     integer      8 bytes little-endian (indices, bounds, counts)
//     text         its UTF-8 bytes, no terminator
//     hash         its 32 (or 64) bytes
//   H32(...) = the first 32 bytes of Hs(...)
//   Hq(...)  = Hs(...) reduced mod L (crypto_core_ristretto255_scalar_reduce of all 64 bytes)
//
// Length prefixes make the message an injective function of the field list, so
// no two different statements hash the same input; the tag separates uses
// (one table below: each tag has exactly one meaning in the record format).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "minga/export.h"
#include "minga/verify/group.hpp"

namespace minga::verify {

/// Domain tags. Pinned: they are part of the record format.
enum class Tag : std::uint8_t {
  parameters = 0x00,         ///< H_P = H32(none; 0x00, "minga.verify/1", "ristretto255", n, k)
  manifest = 0x01,           ///< H_B = H32(H_P; 0x01, canonical manifest)
  guardian_proof = 0x10,     ///< Schnorr proof of possession of a guardian's coefficients
  election = 0x14,           ///< H_E = H32(H_B; 0x14, K)
  selection_id = 0x20,       ///< H_I = H32(H_E; 0x20, ballot id)
  selection_nonce = 0x21,    ///< xi = Hq(H_I; 0x21, contest, option, ballot nonce)
  range_proof = 0x24,        ///< challenge of a selection's range proof 0..R
  limit_proof = 0x25,        ///< challenge of a contest's selection-limit proof 0..L
  device_closing = 0x26,     ///< a chained device's closing hash (ballot.hpp)
  contest_hash = 0x28,       ///< chi_l (confirmation codes; built on this core next)
  confirmation_code = 0x29,  ///< H_C
  ranked_row = 0x2a,         ///< ranked contest: a candidate's row of indicators sums to 0..1
  ranked_rank = 0x2b,        ///< ranked contest: a rank's column of indicators sums to 0..1
  ranked_gap = 0x2c,         ///< ranked contest: column p minus column p+1 is 0..1 (no gaps)
  quadratic_pair = 0x2d,     ///< quadratic contest: (vote + V, vote^2) pair proof
  budget_spent_bit = 0x2e,   ///< quadratic contest: a bit of the credits spent (budget proof)
  budget_slack_bit = 0x2f,   ///< quadratic contest: a bit of spent + 2^k - 1 - C (budget proof)
  decryption_proof = 0x30,   ///< challenge of a guardian's partial-decryption proof
  hash_to_point = 0x40,      ///< independent generators: from_hash(Hs(none; 0x40, label))
};

/// An incremental Hs: construct with the parent key and tag, add fields in
/// order, then finish once with one of wide()/h32()/hq(). Copyable (a prefix
/// can be hashed once and extended twice). The state is wiped on destruction,
/// since nonce derivations feed secrets through it.
class MINGA_EXPORT Transcript {
 public:
  /// `parent` is empty or 16..64 bytes (a hash); anything else is Errc::internal.
  Transcript(std::span<const unsigned char> parent, Tag tag);
  Transcript(const Transcript&) = default;
  Transcript& operator=(const Transcript&) = default;
  ~Transcript();

  Transcript& bytes(std::span<const unsigned char> field);
  Transcript& text(std::string_view field);
  Transcript& u64(std::uint64_t field);
  Transcript& point(const Point& field) { return bytes(field.bytes()); }
  Transcript& scalar(const Scalar& field) { return bytes(field.bytes()); }
  Transcript& secret(const SecretScalar& field) { return bytes(field.bytes()); }

  /// Hs: all 64 bytes.
  Bytes64 wide() const;
  /// H32: the first 32 bytes of Hs.
  Bytes32 h32() const;
  /// Hq: Hs reduced mod L (a Fiat-Shamir challenge or a derived scalar).
  Scalar hq() const;
  /// Hq kept secret (nonce derivations); the 64-byte intermediate is wiped.
  SecretScalar hq_secret() const;

 private:
  // libsodium's crypto_generichash_blake2b_state (checked in hash.cpp), kept opaque
  // so that this header does not need <sodium.h>.
  alignas(64) unsigned char state_[384];
};

/// H_P: the parameter hash binding the group, the protocol version and the
/// guardian numbers n (guardians) and k (quorum).
MINGA_EXPORT Bytes32 parameter_hash(std::uint32_t guardians, std::uint32_t quorum);

/// An independent generator: from_hash(Hs(none; 0x40, label)); nobody knows its
/// discrete log to B. (Not used by the core yet; for Pedersen commitments.)
MINGA_EXPORT Point hash_to_point(std::string_view label);

}  // namespace minga::verify
