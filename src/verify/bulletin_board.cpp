// SPDX-License-Identifier: Apache-2.0
// The bulletin board: Merkle log of confirmation codes, signed checkpoints and receipts, lookups.
#include "minga/verify/bulletin_board.hpp"

#include <cstring>
#include <unordered_set>

#include "minga/verify/short_code.hpp"
#include "verify/board_encoding.hpp"

namespace minga::verify {

std::size_t BulletinBoard::DigestHash::operator()(const Digest& d) const noexcept {
  std::size_t h;  // codes are hashes: their first bytes are already uniform
  std::memcpy(&h, d.data(), sizeof h);
  return h;
}

BulletinBoard::BulletinBoard(const Digest& election_id, SigningKey key)
    : election_id_(election_id), key_(std::move(key)) {}

const Digest& BulletinBoard::confirmation_code(std::uint64_t index) const {
  if (index >= codes_.size())
    throw Error(Errc::invalid_argument, "leaf index " + std::to_string(index) + " is beyond the board's " +
                                            std::to_string(codes_.size()) + " ballots");
  return codes_[index];
}

void BulletinBoard::add(const Digest& confirmation_code) {
  const std::uint64_t index = log_.append(confirmation_code);
  codes_.push_back(confirmation_code);
  index_of_code_.emplace(confirmation_code, index);
  indices_of_short_code_[short_code_value(confirmation_code)].push_back(index);
}

Receipt BulletinBoard::receipt_for(std::uint64_t index, const std::string& checkpoint_note) const {
  Receipt r;
  r.election_id = election_id_;
  r.confirmation_code = codes_[index];
  r.leaf_index = index;
  r.checkpoint = checkpoint_note;
  r.inclusion_proof = log_.inclusion_proof(index, log_.size());
  r.sign(key_);
  return r;
}

Receipt BulletinBoard::append(const Digest& confirmation_code) {
  return std::move(append_batch(std::span(&confirmation_code, 1)).front());
}

std::vector<Receipt> BulletinBoard::append_batch(std::span<const Digest> confirmation_codes) {
  std::unordered_set<Digest, DigestHash> batch;
  for (const Digest& code : confirmation_codes)
    if (index_of_code_.contains(code) || !batch.insert(code).second)
      throw Error(Errc::invalid_argument,
                  "confirmation code " + board_detail::hex_lower(code) + " is already on the board");
  const std::uint64_t first = log_.size();
  for (const Digest& code : confirmation_codes) add(code);
  const std::string note = checkpoint();
  std::vector<Receipt> receipts;
  receipts.reserve(confirmation_codes.size());
  for (std::uint64_t i = first; i < log_.size(); ++i) receipts.push_back(receipt_for(i, note));
  return receipts;
}

std::string BulletinBoard::checkpoint() const {
  return sign_checkpoint(Checkpoint{key_.name(), log_.size(), log_.root(), {}}, key_);
}

std::optional<std::uint64_t> BulletinBoard::find(const Digest& confirmation_code) const {
  const auto it = index_of_code_.find(confirmation_code);
  if (it == index_of_code_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::uint64_t> BulletinBoard::find_short_code(std::string_view short_code) const {
  const auto it = indices_of_short_code_.find(parse_short_code(short_code));
  if (it == indices_of_short_code_.end()) return {};
  return it->second;
}

}  // namespace minga::verify
