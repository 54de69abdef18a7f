// SPDX-License-Identifier: Apache-2.0
// minga/ranked/count.hpp - any ranked method by name, with its options in one struct.
//
// The doors to the ranked methods that name a method at run time (the Python
// module's minga.tally, a C ABI or a service) fill a CountSpec and call
// count(); each method's own options struct stays the C++ way in.
//
// Method names (as `minga tally --method`; "_" and "-" alike):
//   plurality, irv, sequential-irv, bottoms-up, wigm (also "stv"),
//   gregory, wigm-generic, wigm-prf, wigm-prf-batch (gregory_stv.hpp's presets),
//   minneapolis-stv, scottish-stv, irish-stv, meek, meek-exact, warren,
//   condorcet, smith, schulze, ranked-pairs, minimax, copeland, borda.
// Defaults: seats = the election's seats, else 1; tie-break: stop and report
// the tie (scottish-stv, irish-stv: the statute's look-back first); irish-stv:
// papers filed in input order unless paper_seed is set; wigm: Droop quota,
// 4 decimals; gregory: exact, Droop quota; meek: New Zealand rules (9 decimals); meek-exact and warren:
// exact rationals, omega 10^-10. The tie-break "new-zealand" (Schedule 1A's AAFD, then its PRNs)
// and "nz-prn" go with meek, meek-exact and warren only (tiebreak.hpp).
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "minga/ballot/election.hpp"
#include "minga/core/number.hpp"
#include "minga/ranked/gregory_stv.hpp"
#include "minga/ranked/quota.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

struct CountSpec {
  std::string method = "irv";
  std::optional<std::uint32_t> seats;   ///< unset: the election's seats, else 1
  BallotInterpretation ballots;         ///< how raw marks are read (rules.hpp); start from
                                        ///< default_ballot_rules(method) (irish-stv reads as the Act does)
  std::optional<TieBreak> tie_break;    ///< unset: the method's default (see above)
  bool batch_elimination = false;       ///< irv, sequential-irv, bottoms-up
  bool continue_until_two = false;      ///< irv, sequential-irv
  std::optional<Rational> share;        ///< bottoms-up: winners once all have this share (15% = 3/20)
  std::optional<Quota::Kind> quota;     ///< wigm: the quota (default Droop)
  std::optional<GregoryQuota> gregory_quota;  ///< gregory: the quota (default Droop; gregory_stv.hpp)
  std::optional<unsigned> decimals;     ///< wigm: places of transfer values (default 4);
                                        ///< gregory: fixed-point places (default exact rationals)
  std::optional<std::string> paper_seed;  ///< irish-stv: mix the papers with this published seed (irish_stv.hpp)
};

/// The method names count() accepts (canonical spelling, "-" separated).
MINGA_EXPORT std::span<const std::string_view> count_method_names() noexcept;

/// How `method` reads raw marks unless told otherwise: RCTab's defaults (rules.hpp), except
/// irish-stv, which reads as the Act does (IrishStvOptions::ballots: a gap or an overvote ends a
/// paper, write-ins are passed over). count_spec_from_json() starts from it.
MINGA_EXPORT BallotInterpretation default_ballot_rules(std::string_view method);

/// Counts `election` by spec.method. Error(invalid_argument) for an unknown
/// method (naming the known ones) or an option the method cannot take
/// (share, quota, gregory_quota, decimals, batch or continue_until_two elsewhere; the nz-prn
/// tie-break outside meek, meek-exact and warren; ballot rules other than the
/// default for meek, meek-exact, warren and the pairwise methods, which read marks their own way);
/// the method's own errors otherwise.
MINGA_EXPORT Result count(const Election& election, const CountSpec& spec);

}  // namespace minga::ranked
