// SPDX-License-Identifier: Apache-2.0
// The Merkle log: RFC 9162 section 2.1 hashing, proofs and their verification.
#include "minga/verify/merkle_log.hpp"

#include <sodium.h>

#include <bit>
#include <string>

#include "minga/core/error.hpp"

namespace minga::verify {
namespace {

constexpr unsigned char kLeafPrefix = 0x00;
constexpr unsigned char kNodePrefix = 0x01;

// The k of the RFC's split: the largest power of two strictly below n (n >= 2).
std::uint64_t split_point(std::uint64_t n) {
  return std::bit_floor(n - 1);
}

bool is_odd(std::uint64_t x) {
  return (x & 1U) != 0;
}

// "right-shift both fn and sn equally until either LSB(fn) is set or fn is 0" (RFC 9162).
void shift_until_odd_or_zero(std::uint64_t& fn, std::uint64_t& sn) {
  while (!is_odd(fn) && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

void require(bool condition, const std::string& message) {
  if (!condition) throw Error(Errc::invalid_argument, message);
}

}  // namespace

Digest sha256(std::span<const unsigned char> bytes) {
  Digest out;
  crypto_hash_sha256(out.data(), bytes.data(), bytes.size());
  return out;
}

Digest merkle_leaf_hash(std::span<const unsigned char> data) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, &kLeafPrefix, 1);
  crypto_hash_sha256_update(&state, data.data(), data.size());
  Digest out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Digest merkle_node_hash(const Digest& left, const Digest& right) {
  unsigned char input[1 + 2 * 32];
  input[0] = kNodePrefix;
  std::copy(left.begin(), left.end(), input + 1);
  std::copy(right.begin(), right.end(), input + 1 + 32);
  Digest out;
  crypto_hash_sha256(out.data(), input, sizeof input);
  return out;
}

Digest merkle_empty_root() {
  return sha256({});
}

std::uint64_t MerkleLog::append(std::span<const unsigned char> leaf_data) {
  return append_leaf_hash(merkle_leaf_hash(leaf_data));
}

std::uint64_t MerkleLog::append_leaf_hash(const Digest& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  const std::uint64_t index = levels_[0].size();
  levels_[0].push_back(leaf_hash);
  // Close every complete subtree this leaf finishes: while a level holds an even
  // number of nodes, its last two are the children of a new node one level up.
  for (std::size_t h = 0; levels_[h].size() % 2 == 0; ++h) {
    if (h + 1 == levels_.size()) levels_.emplace_back();
    const auto& level = levels_[h];
    levels_[h + 1].push_back(merkle_node_hash(level[level.size() - 2], level[level.size() - 1]));
  }
  return index;
}

const Digest& MerkleLog::leaf_hash(std::uint64_t index) const {
  require(index < size(), "leaf index " + std::to_string(index) + " is beyond the log size " + std::to_string(size()));
  return levels_[0][index];
}

Digest MerkleLog::range_hash(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  if (n == 0) return merkle_empty_root();
  if (std::has_single_bit(n) && begin % n == 0) return levels_[std::countr_zero(n)][begin / n];
  const std::uint64_t k = split_point(n);
  return merkle_node_hash(range_hash(begin, begin + k), range_hash(begin + k, end));
}

Digest MerkleLog::root(std::uint64_t tree_size) const {
  require(tree_size <= size(),
          "tree size " + std::to_string(tree_size) + " is beyond the log size " + std::to_string(size()));
  return range_hash(0, tree_size);
}

// PATH(m, D[begin:end]) of RFC 9162 2.1.3.1, with m = index - begin.
void MerkleLog::inclusion_path(std::uint64_t index, std::uint64_t begin, std::uint64_t end,
                               std::vector<Digest>& out) const {
  if (end - begin == 1) return;
  const std::uint64_t mid = begin + split_point(end - begin);
  if (index < mid) {
    inclusion_path(index, begin, mid, out);
    out.push_back(range_hash(mid, end));
  } else {
    inclusion_path(index, mid, end, out);
    out.push_back(range_hash(begin, mid));
  }
}

std::vector<Digest> MerkleLog::inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const {
  require(tree_size <= size(),
          "tree size " + std::to_string(tree_size) + " is beyond the log size " + std::to_string(size()));
  require(index < tree_size,
          "leaf index " + std::to_string(index) + " is not below the tree size " + std::to_string(tree_size));
  std::vector<Digest> out;
  inclusion_path(index, 0, tree_size, out);
  return out;
}

// SUBPROOF(m, D[begin:end], b) of RFC 9162 2.1.4.1, with m = old_end - begin.
void MerkleLog::consistency_subproof(std::uint64_t old_end, std::uint64_t begin, std::uint64_t end, bool whole_old_tree,
                                     std::vector<Digest>& out) const {
  if (old_end == end) {
    if (!whole_old_tree) out.push_back(range_hash(begin, end));
    return;
  }
  const std::uint64_t mid = begin + split_point(end - begin);
  if (old_end <= mid) {
    consistency_subproof(old_end, begin, mid, whole_old_tree, out);
    out.push_back(range_hash(mid, end));
  } else {
    consistency_subproof(old_end, mid, end, false, out);
    out.push_back(range_hash(begin, mid));
  }
}

std::vector<Digest> MerkleLog::consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const {
  require(new_size <= size(),
          "tree size " + std::to_string(new_size) + " is beyond the log size " + std::to_string(size()));
  require(old_size <= new_size,
          "old tree size " + std::to_string(old_size) + " is above the new tree size " + std::to_string(new_size));
  std::vector<Digest> out;
  if (old_size == 0 || old_size == new_size) return out;
  consistency_subproof(old_size, 0, new_size, true, out);
  return out;
}

bool verify_inclusion(std::uint64_t index, std::uint64_t tree_size, const Digest& leaf_hash,
                      std::span<const Digest> proof, const Digest& root) noexcept {
  if (index >= tree_size) return false;
  std::uint64_t fn = index;
  std::uint64_t sn = tree_size - 1;
  Digest r = leaf_hash;
  for (const Digest& p : proof) {
    if (sn == 0) return false;
    if (is_odd(fn) || fn == sn) {
      r = merkle_node_hash(p, r);
      shift_until_odd_or_zero(fn, sn);
    } else {
      r = merkle_node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Digest& old_root, const Digest& new_root,
                        std::span<const Digest> proof) noexcept {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty() && old_root == merkle_empty_root();
  // Step 1: a proof between different non-empty trees is never empty.
  if (proof.empty()) return false;
  // Step 2: when old_size is a power of two the old root is the proof's implicit first element.
  const bool old_root_first = std::has_single_bit(old_size);
  const auto element = [&](std::size_t i) -> const Digest& {
    if (old_root_first) return i == 0 ? old_root : proof[i - 1];
    return proof[i];
  };
  const std::size_t count = proof.size() + (old_root_first ? 1 : 0);
  // Steps 3-4.
  std::uint64_t fn = old_size - 1;
  std::uint64_t sn = new_size - 1;
  while (is_odd(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  // Step 5.
  Digest fr = element(0);
  Digest sr = element(0);
  // Step 6.
  for (std::size_t i = 1; i < count; ++i) {
    const Digest& c = element(i);
    if (sn == 0) return false;
    if (is_odd(fn) || fn == sn) {
      fr = merkle_node_hash(c, fr);
      sr = merkle_node_hash(c, sr);
      shift_until_odd_or_zero(fn, sn);
    } else {
      sr = merkle_node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 7.
  return fr == old_root && sr == new_root && sn == 0;
}

}  // namespace minga::verify
