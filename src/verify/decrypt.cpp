// SPDX-License-Identifier: Apache-2.0
// src/verify/decrypt.cpp - partial decryptions, their combination, baby-step giant-step (see the header).
#include "minga/verify/decrypt.hpp"

#include <algorithm>
#include <string>

#include "minga/core/error.hpp"
#include "minga/verify/hash.hpp"
#include "minga/verify/keys.hpp"

namespace minga::verify {

namespace {

Transcript decryption_transcript(const DecryptionStatement& s, std::uint32_t guardian) {
  Transcript t(s.context, Tag::decryption_proof);
  t.point(s.public_key).u64(guardian).u64(s.contest).u64(s.option).point(s.total.alpha).point(s.total.beta);
  return t;
}

}  // namespace

PartialDecryption partial_decrypt(const DecryptionStatement& statement, std::uint32_t guardian,
                                  const SecretScalar& guardian_share) {
  if (statement.total.alpha.is_identity())
    throw Error(Errc::invalid_argument, "cannot decrypt a ciphertext whose first part is the identity");
  PartialDecryption p{guardian, statement.total.alpha.mul(guardian_share), {}};
  p.proof = prove_equal_logs(decryption_transcript(statement, guardian), statement.total.alpha,
                             Point::base_mul(guardian_share), p.share, guardian_share);
  return p;
}

bool verify_partial_decryption(const DecryptionStatement& statement, const Point& guardian_public_key,
                               const PartialDecryption& partial) {
  return verify_equal_logs(decryption_transcript(statement, partial.guardian), statement.total.alpha,
                           guardian_public_key, partial.share, partial.proof);
}

Point combine_partial_decryptions(std::span<const PartialDecryption> partials, std::uint32_t quorum) {
  if (partials.size() < quorum)
    throw Error(Errc::invalid_argument, Location{"", 0, "partial_decryptions"},
                std::to_string(partials.size()) + " partial decryptions given, the quorum is " +
                    std::to_string(quorum));
  std::vector<std::uint32_t> available;
  for (const PartialDecryption& p : partials) available.push_back(p.guardian);
  Point m;
  for (const PartialDecryption& p : partials) m += p.share.mul(lagrange_coefficient(p.guardian, available));
  return m;
}

bool check_plaintext(const DecryptionStatement& statement, const Point& combined_share, std::uint64_t t) {
  return plaintext_point(statement.total, combined_share) == statement.public_key.mul(Scalar::from_u64(t));
}

DiscreteLog::DiscreteLog(const Point& base, std::uint64_t bound) : bound_(bound), steps_(1) {
  if (base.is_identity()) throw Error(Errc::invalid_argument, "discrete log base is the identity");
  if (bound > kMaxDiscreteLogBound)
    throw Error(Errc::limit, "discrete log bound " + std::to_string(bound) + " is above the maximum " +
                                 std::to_string(kMaxDiscreteLogBound));
  while (steps_ * steps_ < bound + 1) ++steps_;  // ceil(sqrt(bound + 1)), at most 2^20 iterations
  baby_.reserve(steps_);
  Point current;  // base*j
  for (std::uint64_t j = 0; j < steps_; ++j) {
    baby_.emplace_back(current.bytes(), j);
    current += base;
  }
  giant_ = current;  // base*m
  std::sort(baby_.begin(), baby_.end());
}

std::uint64_t DiscreteLog::solve(const Point& target) const {
  Point current = target;  // target - giant*i
  for (std::uint64_t i = 0; i < steps_; ++i) {
    auto hit = std::lower_bound(baby_.begin(), baby_.end(), std::make_pair(current.bytes(), std::uint64_t{0}));
    if (hit != baby_.end() && hit->first == current.bytes()) {
      const std::uint64_t t = i * steps_ + hit->second;
      if (t <= bound_) return t;
      break;
    }
    current = current - giant_;
  }
  throw Error(Errc::limit, "decrypted value is above the bound " + std::to_string(bound_));
}

}  // namespace minga::verify
