// SPDX-License-Identifier: Apache-2.0
// src/core/random.cpp - reproducible randomness from a published seed (see the header).
#include "minga/core/random.hpp"

#include <sodium.h>

#include <cstring>
#include <limits>
#include <utility>

#include "minga/core/error.hpp"

namespace minga {

namespace {
constexpr char kDomain[] = "minga.random/1";
// randombytes_buf_deterministic() uses this nonce with ChaCha20-IETF.
constexpr unsigned char kNonce[crypto_stream_chacha20_ietf_NONCEBYTES] = {'L', 'i', 'b', 's', 'o', 'd',
                                                                          'i', 'u', 'm', 'D', 'R', 'G'};
}  // namespace

SeededRandom::SeededRandom(std::string_view seed) {
  if (sodium_init() < 0) throw Error(Errc::internal, "libsodium could not be initialised");
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, key_.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kDomain), sizeof kDomain - 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
  crypto_generichash_final(&state, key_.data(), key_.size());
}

void SeededRandom::refill() {
  if (block_counter_ > std::numeric_limits<std::uint32_t>::max())
    throw Error(Errc::limit, "seeded random stream exhausted (256 GiB drawn)");
  std::memset(block_.data(), 0, block_.size());
  crypto_stream_chacha20_ietf_xor_ic(block_.data(), block_.data(), block_.size(), kNonce,
                                     static_cast<std::uint32_t>(block_counter_), key_.data());
  ++block_counter_;
  used_ = 0;
}

std::uint64_t SeededRandom::next_word() {
  if (used_ + 8 > block_.size()) refill();
  std::uint64_t w = 0;
  for (int i = 7; i >= 0; --i) w = (w << 8) | block_[used_ + static_cast<std::size_t>(i)];
  used_ += 8;
  return w;
}

std::uint64_t SeededRandom::below(std::uint64_t n) {
  if (n == 0) throw Error(Errc::invalid_argument, "SeededRandom::below(0)");
  if ((n & (n - 1)) == 0) return next_word() & (n - 1);  // n divides 2^64: every word is fair
  // floor((2^64 - 1) / n) * n equals floor(2^64 / n) * n because n does not divide 2^64.
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() / n * n;
  for (;;) {
    std::uint64_t w = next_word();
    if (w < limit) return w % n;
  }
}

void SeededRandom::shuffle(std::vector<std::uint32_t>& items) {
  for (std::size_t i = items.size(); i > 1; --i) {
    std::size_t j = static_cast<std::size_t>(below(i));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace minga
