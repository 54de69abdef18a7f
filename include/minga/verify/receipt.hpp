// SPDX-License-Identifier: Apache-2.0
// minga/verify/receipt.hpp - the voter's receipt: the board's signed word that a ballot is in its log.
//
// A receipt holds the election id (H_E), the ballot's 32-byte confirmation code,
// its leaf index in the board's Merkle log, a checkpoint signed by the board
// (a tree size that includes the leaf), the inclusion proof of the leaf in that
// tree, and the board's Ed25519 signature over all of it. The log's leaf for a
// ballot is its confirmation code itself (32 bytes; leaf hash SHA-256(0x00 || code)).
//
// Binary form (what the signature covers is everything before the signature):
//
//   16 B  "minga.receipt/1" 0x00       format tag and signature domain
//   32 B  election id
//   32 B  confirmation code
//    8 B  leaf index, unsigned big-endian
//    4 B  checkpoint length n, unsigned big-endian (1 .. 65536)
//    n B  the signed checkpoint note (UTF-8)
//    1 B  number of proof hashes p (0 .. 64)
//  32p B  inclusion proof, leaf side first
//   64 B  Ed25519 signature by the board key over all bytes above
//
// The 0x00 in the tag keeps receipts and checkpoints apart although one key signs
// both: a signed note never holds a control character.
//
// JSON form (schema "minga.receipt/1"; hashes and the signature in lower-case hex,
// field order free, unknown fields rejected; "short_code" is derived and checked):
//
//   {"schema": "minga.receipt/1", "election_id": "<64 hex>", "confirmation_code": "<64 hex>",
//    "short_code": "2M3D7-HPKWP", "leaf_index": 41, "checkpoint": "<signed note>",
//    "inclusion_proof": ["<64 hex>", ...], "signature": "<128 hex>"}
//
// docs/verify_board.md is the normative description, with test vectors.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "minga/export.h"
#include "minga/verify/checkpoint.hpp"
#include "minga/verify/merkle_log.hpp"

namespace minga::verify {

struct MINGA_EXPORT Receipt {
  Digest election_id{};
  Digest confirmation_code{};
  std::uint64_t leaf_index = 0;
  std::string checkpoint;  ///< the board's signed checkpoint note (text, blank line, signature lines)
  std::vector<Digest> inclusion_proof;
  Ed25519Signature signature{};  ///< the board's signature over signed_bytes()

  /// The binary form without the signature: what the board signs.
  /// Error(limit) when the checkpoint or the proof exceeds the binary form's bounds.
  std::vector<unsigned char> signed_bytes() const;
  /// Sets signature to key's signature over signed_bytes().
  void sign(const SigningKey& key);

  /// The binary form (above). from_binary throws Error(parse) naming the field
  /// for truncated input, bad bounds or trailing bytes; it checks no signature.
  std::vector<unsigned char> to_binary() const;
  static Receipt from_binary(std::span<const unsigned char> bytes);
  /// The JSON form (above), pretty-printed. from_json throws Error(parse) naming
  /// the field for malformed JSON, a missing, unknown or mistyped field, bad hex,
  /// or a short_code that is not the confirmation code's; it checks no signature.
  std::string to_json() const;
  static Receipt from_json(std::string_view json);

  friend bool operator==(const Receipt&, const Receipt&) = default;
};

/// The offline check of a receipt against the board's published key and the
/// election the voter took part in. In order: the election id is the expected
/// one; the receipt signature verifies under `board`; the checkpoint is a note
/// signed by `board` with origin = the board key's name; leaf_index < its tree
/// size; the inclusion proof takes SHA-256(0x00 || confirmation code) at
/// leaf_index to the checkpoint's root. Returns the checkpoint. Any failure
/// throws Error(mismatch) naming the failed check (Error(parse) for a malformed
/// checkpoint).
MINGA_EXPORT Checkpoint verify_receipt(const Receipt& receipt, const NoteVerifier& board, const Digest& election_id);

/// What a verified receipt shows, as JSON: {"origin", "tree_size" (the board's
/// size when it signed), "leaf_index", "short_code"}.
MINGA_EXPORT std::string verified_receipt_json(const Receipt& receipt, const Checkpoint& checkpoint);

/// "Check later": verify_receipt, then that `newer_checkpoint` (a note signed by
/// the board) is an append-only extension of the receipt's checkpoint, by the
/// RFC 9162 consistency proof. Returns the newer checkpoint. Error(mismatch)
/// when the newer tree is smaller or the proof fails: the board rewrote history.
MINGA_EXPORT Checkpoint verify_receipt_later(const Receipt& receipt, const NoteVerifier& board,
                                             const Digest& election_id, std::string_view newer_checkpoint,
                                             std::span<const Digest> consistency_proof);

}  // namespace minga::verify
