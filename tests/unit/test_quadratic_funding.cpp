// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_quadratic_funding.cpp - quadratic funding: Gitcoin's worked example, a real clr.fund round,
// identities.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <tuple>

#include "minga/core/error.hpp"
#include "minga/quadratic/funding.hpp"

namespace fs = std::filesystem;
using namespace minga;
using nlohmann::json;

namespace {

const fs::path kQf = fs::path(MINGA_SHARED_DATA) / "qf";

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

Integer match_of(const QfResult& r, const std::string& id) {
  for (const auto& p : r.projects)
    if (p.id == id) return p.match;
  FAIL("no project " << id);
  throw;
}

Contributions equal_round(int donors, const Integer& amount) {
  Contributions c;
  for (int i = 0; i < donors; ++i) c.add("d" + std::to_string(i), "p", amount);
  return c;
}

Contributions random_round(std::uint32_t seed, int n, int donors, int projects, std::uint64_t max_amount) {
  std::mt19937_64 rng(seed);
  Contributions c;
  for (int d = 0; d < donors; ++d) c.donor("d" + std::to_string(d));
  for (int p = 0; p < projects; ++p) c.project("p" + std::to_string(p));
  for (int k = 0; k < n; ++k)
    c.add(static_cast<std::uint32_t>(rng() % donors), static_cast<std::uint32_t>(rng() % projects),
          1 + rng() % max_amount);
  return c;
}

}  // namespace

TEST_CASE("QF: Gitcoin Grants Stack linear-QF worked example", "[quadratic][qf][data]") {
  const fs::path dir = kQf / "gitcoin_linearqf_example";
  if (!fs::exists(dir / "expected.json")) {
    WARN("SKIPPED: " << dir.string() << " is absent");
    return;
  }
  const Contributions c = read_contributions(dir / "contributions.csv");
  CHECK(c.size() == 18);
  const json expected = read_json(dir / "expected.json");
  QfOptions options;
  for (const auto& s : qf_subsidies(c, options))
    CHECK(s.subsidy == Rational(Integer(expected["raw_subsidy"][s.id].get<std::int64_t>())));
  for (const auto& cs : expected["cases"]) {
    INFO(cs["name"].get<std::string>());
    options.pool = Integer(cs["matchAmount"].get<std::int64_t>());
    options.fit = cs["ignoreSaturation"].get<bool>() ? QfFit::scale : QfFit::saturate;
    options.cap_amount.reset();
    if (!cs["matchingCapAmount"].is_null()) options.cap_amount = Integer(cs["matchingCapAmount"].get<std::int64_t>());
    QfResult r = match_qf(c, options);
    for (const auto& [id, amount] : cs["matched"].items())
      CHECK(match_of(r, id) == Integer(amount.get<std::int64_t>()));
    if (cs.contains("total")) CHECK(r.matched == Integer(cs["total"].get<std::int64_t>()));
    CHECK(r.matched <= r.pool);
  }
  // The same cap as a fraction of the pool (--cap 0.5).
  options.pool = 100000000;
  options.fit = QfFit::scale;
  options.cap_amount.reset();
  options.cap = Rational(1, 2);
  QfResult capped = match_qf(c, options);
  CHECK(match_of(capped, "project_1") == 19318181);
  CHECK(capped.projects[2].capped);
  CHECK_THAT(capped.projects[0].why, Catch::Contains("overflow"));

  for (const auto& cs : expected["single_contributor_cases"]) {
    Contributions one;
    for (const auto& row : cs["contributions"])
      one.add(row[0].get<std::string>(), row[1].get<std::string>(), Integer(row[2].get<std::int64_t>()));
    QfOptions o;
    o.pool = Integer(cs["matchAmount"].get<std::int64_t>());
    o.fit = cs["ignoreSaturation"].get<bool>() ? QfFit::scale : QfFit::saturate;
    QfResult r = match_qf(one, o);
    for (const auto& [id, amount] : cs["matched"].items())
      CHECK(match_of(r, id) == Integer(amount.get<std::int64_t>()));
  }
}

TEST_CASE("QF: all 125 payouts of a real clr.fund round, to the wei", "[quadratic][qf][data]") {
  const fs::path dir = kQf / "clrfund_round_tally";
  if (!fs::exists(dir / "claimAmounts.json")) {
    WARN("SKIPPED: " << dir.string() << " is absent");
    return;
  }
  const json params = read_json(dir / "params.json");
  const json claims = read_json(dir / "claimAmounts.json");
  const MaciTally tally = read_maci_tally(dir / "testTallySmall.json");
  const Integer vcf(params["voice_credit_factor"].get<std::string>());
  const Integer budget(params["budget"].get<std::string>());
  QfOptions options;
  options.fit = QfFit::alpha;
  options.alpha_precision = Integer(params["alpha_precision"].get<std::string>());
  options.pool = budget - vcf * tally.total_spent;
  QfResult r = fit_qf(maci_subsidies(tally, vcf), options);
  REQUIRE(r.alpha);
  CHECK(*r.alpha == Integer(params["expected_alpha"].get<std::string>()));
  const auto& amounts = claims["amount"];
  REQUIRE(amounts.size() == 125);
  std::size_t reproduced = 0;
  for (std::size_t p = 0; p < amounts.size(); ++p) {
    const Integer payout = p < r.projects.size() ? r.projects[p].contributions + r.projects[p].match : Integer(0);
    if (payout == Integer(amounts[p].get<std::string>()))
      ++reproduced;
    else
      FAIL_CHECK("project " << p << ": " << payout.str() << " != " << amounts[p].get<std::string>());
  }
  CHECK(reproduced == 125);
  CHECK(r.matched <= r.pool);
}

TEST_CASE("QF identities: one donor, n equal donors, pairwise vs clr, clusters vs clr", "[quadratic][qf]") {
  QfOptions o;
  o.pool = 1000;
  // A single donor gets no match, whatever the amount (99 is not a perfect square).
  for (auto amount : {1, 99, 1000000}) CHECK(qf_subsidies(equal_round(1, amount), o)[0].subsidy == 0);
  // n donors of d each: s = n(n-1)d (d a perfect square, or any d with a fine enough root scale bound).
  for (int n : {2, 3, 10, 57}) {
    CHECK(qf_subsidies(equal_round(n, 49), o)[0].subsidy == n * (n - 1) * 49);
    const Integer d = Integer("1000000000000000000000000000");  // 1e27 = (10^13.5)^2: rounded roots stay below
    const Rational s = qf_subsidies(equal_round(n, d), o)[0].subsidy;
    CHECK(s <= n * (n - 1) * d);
    CHECK(s > n * (n - 1) * (d - 2 * boost::multiprecision::sqrt(d) - 1));
  }
  // Exact at 1e27-scale perfect squares on both the 128-bit and the GMP paths.
  const Integer big = Integer("31622776601683") * Integer("31622776601683");  // ~1e27
  QfOptions gmp = o;
  gmp.sqrt_scale = Integer(1) << 40;  // amount * S^2 > 2^127: forces the GMP path
  CHECK(qf_subsidies(equal_round(5, big), o)[0].subsidy == 20 * big);
  CHECK(qf_subsidies(equal_round(5, big), gmp)[0].subsidy == 20 * big);

  for (std::uint32_t seed : {1u, 2u, 3u}) {
    const Contributions c = random_round(seed, 400, 60, 7, 5000);
    QfOptions clr, pair;
    pair.variant = QfVariant::pairwise;
    auto a = qf_subsidies(c, clr), b = qf_subsidies(c, pair);
    for (std::size_t p = 0; p < a.size(); ++p) CHECK(a[p].subsidy == b[p].subsidy);  // unbounded M
    pair.pairwise_m = Integer("1000000000000000000000000");
    auto near = qf_subsidies(c, pair);
    for (std::size_t p = 0; p < a.size(); ++p) {
      CHECK(near[p].subsidy <= a[p].subsidy);
      CHECK(near[p].subsidy >= a[p].subsidy - Integer(a[p].donors * a[p].donors));  // at most 1 unit per pair
    }
    QfOptions finer = clr;
    finer.sqrt_scale = 1000;
    auto f = qf_subsidies(c, finer);
    QfOptions singletons = clr;
    for (const auto& d : c.donors()) singletons.clusters.push_back(ClusterMembership{d, "own-" + d, 1});
    singletons.variant = QfVariant::cluster;
    auto cl = qf_subsidies(c, singletons);
    singletons.variant = QfVariant::cocm;
    auto co = qf_subsidies(c, singletons);
    for (std::size_t p = 0; p < a.size(); ++p) {
      CHECK(cl[p].subsidy == a[p].subsidy);
      // cocm with singleton groups is clr with each pair's root sqrt(c_i c_j) rounded instead of each amount's:
      // at least the amount-rounded clr, and within a unit per ordered pair of the finer one.
      CHECK(co[p].subsidy >= a[p].subsidy);
      CHECK(co[p].subsidy <= f[p].subsidy + Integer(a[p].donors * a[p].donors));
      CHECK(f[p].subsidy >= a[p].subsidy);  // finer roots are closer to the true subsidy, from below
    }
  }
}

TEST_CASE("QF pairwise: a hand-computed bounded match", "[quadratic][qf]") {
  Contributions c;
  for (auto d : {"a", "b"})
    for (auto p : {"x", "y"}) c.add(d, p, Integer(100));
  QfOptions o;
  o.variant = QfVariant::pairwise;
  o.pairwise_m = 100;
  // P_ab = 10*10 + 10*10 = 200; term = floor(2 * 10 * 10 * 100 / (100 + 200)) = 66 per project.
  auto s = qf_subsidies(c, o);
  CHECK(s[0].subsidy == 66);
  CHECK(s[1].subsidy == 66);
  o.variant = QfVariant::clr;
  CHECK(qf_subsidies(c, o)[0].subsidy == 200);
}

TEST_CASE("QF clusters: one cluster gets nothing, donation profiles merge, cocm by hand", "[quadratic][qf]") {
  Contributions c;
  c.add("a", "p", Integer(2));
  c.add("b", "p", Integer(2));
  c.add("c", "p", Integer(4));
  QfOptions o;
  o.variant = QfVariant::cluster;
  o.clusters = {{"a", "g1", 1}, {"b", "g1", 1}, {"c", "g1", 1}};
  CHECK(qf_subsidies(c, o)[0].subsidy == 0);
  o.clusters = {{"a", "g1", 1}, {"b", "g1", 1}, {"c", "g2", 1}};
  CHECK(qf_subsidies(c, o)[0].subsidy == 8);  // (sqrt 4 + sqrt 4)^2 - 8
  o.variant = QfVariant::cocm;
  CHECK(qf_subsidies(c, o)[0].subsidy == 8);  // 2 sqrt((2 + 2) * 4)
  o.clusters.clear();                         // donation profiles: all three fund {p} -> one group
  CHECK(qf_subsidies(c, o)[0].subsidy == 0);
  o.variant = QfVariant::cluster;
  CHECK(qf_subsidies(c, o)[0].subsidy == 0);
}

TEST_CASE("QF fits: scaling never pays more than the pool; alpha equals scaling up to a unit", "[quadratic][qf]") {
  for (std::uint32_t seed = 10; seed < 20; ++seed) {
    const Contributions c = random_round(seed, 300, 40, 9, 1000000);
    for (std::uint64_t pool : {1ull, 977ull, 1000000ull, 123456789ull}) {
      QfOptions o;
      o.pool = pool;
      o.fit = QfFit::scale;
      QfResult scaled = match_qf(c, o);
      CHECK(scaled.matched <= o.pool);
      CHECK(scaled.matched + Integer(scaled.projects.size()) > o.pool);  // floors lose less than a unit each
      o.cap = Rational(1, 5);
      QfResult capped = match_qf(c, o);
      CHECK(capped.matched <= o.pool);
      for (const auto& p : capped.projects) CHECK(p.match <= *capped.cap_amount);
      o.cap.reset();
      o.fit = QfFit::alpha;
      QfResult alpha = match_qf(c, o);
      CHECK(alpha.matched <= o.pool);
      for (std::size_t p = 0; p < alpha.projects.size(); ++p) {
        CHECK(alpha.projects[p].match <= scaled.projects[p].match);
        CHECK(alpha.projects[p].match + 1 >= scaled.projects[p].match);
      }
    }
  }
}

TEST_CASE("QF: donor coefficients, minimum contribution, eligibility scores, input errors", "[quadratic][qf]") {
  Contributions c;
  c.add("a", "p", Integer(100));
  c.add("b", "p", Integer(100));
  c.add("c", "p", Integer(5));
  QfOptions o;
  o.minimum_contribution = 10;
  o.donor_coefficients["b"] = Rational(1, 4);  // 25 counts
  std::uint64_t counted = 0, dropped = 0;
  auto s = qf_subsidies(c, o, &counted, &dropped);
  CHECK(counted == 2);
  CHECK(dropped == 1);
  CHECK(s[0].contributions == 125);
  CHECK(s[0].subsidy == 2 * 10 * 5);
  CHECK(eligibility_coefficient(10) == 0);
  CHECK(eligibility_coefficient(20) == Rational(3, 4));
  CHECK(eligibility_coefficient(30) == 1);

  std::istringstream bad("donor,project,amount\na,p,1.5\n");
  CHECK_THROWS_WITH(read_contributions(bad, "round.csv", false),
                    Catch::Contains("round.csv:2") && Catch::Contains("amount"));
  std::istringstream negative("[{\"donor\": \"a\", \"project\": \"p\", \"amount\": -3}]");
  CHECK_THROWS_WITH(read_contributions(negative, "round.json", true), Catch::Contains("round.json:1"));
  std::istringstream huge("donor,project,amount\na,p,100000000000000000000000000000000000000000\n");
  CHECK_THROWS_WITH(read_contributions(huge, "round.csv", false), Catch::Contains("2^126"));
  CHECK_THROWS_AS(qf_variant_from_name("quadratic"), Error);
  QfOptions bad_cap;
  bad_cap.cap = Rational(3, 2);
  CHECK_THROWS_AS(match_qf(c, bad_cap), Error);

  QfOptions json_options;
  json_options.pool = 10;
  auto j = json::parse(qf_result_to_json(match_qf(c, json_options)));
  CHECK(j["schema"] == "minga.qf/1");
  CHECK(j["matches"]["p"] == "10");
}

TEST_CASE("QF pairwise: 64-bit, 128-bit and GMP paths agree with the formula evaluated directly", "[quadratic][qf]") {
  // Perfect-square amounts (roots exact) at three magnitudes; M picked so each magnitude takes another path.
  struct Case {
    Integer unit;
    Integer m;
  };
  const Integer e9("1000000000"), e13("10000000000000");
  for (const Case& k : {Case{1, 7}, Case{e9, e9}, Case{e13, e13 * e13}}) {
    const std::vector<std::tuple<std::string, std::string, int>> gifts{
        {"a", "x", 1}, {"b", "x", 2}, {"c", "x", 3}, {"a", "y", 2}, {"c", "y", 1}};
    Contributions c;
    std::map<std::pair<std::string, std::string>, Integer> root;
    for (const auto& [d, p, r] : gifts) {
      c.add(d, p, Integer(r * r) * k.unit * k.unit);
      root[{d, p}] = Integer(r) * k.unit;
    }
    auto r = [&](const std::string& d, const std::string& p) {
      auto it = root.find({d, p});
      return it == root.end() ? Integer(0) : it->second;
    };
    auto overlap = [&](const std::string& i, const std::string& j) {
      return r(i, "x") * r(j, "x") + r(i, "y") * r(j, "y");
    };
    auto term = [&](const std::string& i, const std::string& j, const std::string& p) {
      return Integer(2 * r(i, p) * r(j, p) * k.m / (k.m + overlap(i, j)));
    };
    QfOptions o;
    o.variant = QfVariant::pairwise;
    o.pairwise_m = k.m;
    auto s = qf_subsidies(c, o);
    CHECK(s[0].subsidy == term("a", "b", "x") + term("a", "c", "x") + term("b", "c", "x"));
    CHECK(s[1].subsidy == term("a", "c", "y"));
  }
}
