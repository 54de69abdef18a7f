// SPDX-License-Identifier: Apache-2.0
// minga/core/random.hpp - reproducible tie-break randomness from a published seed.
//
// Rules never use an unseeded generator. A draw is reproducible by anyone who
// knows the seed, with nothing but libsodium:
//
//   key    = BLAKE2b-256(key = none, message = "minga.random/1" || seed)
//   stream = randombytes_buf_deterministic(stream, n, key)
//            (ChaCha20-IETF, nonce "LibsodiumDRG", counter from 0)
//
// The stream is consumed 8 bytes at a time as little-endian uint64 words.
// below(n) draws a word w and accepts it when w < floor(2^64 / n) * n,
// returning w mod n (rejection sampling, so every value is exactly equally
// likely); shuffle() is Fisher-Yates from the last position down, each swap
// index drawn with below(i + 1). docs/randomness.md has worked values.
//
// THREAD SAFETY: one SeededRandom per thread; it holds no global state.
#pragma once

#include "minga/export.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace minga {

class MINGA_EXPORT SeededRandom {
 public:
  /// The seed is any published text (a date and a dice roll, a block hash...).
  explicit SeededRandom(std::string_view seed);

  /// The next 64-bit word of the stream.
  std::uint64_t next_word();

  /// A uniform integer in [0, n). n must be at least 1.
  std::uint64_t below(std::uint64_t n);

  /// Shuffles indices in place (Fisher-Yates, documented above).
  void shuffle(std::vector<std::uint32_t>& items);

  /// The 32-byte key derived from the seed (for records and audits).
  const std::array<unsigned char, 32>& key() const noexcept { return key_; }

 private:
  void refill();

  std::array<unsigned char, 32> key_{};
  std::array<unsigned char, 64> block_{};
  std::uint64_t block_counter_ = 0;  // index of the next 64-byte ChaCha20 block
  std::size_t used_ = 64;            // bytes of block_ already consumed
};

}  // namespace minga
