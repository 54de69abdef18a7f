// SPDX-License-Identifier: Apache-2.0
// src/verify/proofs.cpp - Schnorr, Chaum-Pedersen and disjunctive range proofs (see the header).
#include "minga/verify/proofs.hpp"

#include <bit>

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
  Transcript t(s.context, s.tag ? *s.tag : s.option ? Tag::range_proof : Tag::limit_proof);
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

// ---- Quadratic vote pair ----

namespace {

Transcript pair_transcript(const QuadraticPairStatement& s) {
  Transcript t(s.context, Tag::quadratic_pair);
  t.point(s.public_key).u64(s.contest).u64(s.option).u64(s.votes);
  t.point(s.vote.alpha).point(s.vote.beta).point(s.square.alpha).point(s.square.beta);
  return t;
}

bool pair_well_formed(const QuadraticPairStatement& s) {
  return !s.public_key.is_identity() && s.vote.well_formed() && s.square.well_formed() && s.votes >= 1 &&
         s.votes <= kMaxQuadraticVotes;
}

// (k - V)^2 for branch k.
std::uint64_t branch_square(std::uint64_t k, std::uint64_t votes) {
  const std::uint64_t d = k > votes ? k - votes : votes - k;
  return d * d;
}

}  // namespace

QuadraticPairProof prove_quadratic_pair(const QuadraticPairStatement& statement, std::uint64_t shifted,
                                        const SecretScalar& vote_nonce, const SecretScalar& square_nonce) {
  if (!pair_well_formed(statement))
    throw Error(Errc::invalid_argument, "quadratic pair statement has an identity or V outside 1.." +
                                            std::to_string(kMaxQuadraticVotes));
  const std::uint64_t v = statement.votes;
  if (shifted > 2 * v) throw Error(Errc::invalid_argument, "the vote to prove is outside -V..V");  // value: secret
  const std::size_t branches = 2 * v + 1;
  QuadraticPairProof proof{std::vector<Scalar>(branches), std::vector<Scalar>(branches),
                           std::vector<Scalar>(branches)};
  const Scalar u_e = Scalar::random(), u_q = Scalar::random();
  const Scalar xi_e = vote_nonce.reveal(), xi_q = square_nonce.reveal();
  const Scalar exp_e = Scalar::from_u64(shifted) + xi_e;                        // beta_e = K*exp_e
  const Scalar exp_q = Scalar::from_u64(branch_square(shifted, v)) + xi_q;  // beta_q = K*exp_q
  const Point& k = statement.public_key;
  Transcript t = pair_transcript(statement);
  Scalar others;
  for (std::uint64_t j = 0; j < branches; ++j) {
    if (j == shifted) {
      t.point(Point::base_mul(u_e)).point(k.mul(u_e)).point(Point::base_mul(u_q)).point(k.mul(u_q));
      continue;
    }
    const Scalar& c = proof.challenges[j] = Scalar::random();
    const Scalar& e = proof.vote_responses[j] = Scalar::random();
    const Scalar& q = proof.square_responses[j] = Scalar::random();
    // The verifier's commitments, computed with the exponents the prover knows (as prove_range does).
    t.point(Point::base_mul(e + xi_e * c)).point(k.mul(e + (exp_e - Scalar::from_u64(j)) * c));
    t.point(Point::base_mul(q + xi_q * c)).point(k.mul(q + (exp_q - Scalar::from_u64(branch_square(j, v))) * c));
    others = others + c;
  }
  const Scalar c = t.hq() - others;
  proof.challenges[shifted] = c;
  proof.vote_responses[shifted] = u_e - c * xi_e;
  proof.square_responses[shifted] = u_q - c * xi_q;
  return proof;
}

bool verify_quadratic_pair(const QuadraticPairStatement& statement, const QuadraticPairProof& proof) {
  if (!pair_well_formed(statement)) return false;
  const std::size_t branches = 2 * statement.votes + 1;
  if (proof.challenges.size() != branches || proof.vote_responses.size() != branches ||
      proof.square_responses.size() != branches)
    return false;
  const Point& k = statement.public_key;
  Transcript t = pair_transcript(statement);
  Scalar total;
  for (std::uint64_t j = 0; j < branches; ++j) {
    const Scalar& c = proof.challenges[j];
    const Scalar& e = proof.vote_responses[j];
    const Scalar& q = proof.square_responses[j];
    t.point(Point::base_mul(e) + statement.vote.alpha.mul(c));
    t.point(k.mul(e - Scalar::from_u64(j) * c) + statement.vote.beta.mul(c));
    t.point(Point::base_mul(q) + statement.square.alpha.mul(c));
    t.point(k.mul(q - Scalar::from_u64(branch_square(j, statement.votes)) * c) + statement.square.beta.mul(c));
    total = total + c;
  }
  return t.hq() == total;
}

// ---- Budget (bit decomposition) ----

namespace {

RangeStatement bit_statement(const BudgetStatement& s, Tag tag, std::size_t bit, const Ciphertext& ct) {
  return RangeStatement{s.context, s.public_key, s.contest, bit + 1, ct, 1, tag};
}

// The ciphertext the slack bits add up to: total + (identity, K*d), d = 2^k - 1 - C.
Ciphertext slack_total(const BudgetStatement& s, std::size_t bits) {
  const std::uint64_t d = ((std::uint64_t{1} << bits) - 1) - s.budget;
  return {s.total.alpha, s.total.beta + s.public_key.mul(Scalar::from_u64(d))};
}

// Bits of `value` encrypted with nonces whose 2^i-weighted sum is `nonce`, each with its 0/1 proof.
std::vector<EncryptedSelection> prove_bits(const BudgetStatement& s, Tag tag, std::size_t bits, std::uint64_t value,
                                  const Scalar& nonce) {
  std::vector<EncryptedSelection> out;
  Scalar rest = nonce;  // nonce - sum_{i < k-1} 2^i xi_i
  for (std::size_t i = 0; i < bits; ++i) {
    const Scalar weight = Scalar::from_u64(std::uint64_t{1} << i);
    const SecretScalar xi = i + 1 < bits ? SecretScalar::random() : SecretScalar(rest * weight.inverse());
    rest = rest - weight * xi.reveal();
    const std::uint64_t bit = (value >> i) & 1u;
    const Ciphertext ct = encrypt(s.public_key, bit, xi);
    out.push_back({ct, prove_range(bit_statement(s, tag, i, ct), bit, xi)});
  }
  return out;
}

bool verify_bits(const BudgetStatement& s, Tag tag, const std::vector<EncryptedSelection>& bits, const Ciphertext& total) {
  Ciphertext weighted;
  for (std::size_t i = 0; i < bits.size(); ++i) {
    if (!verify_range(bit_statement(s, tag, i, bits[i].ciphertext), bits[i].proof)) return false;
    weighted += i == 0 ? bits[i].ciphertext : scale(bits[i].ciphertext, std::uint64_t{1} << i);
  }
  return weighted == total;
}

}  // namespace

std::size_t budget_bits(std::uint64_t budget) noexcept { return static_cast<std::size_t>(std::bit_width(budget)); }

BudgetProof prove_budget(const BudgetStatement& statement, std::uint64_t spent, const SecretScalar& nonce) {
  if (statement.budget < 1 || statement.budget > kMaxBudget)
    throw Error(Errc::invalid_argument, "budget " + std::to_string(statement.budget) + " is outside 1.." +
                                            std::to_string(kMaxBudget));
  if (spent > statement.budget) throw Error(Errc::invalid_argument, "the credits spent are above the budget");
  const std::size_t k = budget_bits(statement.budget);
  const std::uint64_t d = ((std::uint64_t{1} << k) - 1) - statement.budget;
  const Scalar xi = nonce.reveal();
  return {prove_bits(statement, Tag::budget_spent_bit, k, spent, xi),
          prove_bits(statement, Tag::budget_slack_bit, k, spent + d, xi)};
}

bool verify_budget(const BudgetStatement& statement, const BudgetProof& proof) {
  if (statement.budget < 1 || statement.budget > kMaxBudget || statement.public_key.is_identity() ||
      !statement.total.well_formed())
    return false;
  const std::size_t k = budget_bits(statement.budget);
  if (proof.spent_bits.size() != k || proof.slack_bits.size() != k) return false;
  return verify_bits(statement, Tag::budget_spent_bit, proof.spent_bits, statement.total) &&
         verify_bits(statement, Tag::budget_slack_bit, proof.slack_bits, slack_total(statement, k));
}

}  // namespace minga::verify
