// SPDX-License-Identifier: Apache-2.0
// src/verify/proofs.cpp - Schnorr, Chaum-Pedersen and disjunctive range proofs (see the header).
#include "minga/verify/proofs.hpp"

#include "minga/core/error.hpp"

namespace minga::verify {

namespace {

Transcript possession_transcript(const Bytes32& parameter_hash, std::uint64_t guardian, std::span<const Point> keys) {
  Transcript t(parameter_hash, Tag::guardian_proof);
  t.u64(guardian).u64(keys.size());
  for (const Point& k : keys) t.point(k);
  return t;
}

Transcript range_transcript(const RangeStatement& s) {
  Transcript t(s.context, s.option ? Tag::range_proof : Tag::limit_proof);
  t.point(s.public_key).u64(s.contest);
  if (s.option) t.u64(*s.option);
  t.u64(s.bound).point(s.ciphertext.alpha).point(s.ciphertext.beta);
  return t;
}

bool statement_well_formed(const RangeStatement& s) {
  return !s.public_key.is_identity() && s.ciphertext.well_formed() && s.bound <= kMaxRangeBound;
}

// Branch j's commitments recomputed by the verifier from its challenge and response:
//   a_j = B*v + alpha*c,  b_j = K*(v - j*c) + beta*c.
void range_commitments(const RangeStatement& s, std::uint64_t j, const Scalar& c, const Scalar& v, Transcript& t) {
  const Point a = Point::base_mul(v) + s.ciphertext.alpha.mul(c);
  const Point b = s.public_key.mul(v - Scalar::from_u64(j) * c) + s.ciphertext.beta.mul(c);
  t.point(a).point(b);
}

}  // namespace

// ---- Schnorr ----

SchnorrProof prove_possession(const Bytes32& parameter_hash, std::uint64_t guardian,
                              std::span<const SecretScalar> secrets) {
  if (secrets.empty()) throw Error(Errc::invalid_argument, "proof of possession needs at least one secret");
  std::vector<Point> keys;
  std::vector<Scalar> nonces;  // wiped when destroyed
  for (const SecretScalar& a : secrets) {
    keys.push_back(Point::base_mul(a));
    nonces.push_back(Scalar::random());
  }
  Transcript t = possession_transcript(parameter_hash, guardian, keys);
  for (const Scalar& u : nonces) t.point(Point::base_mul(u));
  SchnorrProof proof{t.hq(), {}};
  for (std::size_t j = 0; j < secrets.size(); ++j)
    proof.responses.push_back(nonces[j] - proof.challenge * secrets[j].reveal());
  return proof;
}

bool verify_possession(const Bytes32& parameter_hash, std::uint64_t guardian, std::span<const Point> keys,
                       const SchnorrProof& proof) {
  if (keys.empty() || keys.size() != proof.responses.size()) return false;
  for (const Point& k : keys)
    if (k.is_identity()) return false;
  Transcript t = possession_transcript(parameter_hash, guardian, keys);
  for (std::size_t j = 0; j < keys.size(); ++j)
    t.point(Point::base_mul(proof.responses[j]) + keys[j].mul(proof.challenge));
  return t.hq() == proof.challenge;
}

// ---- Chaum-Pedersen ----

ChaumPedersenProof prove_equal_logs(const Transcript& statement, const Point& base, const Point& public_key,
                                    const Point& image, const SecretScalar& secret) {
  if (base.is_identity() || public_key.is_identity() || image.is_identity())
    throw Error(Errc::invalid_argument, "Chaum-Pedersen statement contains the identity");
  const Scalar u = Scalar::random();
  Transcript t(statement);
  t.point(base).point(public_key).point(image).point(Point::base_mul(u)).point(base.mul(u));
  ChaumPedersenProof proof{t.hq(), {}};
  proof.response = u - proof.challenge * secret.reveal();
  return proof;
}

bool verify_equal_logs(const Transcript& statement, const Point& base, const Point& public_key, const Point& image,
                       const ChaumPedersenProof& proof) {
  if (base.is_identity() || public_key.is_identity() || image.is_identity()) return false;
  const Scalar& c = proof.challenge;
  const Scalar& v = proof.response;
  Transcript t(statement);
  t.point(base).point(public_key).point(image);
  t.point(Point::base_mul(v) + public_key.mul(c)).point(base.mul(v) + image.mul(c));
  return t.hq() == c;
}

// ---- Range ----

RangeProof prove_range(const RangeStatement& statement, std::uint64_t sigma, const SecretScalar& nonce) {
  if (statement.bound > kMaxRangeBound)
    throw Error(Errc::limit, "range bound " + std::to_string(statement.bound) + " is above the maximum " +
                                 std::to_string(kMaxRangeBound));
  if (!statement_well_formed(statement))
    throw Error(Errc::invalid_argument, "range statement has an identity key or ciphertext part");
  if (sigma > statement.bound)
    throw Error(Errc::invalid_argument, "the value to prove is above the range bound");  // value kept out: secret

  const std::size_t branches = statement.bound + 1;
  RangeProof proof{std::vector<Scalar>(branches), std::vector<Scalar>(branches)};
  // Secret intermediates (wiped on return): the true branch's nonce u, xi and sigma + xi.
  const Scalar u = Scalar::random();
  const Scalar xi = nonce.reveal();
  const Scalar exponent = Scalar::from_u64(sigma) + xi;
  const Point& k = statement.public_key;
  Transcript t = range_transcript(statement);
  Scalar others;  // sum of the simulated branches' challenges
  for (std::uint64_t j = 0; j < branches; ++j) {
    if (j == sigma) {
      t.point(Point::base_mul(u)).point(k.mul(u));
      continue;
    }
    const Scalar& c = proof.challenges[j] = Scalar::random();
    const Scalar& v = proof.responses[j] = Scalar::random();
    // The verifier's a_j = B*v + alpha*c and b_j = K*(v - j*c) + beta*c, computed with the
    // exponents the prover knows (alpha = B*xi, beta = K*(sigma + xi)): two multiplications
    // instead of four and two additions. The points are the same.
    t.point(Point::base_mul(v + xi * c)).point(k.mul(v + (exponent - Scalar::from_u64(j)) * c));
    others = others + c;
  }
  proof.challenges[sigma] = t.hq() - others;
  proof.responses[sigma] = u - proof.challenges[sigma] * xi;
  return proof;
}

bool verify_range(const RangeStatement& statement, const RangeProof& proof) {
  if (!statement_well_formed(statement)) return false;
  const std::size_t branches = statement.bound + 1;
  if (proof.challenges.size() != branches || proof.responses.size() != branches) return false;
  Transcript t = range_transcript(statement);
  Scalar total;
  for (std::uint64_t j = 0; j < branches; ++j) {
    range_commitments(statement, j, proof.challenges[j], proof.responses[j], t);
    total = total + proof.challenges[j];
  }
  return t.hq() == total;
}

RangeStatement limit_statement(const Bytes32& context, const Point& public_key, std::uint64_t contest,
                               std::span<const Ciphertext> selections, std::uint64_t limit) {
  return RangeStatement{context, public_key, contest, std::nullopt, sum(selections), limit};
}

}  // namespace minga::verify
