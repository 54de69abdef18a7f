// SPDX-License-Identifier: Apache-2.0
// minga/verify/manifest.hpp - what an encrypted election asks: its contests and their options.
//
// Every contest is a list of options; a voter gives each option a number in
// 0..option_range (R) and the numbers of one contest add up to at most
// selection_limit (L). Each option becomes one encrypted selection with a range
// proof 0..R; each contest gets a limit proof 0..L on the sum of its selections
// (ElectionGuard 2.1 section 3.1.3 "option selection limit" and "contest selection limit").
//
//   kind                 R            L
//   plurality            1            1 (vote for one)
//   approval             1            1..n (vote for up to L; L = n is plain approval)
//   budgeting_approval   1            1..n (choose at most L projects)
//   score                1..4096      R..n*R (each option scored 0..R; L = n*R for no limit)
//   cumulative           1..4096      1..n*R (spread at most L points, at most R on one option)
//   ranked               r: 1..n      r (rank up to r of the n candidates; n*r <= 4096)
//   quadratic            V: 1..64     C: V^2..2^32-1 (votes -V..V per option, v^2 credits each, C credits)
//
// Ranked and quadratic contests encrypt other values than the voter's numbers
// and prove more (ranked_contest.hpp, quadratic_contest.hpp): a ranked contest
// has n*r indicator ciphertexts (candidate i at rank p), a quadratic contest two
// per option (v + V and v^2). Their results are not one per option: a ranked
// contest has 2n (first preferences, then Borda points), a quadratic one 2n
// (votes, then credits); contest_result_id() names them.
//
// Contests and options are numbered from 1 in the order given; those numbers
// (not the ids) are what the proofs and hashes bind.
//
// Canonical JSON (schema "minga.manifest/1"), the exact bytes hashed into
//   H_B = H32(H_P; 0x01, canonical manifest)
// is nlohmann::json's compact dump: no whitespace, object keys sorted by byte,
// strings as UTF-8 with only '"', '\\' and control characters escaped,
// integers in decimal:
//
//   {"contests":[{"id":"mayor","kind":"plurality","option_range":1,
//     "options":[{"id":"a","label":"Ana"},{"id":"b","label":"Bo"}],
//     "selection_limit":1,"title":"Mayor"}],"election_id":"town-2026",
//     "schema":"minga.manifest/1","title":"Town election 2026"}
//
// Ids are 1..64 characters of [A-Za-z0-9._-], unique among contests and among a
// contest's options; titles and labels are any UTF-8 text up to 256 bytes.
// from_json accepts any whitespace and key order, rejects unknown keys, and
// validates; so canonical_json(from_json(x)) is the one canonical form of x.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minga/export.h"
#include "minga/verify/group.hpp"

namespace minga::verify {

enum class ContestKind : std::uint8_t { plurality, approval, budgeting_approval, score, cumulative, ranked, quadratic };

/// True for 1..64 characters of [A-Za-z0-9._-]: the rule for election, contest,
/// option, ballot and device ids.
MINGA_EXPORT bool is_valid_id(std::string_view id) noexcept;

/// "plurality", "approval", "budgeting_approval", "score", "cumulative", "ranked", "quadratic".
MINGA_EXPORT const char* contest_kind_name(ContestKind kind) noexcept;

struct MINGA_EXPORT ManifestOption {
  std::string id;
  std::string label;
  friend bool operator==(const ManifestOption&, const ManifestOption&) = default;
};

struct MINGA_EXPORT ManifestContest {
  std::string id;
  std::string title;
  ContestKind kind = ContestKind::plurality;
  std::uint64_t option_range = 1;     ///< R: the largest number one option can get (ranked: ranks r; quadratic: V)
  std::uint64_t selection_limit = 1;  ///< L: the largest sum over the contest's options (ranked: r; quadratic: C)
  std::vector<ManifestOption> options;
  friend bool operator==(const ManifestContest&, const ManifestContest&) = default;
};

/// How many ciphertexts a ballot has for the contest: n options; ranked n*r
/// (candidate i at rank p is number i*r + p, 0-based); quadratic 2n (option o's
/// v + V is number 2o, its v^2 number 2o + 1).
MINGA_EXPORT std::size_t contest_ciphertext_count(const ManifestContest& contest) noexcept;
/// How many decrypted results the contest has: n (one per option); ranked 2n
/// (first preferences of each candidate, then Borda points); quadratic 2n (votes
/// + V per ballot of each option, then credits spent on it).
MINGA_EXPORT std::size_t contest_result_count(const ManifestContest& contest) noexcept;
/// A result's name: the option id, or "<id>.first", "<id>.borda", "<id>.votes", "<id>.credits".
MINGA_EXPORT std::string contest_result_id(const ManifestContest& contest, std::size_t result);

struct MINGA_EXPORT Manifest {
  std::string election_id;
  std::string title;
  std::vector<ManifestContest> contests;

  /// Checks the rules above. Throws Error(Errc::invalid_argument) whose location
  /// is "<manifest>" with the field path, e.g. "contests[2].options[1].id", and a reason.
  void validate() const;
  /// The canonical JSON text (validates first).
  std::string canonical_json() const;
  /// Parses and validates. Error(Errc::parse) for malformed JSON, missing, unknown
  /// or mistyped keys; Error(Errc::invalid_argument) for rule violations.
  static Manifest from_json(std::string_view json);
  /// H_B = H32(H_P; 0x01, canonical_json()).
  Bytes32 hash(const Bytes32& parameter_hash) const;

  /// Total number of ciphertexts of a ballot (contest_ciphertext_count over all contests).
  std::size_t selection_count() const noexcept;

  friend bool operator==(const Manifest&, const Manifest&) = default;
};

}  // namespace minga::verify
