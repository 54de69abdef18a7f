// SPDX-License-Identifier: Apache-2.0
// A whole election run honestly, for tests/unit/test_verify_election*.cpp: a k-of-n
// ceremony, a manifest, devices, cast and challenged ballots, a board, the tally.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "minga/core/error.hpp"
#include "minga/verify/ballot.hpp"
#include "minga/verify/keys.hpp"
#include "minga/verify/manifest.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/tally.hpp"
#include "minga/verify/verifier.hpp"

namespace minga::verify::testing {

/// Two contests: "council" approval of up to 2 of 3, "park" score 0..3 over 2 options with limit 4.
inline Manifest small_manifest() {
  Manifest m;
  m.election_id = "test-2026";
  m.title = "Test election";
  m.contests.push_back(
      {"council", "Council", ContestKind::approval, 1, 2, {{"ana", "Ana"}, {"bo", "Bo"}, {"cy", "Cy"}}});
  m.contests.push_back({"park", "Park projects", ContestKind::score, 3, 4, {{"pond", "Pond"}, {"trees", "Trees"}}});
  return m;
}

struct TestCeremony {
  CeremonyParameters parameters;
  std::vector<GuardianRecord> records;
  std::vector<SecretScalar> shares;  // shares[l - 1] = z_l

  explicit TestCeremony(CeremonyParameters p) : parameters(p) {
    LocalCeremony ceremony = run_local_ceremony(p);
    records = std::move(ceremony.records);
    for (GuardianShare& g : ceremony.shares) shares.push_back(std::move(g.share));
  }
  Point public_key() const { return joint_public_key(records); }
  /// GuardianShares of the given (1-based) guardians.
  std::vector<GuardianShare> available(const std::vector<std::uint32_t>& indices) const {
    std::vector<GuardianShare> out;
    for (std::uint32_t i : indices) out.push_back({i, SecretScalar(shares[i - 1].reveal())});
    return out;
  }
};

/// A random valid choice for every contest of the manifest.
inline std::vector<std::vector<std::uint64_t>> random_choices(const Manifest& m, std::mt19937_64& rng) {
  std::vector<std::vector<std::uint64_t>> out;
  for (const ManifestContest& c : m.contests) {
    std::vector<std::uint64_t> row(c.options.size(), 0);
    std::uint64_t left = c.selection_limit;
    for (std::size_t o = 0; o < row.size(); ++o) {
      const std::uint64_t most = std::min(left, c.option_range);
      row[o] = std::uniform_int_distribution<std::uint64_t>(0, most)(rng);
      left -= row[o];
    }
    out.push_back(std::move(row));
  }
  return out;
}

/// The names of the checks that fail on a record given as JSON.
inline std::vector<std::string> failing_checks(const std::string& record_json) {
  std::vector<std::string> names;
  for (const VerificationCheck& c : verify_record(ElectionRecord::from_json(record_json)))
    if (!c.passed) names.push_back(c.name);
  return names;
}

/// The JSON path that ElectionRecord::from_json names when it refuses `honest` after `edit`
/// (it must refuse it as a parse error), or "(accepted)".
template <class Edit>
std::string parse_error_path(const nlohmann::json& honest, Edit edit) {
  nlohmann::json j = honest;
  edit(j);
  try {
    (void)ElectionRecord::from_json(j.dump());
  } catch (const Error& e) {
    CHECK(e.code() == Errc::parse);
    return e.where().field;
  }
  return "(accepted)";
}

}  // namespace minga::verify::testing
