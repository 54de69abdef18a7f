// SPDX-License-Identifier: Apache-2.0
// Unit tests: errors, exact numbers, seeded randomness.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <set>

#include "minga/core/error.hpp"
#include "minga/core/number.hpp"
#include "minga/core/random.hpp"

using namespace minga;

TEST_CASE("Error messages name file, line and field", "[core]") {
  Error e(Errc::parse, Location{"city.pb", 12, "vote"}, "unknown project '99'");
  CHECK(std::string(e.what()) == "city.pb:12: vote: unknown project '99'");
  CHECK(e.code() == Errc::parse);
  CHECK(e.where().line == 12);
  CHECK(std::string(Error(Errc::io, "disk full").what()) == "disk full");
  CHECK(std::string(Error(Errc::parse, Location{"x.json", 0, "ballots[3]"}, "bad").what()) == "x.json: ballots[3]: bad");
  CHECK(std::string(errc_name(Errc::limit)) == "limit");
}

TEST_CASE("Decimals are read exactly", "[core][number]") {
  CHECK(parse_decimal("1546168.66") == Rational(154616866, 100));
  CHECK(parse_decimal("0.1") + parse_decimal("0.2") == parse_decimal("0.3"));
  CHECK(parse_decimal("-2.50") == Rational(-5, 2));
  CHECK(parse_decimal("+7") == 7);
  CHECK(parse_decimal("1e6") == 1000000);
  CHECK(parse_decimal("2.5E-3") == Rational(1, 400));
  CHECK(parse_decimal(".5") == Rational(1, 2));
  CHECK(parse_decimal("5.") == 5);
  CHECK(parse_decimal("1/3") == Rational(1, 3));
  CHECK(parse_decimal("-4/6") == Rational(-2, 3));
  CHECK(parse_decimal("123456789012345678901234567890") == Rational(Integer("123456789012345678901234567890")));
  // Leading zeros never make a number octal, however long (a fuzzing find: Boost's string
  // constructor reads "0..." as base 8, misreading 0-7 digits and throwing on 8 or 9).
  CHECK(parse_integer("0777777777777777777777") == Integer("777777777777777777777"));
  CHECK(parse_integer("-0999999999999999999999") == Integer("-999999999999999999999"));
  CHECK(parse_decimal("09999999999999.9999999999") == Rational(Integer("99999999999999999999999"), Integer("10000000000")));
  CHECK(parse_decimal("00000000000000000000000") == 0);
  for (const char* bad : {"", "-", ".", "1,5", "1.2.3", "abc", "1e", "1e+", " 1", "1 ", "1/0", "1/-3", "0x10", "1e5.5"})
    CHECK_THROWS_AS(parse_decimal(bad), Error);
}

TEST_CASE("Absurd numbers are refused quickly, not computed", "[core][number]") {
  CHECK_THROWS_WITH(parse_decimal("1e999999"), Catch::Contains("exponent"));
  CHECK_THROWS_WITH(parse_decimal("1e9999999999"), Catch::Contains("exponent"));
  CHECK_THROWS_WITH(parse_decimal(std::string(5000, '9')), Catch::Contains("digits"));
  CHECK_THROWS_AS(parse_count("18446744073709551616"), Error);  // 2^64
  CHECK(parse_count("18446744073709551615") == 18446744073709551615ull);
  CHECK_THROWS_AS(parse_count("-1"), Error);
  CHECK_THROWS_AS(parse_count("1.0"), Error);
}

TEST_CASE("Exact text round-trips", "[core][number]") {
  for (const Rational& r : {Rational(0), Rational(-7), Rational(154616866, 100), Rational(1, 3), Rational(-22, 7),
                            Rational(1, 1024), Rational(Integer("98765432109876543210"), 3)}) {
    INFO(r.str());
    CHECK(parse_decimal(to_exact_string(r)) == r);
  }
  CHECK(to_exact_string(Rational(154616866, 100)) == "1546168.66");
  CHECK(to_exact_string(Rational(1, 8)) == "0.125");
  CHECK(to_exact_string(Rational(-1, 3)) == "-1/3");
  CHECK(to_fixed_string(Rational(2, 3), 5) == "0.66666");  // truncation, as statutes round
  CHECK(to_fixed_string(Rational(-2, 3), 2) == "-0.66");
  CHECK(to_fixed_string(Rational(7), 0) == "7");
  CHECK(to_fixed_string(Rational(1, 1000), 2) == "0.00");
  CHECK(is_integer(Rational(10, 5)));
  CHECK_FALSE(is_integer(Rational(1, 2)));
}

TEST_CASE("SeededRandom is libsodium's deterministic stream under a derived key", "[core][random]") {
  REQUIRE(sodium_init() >= 0);
  const std::string seed = "2026-11-29 dice 4 1 6 6 2";
  // Derive the key independently, as docs/randomness.md tells anyone to.
  unsigned char key[32];
  const std::string message = "minga.random/1" + seed;
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(message.data()), message.size(), nullptr, 0);
  unsigned char stream[200];
  static_assert(randombytes_SEEDBYTES == 32);
  randombytes_buf_deterministic(stream, sizeof stream, key);

  SeededRandom rng(seed);
  CHECK(std::equal(key, key + 32, rng.key().begin()));
  for (std::size_t i = 0; i + 8 <= sizeof stream; i += 8) {  // crosses a 64-byte block boundary
    std::uint64_t expected = 0;
    for (int b = 7; b >= 0; --b) expected = (expected << 8) | stream[i + static_cast<std::size_t>(b)];
    INFO("word " << i / 8);
    CHECK(rng.next_word() == expected);
  }
}

TEST_CASE("SeededRandom draws are uniform, reproducible and seed-dependent", "[core][random]") {
  SeededRandom a("seed"), b("seed"), c("other seed");
  std::vector<std::uint64_t> xs, ys, zs;
  for (int i = 0; i < 100; ++i) {
    xs.push_back(a.below(1000));
    ys.push_back(b.below(1000));
    zs.push_back(c.below(1000));
  }
  CHECK(xs == ys);
  CHECK(xs != zs);
  for (auto x : xs) CHECK(x < 1000);
  // Every face of a die turns up roughly 1/6 of the time over 60,000 rolls (6 sigma bounds).
  SeededRandom die("die");
  std::vector<int> faces(6, 0);
  for (int i = 0; i < 60000; ++i) ++faces[die.below(6)];
  for (int f : faces) CHECK(std::abs(f - 10000) < 550);
  CHECK(die.below(1) == 0);
  CHECK_THROWS_AS(die.below(0), Error);
  std::vector<std::uint32_t> items{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  SeededRandom s1("shuffle"), s2("shuffle");
  auto copy = items;
  s1.shuffle(items);
  s2.shuffle(copy);
  CHECK(items == copy);
  CHECK(std::set<std::uint32_t>(items.begin(), items.end()).size() == 10);
}

TEST_CASE("SeededRandom reproduces the published worked values of docs/randomness.md", "[core][random]") {
  SeededRandom words("minga");
  CHECK(words.next_word() == 0x217cd19a80b0656full);
  CHECK(words.next_word() == 0xe6727b3b35a53fa3ull);
  SeededRandom die("minga");
  std::vector<std::uint64_t> rolls;
  for (int i = 0; i < 10; ++i) rolls.push_back(die.below(6));
  CHECK(rolls == std::vector<std::uint64_t>{1, 1, 3, 0, 3, 3, 1, 1, 0, 5});
  SeededRandom s("minga");
  std::vector<std::uint32_t> v{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  s.shuffle(v);
  CHECK(v == std::vector<std::uint32_t>{4, 0, 7, 6, 2, 3, 8, 5, 9, 1});
}
