// SPDX-License-Identifier: Apache-2.0
// Unit tests: key ceremony (3-of-5), threshold decryption with proofs, baby-step giant-step.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <functional>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/verify/decrypt.hpp"
#include "minga/verify/elgamal.hpp"
#include "minga/verify/hash.hpp"
#include "verify_test_util.hpp"
#include "minga/verify/keys.hpp"

using namespace minga;
using namespace minga::verify;
using minga::verify::testing::code_of;

namespace {

// A whole ceremony run honestly, every check made on the way.
struct Ceremony {
  CeremonyParameters parameters;
  std::vector<GuardianRecord> records;
  std::vector<SecretScalar> shares;  // shares[l - 1] = z_l
  Point public_key;

  explicit Ceremony(CeremonyParameters p) : parameters(p) {
    std::vector<GuardianPolynomial> polynomials;
    for (std::uint32_t i = 1; i <= p.guardians; ++i) {
      polynomials.emplace_back(p, i);
      records.push_back(polynomials.back().record());
      REQUIRE(verify_guardian_record(p, records.back()));
    }
    for (std::uint32_t l = 1; l <= p.guardians; ++l) {
      std::vector<SecretScalar> received;
      for (const GuardianPolynomial& sender : polynomials) {
        received.push_back(sender.share_for(l));
        REQUIRE(verify_share(records[sender.index() - 1], l, received.back()));
      }
      shares.push_back(combine_shares(received));
    }
    public_key = joint_public_key(records);
  }
};

// All subsets of {1..n} of the given size.
void subsets(std::uint32_t n, std::uint32_t size, std::uint32_t from, std::vector<std::uint32_t>& current,
             std::vector<std::vector<std::uint32_t>>& out) {
  if (current.size() == size) {
    out.push_back(current);
    return;
  }
  for (std::uint32_t i = from; i <= n; ++i) {
    current.push_back(i);
    subsets(n, size, i + 1, current, out);
    current.pop_back();
  }
}

}  // namespace

TEST_CASE("Key ceremony 3-of-5: public shares from commitments, joint key from any 3 shares", "[verify]") {
  const Ceremony c({5, 3});
  for (std::uint32_t l = 1; l <= 5; ++l) CHECK(share_public_key(c.records, l) == Point::base_mul(c.shares[l - 1]));
  // K = B*s with s = sum_l w_l z_l for any 3 guardians: the interpolated secret matches the joint key.
  std::vector<std::vector<std::uint32_t>> sets;
  std::vector<std::uint32_t> current;
  subsets(5, 3, 1, current, sets);
  REQUIRE(sets.size() == 10);
  for (const auto& set : sets) {
    Scalar s;
    for (std::uint32_t l : set) s = s + lagrange_coefficient(l, set) * c.shares[l - 1].reveal();
    CHECK(Point::base_mul(s) == c.public_key);
  }
  // Two shares are not enough: interpolating them gives another key.
  const std::vector<std::uint32_t> two = {1, 2};
  Scalar s2 = lagrange_coefficient(1, two) * c.shares[0].reveal() + lagrange_coefficient(2, two) * c.shares[1].reveal();
  CHECK(Point::base_mul(s2) != c.public_key);
}

TEST_CASE("Lagrange coefficients interpolate constants and reject bad sets", "[verify]") {
  const std::vector<std::uint32_t> set = {2, 4, 5};
  Scalar total;
  for (std::uint32_t l : set) total = total + lagrange_coefficient(l, set);
  CHECK(total == Scalar::from_u64(1));  // interpolating the constant polynomial 1 at 0
  // w_2 for {2,4,5} = (4*5)/((4-2)(5-2)) = 20/6 = 10/3.
  CHECK(lagrange_coefficient(2, set) * Scalar::from_u64(3) == Scalar::from_u64(10));
  CHECK(code_of([&] { lagrange_coefficient(3, set); }) == Errc::invalid_argument);
  CHECK(code_of([] { lagrange_coefficient(2, std::vector<std::uint32_t>{2, 4, 4}); }) == Errc::invalid_argument);
  CHECK(code_of([] { lagrange_coefficient(2, std::vector<std::uint32_t>{0, 2}); }) == Errc::invalid_argument);
}

TEST_CASE("Key ceremony: bad parameters, bad records and bad shares are detected", "[verify]") {
  CHECK(code_of([] { CeremonyParameters{3, 4}.validate(); }) == Errc::invalid_argument);
  CHECK(code_of([] { CeremonyParameters{0, 0}.validate(); }) == Errc::invalid_argument);
  CHECK(code_of([] { GuardianPolynomial(CeremonyParameters{3, 2}, 4); }) == Errc::invalid_argument);
  const CeremonyParameters p{3, 2};
  const GuardianPolynomial g1(p, 1);
  const GuardianPolynomial g2(p, 2);
  const GuardianRecord r1 = g1.record();
  CHECK(verify_guardian_record(p, r1));
  GuardianRecord relabelled = r1;
  relabelled.index = 2;  // a record copied under another guardian's name
  CHECK_FALSE(verify_guardian_record(p, relabelled));
  CHECK_FALSE(verify_guardian_record(CeremonyParameters{3, 3}, r1));
  GuardianRecord short_record = r1;
  short_record.commitments.pop_back();
  CHECK_FALSE(verify_guardian_record(p, short_record));
  // A bad share: off by one, or meant for another guardian, or from another guardian.
  const SecretScalar good = g1.share_for(3);
  CHECK(verify_share(r1, 3, good));
  CHECK_FALSE(verify_share(r1, 3, SecretScalar(good.reveal() + Scalar::from_u64(1))));
  CHECK_FALSE(verify_share(r1, 3, g1.share_for(2)));
  CHECK_FALSE(verify_share(r1, 3, g2.share_for(3)));
  const GuardianRecord dup[] = {r1, r1};
  CHECK(code_of([&] { joint_public_key(dup); }) == Errc::invalid_argument);
}

TEST_CASE("Threshold decryption: every 3-subset of a 3-of-5 ceremony gives the same tally", "[verify]") {
  const Ceremony c({5, 3});
  const Bytes32 h_e = Transcript(c.parameters.parameter_hash(), Tag::election).point(c.public_key).h32();
  // 30 random approval ballots over 2 options.
  std::vector<Ciphertext> totals(2);
  std::vector<std::uint64_t> expected(2, 0);
  for (int b = 0; b < 30; ++b) {
    for (int o = 0; o < 2; ++o) {
      const std::uint64_t vote = randombytes_uniform(2);
      totals[o] += encrypt(c.public_key, vote, SecretScalar::random());
      expected[o] += vote;
    }
  }
  const DiscreteLog dlog(c.public_key, 30);
  std::vector<std::vector<std::uint32_t>> sets;
  std::vector<std::uint32_t> current;
  for (std::uint32_t size = 3; size <= 5; ++size) subsets(5, size, 1, current, sets);
  REQUIRE(sets.size() == 16);
  for (std::uint64_t o = 0; o < 2; ++o) {
    const DecryptionStatement statement{h_e, c.public_key, 1, o, totals[o]};
    std::vector<PartialDecryption> partials;
    for (std::uint32_t l = 1; l <= 5; ++l) {
      partials.push_back(partial_decrypt(statement, l, c.shares[l - 1]));
      CHECK(verify_partial_decryption(statement, share_public_key(c.records, l), partials.back()));
    }
    Point first;
    for (const auto& set : sets) {
      INFO("option " << o << ", guardians " << set.size() << " starting at " << set.front());
      std::vector<PartialDecryption> available;
      for (std::uint32_t l : set) available.push_back(partials[l - 1]);
      const Point m = combine_partial_decryptions(available, 3);
      if (first.is_identity()) first = m;
      CHECK(m == first);
      CHECK(dlog.solve(plaintext_point(totals[o], m)) == expected[o]);
      CHECK(check_plaintext(statement, m, expected[o]));
      CHECK_FALSE(check_plaintext(statement, m, expected[o] + 1));
    }
    const std::vector<PartialDecryption> two(partials.begin(), partials.begin() + 2);
    CHECK(code_of([&] { combine_partial_decryptions(two, 3); }) == Errc::invalid_argument);
    const std::vector<PartialDecryption> duplicated = {partials[0], partials[0], partials[1]};
    CHECK(code_of([&] { combine_partial_decryptions(duplicated, 3); }) == Errc::invalid_argument);
  }
}

TEST_CASE("A forged or misplaced partial decryption is rejected", "[verify]") {
  const Ceremony c({3, 2});
  const Bytes32 h_e = Transcript(c.parameters.parameter_hash(), Tag::election).point(c.public_key).h32();
  const Ciphertext total = encrypt(c.public_key, 4, SecretScalar::random());
  const DecryptionStatement statement{h_e, c.public_key, 0, 0, total};
  const Point z1 = share_public_key(c.records, 1);
  const PartialDecryption honest = partial_decrypt(statement, 1, c.shares[0]);
  REQUIRE(verify_partial_decryption(statement, z1, honest));

  PartialDecryption forged = honest;
  forged.share = forged.share + Point::generator();  // a share that would shift the tally
  CHECK_FALSE(verify_partial_decryption(statement, z1, forged));
  PartialDecryption bad_challenge = honest;
  bad_challenge.proof.challenge = bad_challenge.proof.challenge + Scalar::from_u64(1);
  CHECK_FALSE(verify_partial_decryption(statement, z1, bad_challenge));
  PartialDecryption bad_response = honest;
  bad_response.proof.response = bad_response.proof.response + Scalar::from_u64(1);
  CHECK_FALSE(verify_partial_decryption(statement, z1, bad_response));
  PartialDecryption relabelled = honest;
  relabelled.guardian = 2;
  CHECK_FALSE(verify_partial_decryption(statement, share_public_key(c.records, 2), relabelled));
  CHECK_FALSE(verify_partial_decryption(statement, share_public_key(c.records, 2), honest));
  // Decrypting with a wrong secret (guardian 2's share claimed as guardian 1's) fails against Z_1.
  CHECK_FALSE(verify_partial_decryption(statement, z1, partial_decrypt(statement, 1, c.shares[1])));
  // The proof is bound to the whole statement.
  const std::vector<std::function<void(DecryptionStatement&)>> changes = {
      [](DecryptionStatement& s) { s.context[0] ^= 1; },
      [](DecryptionStatement& s) { s.public_key = s.public_key + Point::generator(); },
      [](DecryptionStatement& s) { s.contest += 1; },
      [](DecryptionStatement& s) { s.option += 1; },
      [](DecryptionStatement& s) { s.total.beta = s.total.beta + Point::generator(); },
      [](DecryptionStatement& s) { s.total.alpha = s.total.alpha + Point::generator(); },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    INFO("statement change " << i);
    DecryptionStatement changed = statement;
    changes[i](changed);
    CHECK_FALSE(verify_partial_decryption(changed, z1, honest));
  }
  PartialDecryption identity_share = honest;
  identity_share.share = Point();
  CHECK_FALSE(verify_partial_decryption(statement, z1, identity_share));
}

TEST_CASE("Baby-step giant-step: 0, 1, the bound, and beyond it", "[verify]") {
  const Point k = Point::base_mul(Scalar::random());
  const DiscreteLog dlog(k, 100);
  CHECK(dlog.solve(Point()) == 0);
  CHECK(dlog.solve(k) == 1);
  for (std::uint64_t t : {2, 9, 10, 11, 99, 100}) CHECK(dlog.solve(k.mul(Scalar::from_u64(t))) == t);
  CHECK(code_of([&] { dlog.solve(k.mul(Scalar::from_u64(101))); }) == Errc::limit);  // inside the last giant step
  CHECK(code_of([&] { dlog.solve(k.mul(Scalar::from_u64(5000))); }) == Errc::limit);
  CHECK(code_of([&] { dlog.solve(Point::generator()); }) == Errc::limit);
  const DiscreteLog zero(k, 0);
  CHECK(zero.solve(Point()) == 0);
  CHECK(code_of([&] { zero.solve(k); }) == Errc::limit);
  const DiscreteLog one(k, 1);
  CHECK(one.solve(k) == 1);
  CHECK(code_of([&] { one.solve(k + k); }) == Errc::limit);
  CHECK(code_of([&] { DiscreteLog(Point(), 10); }) == Errc::invalid_argument);
  CHECK(code_of([&] { DiscreteLog(k, kMaxDiscreteLogBound + 1); }) == Errc::limit);
  // The same table serves many values (one table per tally).
  const DiscreteLog big(k, 1000000);
  for (std::uint64_t t : {0ULL, 999ULL, 1000ULL, 123457ULL, 1000000ULL})
    CHECK(big.solve(k.mul(Scalar::from_u64(t))) == t);
  CHECK(code_of([&] { big.solve(k.mul(Scalar::from_u64(1000001))); }) == Errc::limit);
}
