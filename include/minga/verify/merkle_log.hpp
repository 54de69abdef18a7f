// SPDX-License-Identifier: Apache-2.0
// minga/verify/merkle_log.hpp - the bulletin board's append-only Merkle log (RFC 9162 section 2.1).
//
// Hashing is RFC 6962 / RFC 9162 section 2.1.1 with SHA-256:
//
//   MTH({})       = SHA-256()                                   (the empty tree)
//   leaf hash     = SHA-256(0x00 || leaf data)
//   node hash     = SHA-256(0x01 || left || right)
//   MTH(D[n])     = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two below n
//
// The log stores the leaf hashes and every complete subtree (2^h leaves starting at
// a multiple of 2^h), about 2n hashes for n leaves. An append hashes the leaf and
// closes the subtrees it completes (amortised one node hash); the root of any
// prefix and every proof combine O(log n) stored nodes, never the whole tree.
//
// Proofs are the RFC's: inclusion proofs (section 2.1.3, the audit path PATH(m, D[n]))
// and consistency proofs (section 2.1.4, PROOF(m, D[n])). The verify_* functions are
// the RFC's verification algorithms, bit for bit, and need nothing from the log.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "minga/export.h"

namespace minga::verify {

/// A SHA-256 digest: leaf hashes, node hashes, roots. (The same type as the
/// 32-byte confirmation codes of ballots, so a code can be a leaf as it is.)
using Digest = std::array<unsigned char, 32>;

/// SHA-256 of bytes (libsodium's crypto_hash_sha256).
MINGA_EXPORT Digest sha256(std::span<const unsigned char> bytes);
/// RFC 9162 leaf hash: SHA-256(0x00 || data).
MINGA_EXPORT Digest merkle_leaf_hash(std::span<const unsigned char> data);
/// RFC 9162 interior node hash: SHA-256(0x01 || left || right).
MINGA_EXPORT Digest merkle_node_hash(const Digest& left, const Digest& right);
/// Root of the empty tree: SHA-256 of nothing (e3b0c442...b855).
MINGA_EXPORT Digest merkle_empty_root();

/// An append-only Merkle log. Not thread-safe for concurrent appends; const
/// methods may run concurrently with each other.
class MINGA_EXPORT MerkleLog {
 public:
  /// Appends a leaf (its data is hashed with the 0x00 prefix); returns its index.
  std::uint64_t append(std::span<const unsigned char> leaf_data);
  /// Appends a leaf given its leaf hash (for callers that hashed it already).
  std::uint64_t append_leaf_hash(const Digest& leaf_hash);

  std::uint64_t size() const noexcept { return levels_.empty() ? 0 : levels_[0].size(); }
  /// The leaf hash at index; Error(invalid_argument) when index >= size().
  const Digest& leaf_hash(std::uint64_t index) const;

  /// Root of the whole log (MTH of all leaves).
  Digest root() const { return root(size()); }
  /// Root of the first tree_size leaves; Error(invalid_argument) when tree_size > size().
  Digest root(std::uint64_t tree_size) const;

  /// RFC 9162 2.1.3.1 inclusion proof of leaf `index` in the tree of the first
  /// `tree_size` leaves (index < tree_size <= size(), else Error(invalid_argument)).
  /// ceil(log2(tree_size)) hashes at most, leaf side first.
  std::vector<Digest> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const;
  /// RFC 9162 2.1.4.1 consistency proof from the tree of old_size leaves to the
  /// tree of new_size leaves (old_size <= new_size <= size(), else
  /// Error(invalid_argument)). Empty when old_size is 0 or equal to new_size.
  std::vector<Digest> consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const;

 private:
  // MTH(D[begin:end]) where [begin, end) is a node of some tree the RFC splits
  // (begin is a multiple of the largest power of two <= end - begin).
  Digest range_hash(std::uint64_t begin, std::uint64_t end) const;
  void inclusion_path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Digest>& out) const;
  void consistency_subproof(std::uint64_t old_end, std::uint64_t begin, std::uint64_t end, bool whole_old_tree,
                            std::vector<Digest>& out) const;

  // levels_[h][i] = hash of the complete subtree of leaves [i*2^h, (i+1)*2^h).
  std::vector<std::vector<Digest>> levels_;
};

/// RFC 9162 2.1.3.2: true when `proof` shows that the leaf with `leaf_hash` is
/// at `index` in the tree of `tree_size` leaves whose root is `root`. False on
/// any mismatch (index >= tree_size, too few or too many hashes, wrong root).
MINGA_EXPORT bool verify_inclusion(std::uint64_t index, std::uint64_t tree_size, const Digest& leaf_hash,
                                   std::span<const Digest> proof, const Digest& root) noexcept;

/// RFC 9162 2.1.4.2: true when `proof` shows that the tree of old_size leaves
/// with old_root is a prefix of the tree of new_size leaves with new_root.
/// Edge cases the RFC leaves to the caller, decided here:
///   old_size == new_size: the proof must be empty and the roots equal;
///   old_size == 0: the proof must be empty and old_root the empty root;
///   old_size > new_size: false.
MINGA_EXPORT bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Digest& old_root,
                                     const Digest& new_root, std::span<const Digest> proof) noexcept;

}  // namespace minga::verify
