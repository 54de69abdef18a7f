// SPDX-License-Identifier: Apache-2.0
// Unit tests: exponential ElGamal, range and selection-limit proofs, Schnorr proofs of possession.
// The Fiat-Shamir tests change one statement element (or one proof entry) at a time and
// require every changed proof to fail: a weak Fiat-Shamir (Helios 2012) would let some pass.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/verify/decrypt.hpp"
#include "minga/verify/elgamal.hpp"
#include "minga/verify/hash.hpp"
#include "minga/verify/proofs.hpp"

using namespace minga;
using namespace minga::verify;

namespace {

struct TestKey {
  SecretScalar secret = SecretScalar::random();
  Point public_key = Point::base_mul(secret);
};

Bytes32 test_context(std::string_view label) { return Transcript({}, Tag::selection_id).text(label).h32(); }

std::uint64_t decrypt_small(const TestKey& key, const Ciphertext& c, std::uint64_t bound) {
  return DiscreteLog(key.public_key, bound).solve(plaintext_point(c, c.alpha.mul(key.secret)));
}

using Named = std::pair<std::string, RangeStatement>;

// Every single-element change of a range statement.
std::vector<Named> changed_statements(const RangeStatement& s) {
  std::vector<Named> out;
  auto add = [&](const std::string& name, const std::function<void(RangeStatement&)>& change) {
    RangeStatement copy = s;
    change(copy);
    out.emplace_back(name, copy);
  };
  add("public key", [](RangeStatement& c) { c.public_key = c.public_key + Point::generator(); });
  add("alpha", [](RangeStatement& c) { c.ciphertext.alpha = c.ciphertext.alpha + Point::generator(); });
  add("beta", [](RangeStatement& c) { c.ciphertext.beta = c.ciphertext.beta + Point::generator(); });
  add("alpha and beta swapped", [](RangeStatement& c) { std::swap(c.ciphertext.alpha, c.ciphertext.beta); });
  add("context hash", [](RangeStatement& c) { c.context[7] ^= 1; });
  add("contest index", [](RangeStatement& c) { c.contest += 1; });
  if (s.option) {
    add("option index", [](RangeStatement& c) { *c.option += 1; });
    add("option dropped (limit statement)", [](RangeStatement& c) { c.option.reset(); });
  } else {
    add("option added (selection statement)", [](RangeStatement& c) { c.option = 0; });
  }
  add("bound + 1", [](RangeStatement& c) { c.bound += 1; });
  if (s.bound > 1) add("bound - 1", [](RangeStatement& c) { c.bound -= 1; });
  return out;
}

// Every single-entry change of a range proof.
std::vector<std::pair<std::string, RangeProof>> changed_proofs(const RangeProof& p) {
  std::vector<std::pair<std::string, RangeProof>> out;
  for (std::size_t j = 0; j < p.challenges.size(); ++j) {
    RangeProof c = p;
    c.challenges[j] = c.challenges[j] + Scalar::from_u64(1);
    out.emplace_back("challenge " + std::to_string(j), c);
    RangeProof v = p;
    v.responses[j] = v.responses[j] + Scalar::from_u64(1);
    out.emplace_back("response " + std::to_string(j), v);
  }
  RangeProof swapped = p;
  std::swap(swapped.challenges.front(), swapped.challenges.back());
  std::swap(swapped.responses.front(), swapped.responses.back());
  out.emplace_back("first and last branch swapped", swapped);
  RangeProof truncated = p;
  truncated.challenges.pop_back();
  truncated.responses.pop_back();
  out.emplace_back("truncated", truncated);
  return out;
}

}  // namespace

TEST_CASE("ElGamal: encryptions decrypt to their plaintext, zero included", "[verify]") {
  const TestKey key;
  for (std::uint64_t sigma : {0, 1, 2, 17, 1000}) {
    const SecretScalar nonce = SecretScalar::random();
    const Ciphertext c = encrypt(key.public_key, sigma, nonce);
    CHECK(c.well_formed());
    CHECK(c.alpha == Point::base_mul(nonce));
    CHECK(decrypt_small(key, c, 1000) == sigma);
  }
  // Zero decrypts to the identity, which the discrete log maps to 0.
  const Ciphertext zero = encrypt(key.public_key, 0, SecretScalar::random());
  CHECK(plaintext_point(zero, zero.alpha.mul(key.secret)).is_identity());
}

TEST_CASE("ElGamal: refuses nonces that would reveal the plaintext", "[verify]") {
  const TestKey key;
  CHECK_THROWS_AS(encrypt(key.public_key, 1, SecretScalar(Scalar())), Error);
  CHECK_THROWS_AS(encrypt(key.public_key, 3, SecretScalar(-Scalar::from_u64(3))), Error);
  CHECK_THROWS_AS(encrypt(Point(), 1, SecretScalar::random()), Error);
}

TEST_CASE("ElGamal: homomorphic tallies of random ballots equal the plaintext sums", "[verify]") {
  const TestKey key;
  constexpr int kOptions = 3;
  std::vector<Ciphertext> totals(kOptions);
  std::vector<std::uint64_t> expected(kOptions, 0);
  std::vector<std::uint64_t> weighted_expected(kOptions, 0);
  std::vector<Ciphertext> weighted(kOptions);
  for (int ballot = 0; ballot < 40; ++ballot) {
    for (int o = 0; o < kOptions; ++o) {
      const std::uint64_t sigma = randombytes_uniform(3);  // 0..2 (cumulative voting)
      const std::uint64_t weight = 1 + randombytes_uniform(4);
      const Ciphertext c = encrypt(key.public_key, sigma, SecretScalar::random());
      totals[o] += c;
      weighted[o] += scale(c, weight);
      expected[o] += sigma;
      weighted_expected[o] += weight * sigma;
    }
  }
  for (int o = 0; o < kOptions; ++o) {
    CHECK(decrypt_small(key, totals[o], 80) == expected[o]);
    CHECK(decrypt_small(key, weighted[o], 320) == weighted_expected[o]);
  }
  CHECK(sum(std::vector<Ciphertext>{}) == Ciphertext{});
}

TEST_CASE("Nonces derive deterministically from the ballot nonce, per selection", "[verify]") {
  const SecretScalar ballot = SecretScalar::random();
  const Bytes32 h = test_context("ballot-1");
  const Scalar xi = derive_nonce(h, 1, 2, ballot).reveal();
  CHECK(derive_nonce(h, 1, 2, ballot).reveal() == xi);
  CHECK(derive_nonce(h, 2, 1, ballot).reveal() != xi);
  CHECK(derive_nonce(h, 1, 3, ballot).reveal() != xi);
  CHECK(derive_nonce(test_context("ballot-2"), 1, 2, ballot).reveal() != xi);
  CHECK(derive_nonce(h, 1, 2, SecretScalar::random()).reveal() != xi);
  // Anyone with the ballot nonce re-encrypts to the same ciphertext (the Benaloh challenge).
  const TestKey key;
  CHECK(encrypt(key.public_key, 1, derive_nonce(h, 1, 2, ballot)) ==
        encrypt(key.public_key, 1, derive_nonce(h, 1, 2, ballot)));
}

TEST_CASE("Range proofs 0..R verify for every value in range", "[verify]") {
  const TestKey key;
  for (std::uint64_t bound : {1, 2, 5}) {
    for (std::uint64_t sigma = 0; sigma <= bound; ++sigma) {
      INFO("bound " << bound << " value " << sigma);
      const SecretScalar nonce = SecretScalar::random();
      const RangeStatement s{test_context("b"), key.public_key, 3, 4, encrypt(key.public_key, sigma, nonce), bound};
      const RangeProof proof = prove_range(s, sigma, nonce);
      CHECK(proof.challenges.size() == bound + 1);
      CHECK(verify_range(s, proof));
    }
  }
}

TEST_CASE("Range proofs: a value out of range cannot be proved", "[verify]") {
  const TestKey key;
  const SecretScalar nonce = SecretScalar::random();
  const Ciphertext two = encrypt(key.public_key, 2, nonce);
  const RangeStatement s{test_context("b"), key.public_key, 0, 0, two, 1};
  CHECK_THROWS_AS(prove_range(s, 2, nonce), Error);
  // A cheating prover claiming 0 or 1 for an encryption of 2 produces a proof that fails.
  CHECK_FALSE(verify_range(s, prove_range(s, 1, nonce)));
  CHECK_FALSE(verify_range(s, prove_range(s, 0, nonce)));
  // The right value with the wrong nonce fails too.
  const RangeStatement one{test_context("b"), key.public_key, 0, 0, encrypt(key.public_key, 1, nonce), 1};
  CHECK_FALSE(verify_range(one, prove_range(one, 1, SecretScalar::random())));
  RangeStatement too_wide = s;
  too_wide.bound = kMaxRangeBound + 1;
  CHECK_THROWS_AS(prove_range(too_wide, 0, nonce), Error);
}

TEST_CASE("Range proofs fail under any changed statement element or proof entry", "[verify]") {
  const TestKey key;
  for (std::uint64_t bound : {1, 3}) {
    const std::uint64_t sigma = bound == 1 ? 1 : 2;
    const SecretScalar nonce = SecretScalar::random();
    const RangeStatement s{test_context("ballot"), key.public_key, 2, 5, encrypt(key.public_key, sigma, nonce), bound};
    const RangeProof proof = prove_range(s, sigma, nonce);
    REQUIRE(verify_range(s, proof));
    for (const auto& [name, changed] : changed_statements(s)) {
      INFO("bound " << bound << ", changed: " << name);
      CHECK_FALSE(verify_range(changed, proof));
    }
    for (const auto& [name, changed] : changed_proofs(proof)) {
      INFO("bound " << bound << ", changed: " << name);
      CHECK_FALSE(verify_range(s, changed));
    }
  }
}

TEST_CASE("Range proofs: identity elements and non-canonical scalars are refused", "[verify]") {
  const TestKey key;
  const SecretScalar nonce = SecretScalar::random();
  const RangeStatement s{test_context("b"), key.public_key, 0, 0, encrypt(key.public_key, 1, nonce), 1};
  const RangeProof proof = prove_range(s, 1, nonce);
  RangeStatement identity_alpha = s;
  identity_alpha.ciphertext.alpha = Point();
  CHECK_FALSE(verify_range(identity_alpha, proof));
  CHECK_THROWS_AS(prove_range(identity_alpha, 1, nonce), Error);
  RangeStatement identity_key = s;
  identity_key.public_key = Point();
  CHECK_FALSE(verify_range(identity_key, proof));
  // A response stored as v + L (same value mod L, non-canonical bytes) is refused when read.
  Bytes32 order = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                   0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};
  CHECK_THROWS_AS(Scalar::decode(order, "proof.responses[0]"), Error);
  CHECK(Scalar::decode(proof.responses[0].bytes()) == proof.responses[0]);
}

TEST_CASE("Selection-limit proof on the homomorphic sum (P3)", "[verify]") {
  const TestKey key;
  const Bytes32 h = test_context("ballot");
  const SecretScalar ballot_nonce = SecretScalar::random();
  const std::vector<std::uint64_t> votes = {1, 0, 1, 0};  // approval of 2 among 4, limit 2
  std::vector<Ciphertext> selections;
  std::vector<SecretScalar> nonces;
  for (std::uint64_t o = 0; o < votes.size(); ++o) {
    nonces.push_back(derive_nonce(h, 7, o, ballot_nonce));
    selections.push_back(encrypt(key.public_key, votes[o], nonces.back()));
    const RangeStatement sel{h, key.public_key, 7, o, selections.back(), 1};
    CHECK(verify_range(sel, prove_range(sel, votes[o], nonces.back())));
  }
  const SecretScalar nonce_sum = sum_secrets(nonces);
  const RangeStatement limit = limit_statement(h, key.public_key, 7, selections, 2);
  CHECK_FALSE(limit.option.has_value());
  CHECK(limit.ciphertext == sum(selections));
  const RangeProof proof = prove_range(limit, 2, nonce_sum);
  CHECK(verify_range(limit, proof));
  for (const auto& [name, changed] : changed_statements(limit)) {
    INFO("changed: " << name);
    CHECK_FALSE(verify_range(changed, proof));
  }
  // The verifier rebuilds the sum from the selections: a replaced selection breaks the limit proof.
  std::vector<Ciphertext> replaced = selections;
  replaced[1] = encrypt(key.public_key, 1, SecretScalar::random());
  CHECK_FALSE(verify_range(limit_statement(h, key.public_key, 7, replaced, 2), proof));
  // Three selections where the limit is 2: no honest proof exists, a claimed 2 fails.
  std::vector<Ciphertext> over = selections;
  std::vector<SecretScalar> over_nonces;
  for (const SecretScalar& n : nonces) over_nonces.emplace_back(n.reveal());
  over_nonces[1] = SecretScalar::random();
  over[1] = encrypt(key.public_key, 1, over_nonces[1]);
  const RangeStatement over_limit = limit_statement(h, key.public_key, 7, over, 2);
  CHECK_FALSE(verify_range(over_limit, prove_range(over_limit, 2, sum_secrets(over_nonces))));
  CHECK(verify_range(limit_statement(h, key.public_key, 7, over, 3),
                     prove_range(limit_statement(h, key.public_key, 7, over, 3), 3, sum_secrets(over_nonces))));
}

TEST_CASE("Schnorr proof of possession fails under any change", "[verify]") {
  const Bytes32 hp = parameter_hash(5, 3);
  std::vector<SecretScalar> secrets;
  std::vector<Point> keys;
  for (int j = 0; j < 3; ++j) {
    secrets.push_back(SecretScalar::random());
    keys.push_back(Point::base_mul(secrets.back()));
  }
  const SchnorrProof proof = prove_possession(hp, 2, secrets);
  REQUIRE(verify_possession(hp, 2, keys, proof));
  CHECK_FALSE(verify_possession(parameter_hash(5, 2), 2, keys, proof));
  CHECK_FALSE(verify_possession(hp, 3, keys, proof));
  for (std::size_t j = 0; j < keys.size(); ++j) {
    INFO("key " << j);
    std::vector<Point> changed = keys;
    changed[j] = changed[j] + Point::generator();
    CHECK_FALSE(verify_possession(hp, 2, changed, proof));
    SchnorrProof bad = proof;
    bad.responses[j] = bad.responses[j] + Scalar::from_u64(1);
    CHECK_FALSE(verify_possession(hp, 2, keys, bad));
  }
  SchnorrProof bad = proof;
  bad.challenge = bad.challenge + Scalar::from_u64(1);
  CHECK_FALSE(verify_possession(hp, 2, keys, bad));
  std::vector<Point> fewer(keys.begin(), keys.end() - 1);
  CHECK_FALSE(verify_possession(hp, 2, fewer, proof));
  std::vector<Point> swapped = keys;
  std::swap(swapped[0], swapped[1]);
  CHECK_FALSE(verify_possession(hp, 2, swapped, proof));
  std::vector<Point> with_identity = keys;
  with_identity[0] = Point();
  CHECK_FALSE(verify_possession(hp, 2, with_identity, proof));
}

// The challenges follow the transcripts documented in proofs.hpp and decrypt.hpp, field by field.
// (With commitments recomputed from (c, v), a proof already fails when K, alpha, beta or the bound
// change; these checks also pin that each of them is hashed explicitly, as the record format says.)
TEST_CASE("Proof challenges hash the documented statement, field by field", "[verify]") {
  const TestKey key;
  const Point& b = Point::generator();
  const SecretScalar nonce = SecretScalar::random();
  for (const bool selection : {true, false}) {
    INFO((selection ? "selection range proof" : "contest limit proof"));
    RangeStatement s{test_context("ballot"), key.public_key, 2, 5, encrypt(key.public_key, 1, nonce), 3};
    if (!selection) s.option.reset();
    const RangeProof proof = prove_range(s, 1, nonce);
    Transcript t(s.context, selection ? Tag::range_proof : Tag::limit_proof);
    t.point(key.public_key).u64(2);
    if (selection) t.u64(5);
    t.u64(3).point(s.ciphertext.alpha).point(s.ciphertext.beta);
    Scalar total;
    for (std::uint64_t j = 0; j <= 3; ++j) {
      const Scalar& c = proof.challenges[j];
      const Scalar& v = proof.responses[j];
      t.point(b.mul(v) + s.ciphertext.alpha.mul(c));
      t.point(key.public_key.mul(v - Scalar::from_u64(j) * c) + s.ciphertext.beta.mul(c));
      total = total + c;
    }
    CHECK(t.hq() == total);
  }

  const Bytes32 hp = parameter_hash(4, 2);
  std::vector<SecretScalar> secrets;
  secrets.push_back(SecretScalar::random());
  secrets.push_back(SecretScalar::random());
  const std::vector<Point> keys = {Point::base_mul(secrets[0]), Point::base_mul(secrets[1])};
  const SchnorrProof schnorr = prove_possession(hp, 3, secrets);
  Transcript ts(hp, Tag::guardian_proof);
  ts.u64(3).u64(2).point(keys[0]).point(keys[1]);
  for (int j = 0; j < 2; ++j) ts.point(b.mul(schnorr.responses[j]) + keys[j].mul(schnorr.challenge));
  CHECK(ts.hq() == schnorr.challenge);

  const DecryptionStatement d{test_context("election"), key.public_key, 4, 6, encrypt(key.public_key, 9, nonce)};
  const PartialDecryption partial = partial_decrypt(d, 2, key.secret);
  const Point& a = d.total.alpha;
  Transcript td(d.context, Tag::decryption_proof);
  td.point(key.public_key).u64(2).u64(4).u64(6).point(a).point(d.total.beta);
  td.point(a).point(key.public_key).point(partial.share);
  const Scalar& c = partial.proof.challenge;
  const Scalar& v = partial.proof.response;
  td.point(b.mul(v) + key.public_key.mul(c)).point(a.mul(v) + partial.share.mul(c));
  CHECK(td.hq() == c);
}
