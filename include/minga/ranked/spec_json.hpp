// SPDX-License-Identifier: Apache-2.0
// minga/ranked/spec_json.hpp - a CountSpec from a small JSON object: how the C ABI and Python name a ranked count.
//
// The C ABI (minga_ranked_count) and the Python module (minga.tally) take the
// method and its options as one JSON object, read here, so every door accepts
// exactly the same options. Every key is optional; null means "not given" (except for
// "max_skipped", where null means no limit); an unknown key is an error naming it.
//
//   "method"              a name of count_method_names() (count.hpp; "_" and
//                         "-" alike, "stv" = "wigm"); default "irv"
//   "seats"               integer 0..1000000; default the election's seats, else 1
//   ballot rules (rules.hpp), starting from default_ballot_rules(method) (count.hpp):
//   RCTab's defaults in brackets; irish-stv reads as the Act does (max_skipped 0, write_ins skip):
//   "overvote"            "exhaust_immediately" | "skip_to_next_rank" |
//                         "exhaust_if_multiple_continuing"  [exhaust_immediately]
//   "max_skipped"         consecutive skipped ranks tolerated, integer 0..1000000, or
//                         "unlimited" (also null): no limit, whatever the method's reading.
//                         Left out, the method's reading holds  [unlimited; irish-stv 0]
//   "duplicate"           "skip" | "exhaust"  [skip]
//   "max_rankings"        ranks a voter may use, integer 1..1000000  [no limit]
//   "write_ins"           "candidate" | "skip"  [candidate]
//   "write_in_always_present"  true: the write-in pseudo-candidate takes part
//                         even when no ballot has a write-in  [false]
//   ties (tiebreak.hpp):
//   "tie_break"           "[backwards,|forwards,|aafd,]stop | candidate-order | random |
//                         rctab-random | rctab-permutation | lot-order | nz-prn", or
//                         "new-zealand" (= "aafd,nz-prn": Schedule 1A's rule; nz-prn with
//                         meek, meek-exact and warren only)
//                         [the method's default: stop; scottish-stv and irish-stv look back first]
//   "seed"                the published seed of a random tie-break (a string;
//                         an integer is taken as its decimal digits)
//   method options (count() refuses them for other methods):
//   "batch"               irv, sequential-irv, bottoms-up: batch elimination  [false]
//   "continue_until_two"  irv, sequential-irv  [false]
//   "share"               bottoms-up: winners once all have this share of the
//                         votes, exact, 0 < share <= 1 ("3/20", "0.15")
//   "quota"               wigm: "droop" | "hagenbach-bischoff" (also "hb") | "hare" |
//                         "exact-droop"  [droop]; gregory: "droop" | "hare" | "hb" |
//                         "dynamic" (gregory_stv.hpp)  [droop]
//   "decimals"            wigm: places kept in transfer values, integer 0..20  [4];
//                         gregory: fixed-point places  [exact rationals]
//   "paper_seed"          irish-stv: mix the papers with this published seed before
//                         the first count  [papers filed in input order]
//
// The keys are minga.tally's keyword arguments and `minga tally`'s options
// ("max-skipped" there). Exact values are strings or JSON integers; a JSON
// number with a fraction or exponent is refused (it may not be exact).
//
// Errors: Error(invalid_argument) whose location is file "<spec>" and field =
// the key, with the known values where a name is unknown
// ("<spec>: quota: unknown quota \"x\" (accepted: droop, hagenbach-bischoff, hare, exact-droop)");
// Error(parse) for text that is not JSON. An unknown method is count()'s error.
#pragma once

#include "minga/export.h"

#include <string_view>

#include "minga/ranked/count.hpp"

namespace minga::ranked {

/// The CountSpec `json` describes (empty text or "{}" = CountSpec{}: IRV with every default).
MINGA_EXPORT CountSpec count_spec_from_json(std::string_view json);

}  // namespace minga::ranked
