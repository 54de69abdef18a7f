// SPDX-License-Identifier: Apache-2.0
// minga/verify/bulletin_board.hpp - the election's public bulletin board of cast ballots.
//
// The board keeps an append-only Merkle log (merkle_log.hpp) whose leaves are the
// cast ballots' 32-byte confirmation codes, in casting order; it signs checkpoints
// (checkpoint.hpp) and receipts (receipt.hpp) with its Ed25519 key, whose name is
// the log's origin; it serves inclusion and consistency proofs; and it finds a
// ballot by confirmation code or by short code (short_code.hpp), so that a voter
// can confirm a ballot by any channel. The ballots themselves (ciphertexts and
// proofs) live in the election record, keyed by confirmation code.
//
// A confirmation code is on the board at most once: appending it again is an error.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minga/export.h"
#include "minga/verify/checkpoint.hpp"
#include "minga/verify/merkle_log.hpp"
#include "minga/verify/receipt.hpp"

namespace minga::verify {

class MINGA_EXPORT BulletinBoard {
 public:
  /// A board for one election; `key` signs checkpoints and receipts (its name is the origin).
  BulletinBoard(const Digest& election_id, SigningKey key);

  const Digest& election_id() const noexcept { return election_id_; }
  /// The board's public key, to publish with the election.
  const NoteVerifier& verifier() const noexcept { return key_.verifier(); }
  std::uint64_t size() const noexcept { return log_.size(); }
  const MerkleLog& log() const noexcept { return log_; }
  /// The confirmation code at a leaf index (Error(invalid_argument) beyond size()).
  const Digest& confirmation_code(std::uint64_t index) const;

  /// Appends a ballot's confirmation code and returns its receipt, signed, with a
  /// checkpoint of the new size. Error(invalid_argument) if the code is on the board.
  Receipt append(const Digest& confirmation_code);
  /// Appends codes in order under one signed checkpoint (of the size after the
  /// last); returns their receipts. All-or-nothing: a duplicate (on the board or
  /// within the batch) appends none.
  std::vector<Receipt> append_batch(std::span<const Digest> confirmation_codes);

  /// The signed checkpoint of the current size (Ed25519 is deterministic: the
  /// same size always gives the same note).
  std::string checkpoint() const;
  std::vector<Digest> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const {
    return log_.inclusion_proof(index, tree_size);
  }
  std::vector<Digest> consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const {
    return log_.consistency_proof(old_size, new_size);
  }

  /// The leaf index of a confirmation code, if it is on the board.
  std::optional<std::uint64_t> find(const Digest& confirmation_code) const;
  /// The leaf indices of every ballot with this short code (as typed: see
  /// parse_short_code, whose Error(parse) it throws), in log order.
  std::vector<std::uint64_t> find_short_code(std::string_view short_code) const;

 private:
  struct DigestHash {
    std::size_t operator()(const Digest& d) const noexcept;
  };
  Receipt receipt_for(std::uint64_t index, const std::string& checkpoint_note) const;
  void add(const Digest& confirmation_code);

  Digest election_id_;
  SigningKey key_;
  MerkleLog log_;
  std::vector<Digest> codes_;
  std::unordered_map<Digest, std::uint64_t, DigestHash> index_of_code_;
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> indices_of_short_code_;
};

}  // namespace minga::verify
