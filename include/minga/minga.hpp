// SPDX-License-Identifier: Apache-2.0
// minga/minga.hpp - the whole C++ API in one include.
//
// minga::Election   what an election file holds: alternatives, rules, budget, seats, Profile
// minga::Profile    distinct (stratum, ballot) -> count; streaming, mergeable, compact
// minga::read_election / write_election   every format (minga/io/format.hpp)
// minga::Rational / Integer               exact numbers (minga/core/number.hpp)
// minga::SeededRandom                     reproducible draws from a published seed
// minga::Error                            the one exception type (code + file:line: field: reason)
#pragma once

#include "minga/ballot/ballot.hpp"
#include "minga/ballot/election.hpp"
#include "minga/ballot/profile.hpp"
#include "minga/budget/allocation.hpp"
#include "minga/budget/analysis.hpp"
#include "minga/budget/equal_shares.hpp"
#include "minga/budget/greedy.hpp"
#include "minga/budget/instance.hpp"
#include "minga/budget/knapsack.hpp"
#include "minga/budget/phragmen.hpp"
#include "minga/budget/rule.hpp"
#include "minga/budget/tie_break.hpp"
#include "minga/core/error.hpp"
#include "minga/core/number.hpp"
#include "minga/core/random.hpp"
#include "minga/io/format.hpp"
#include "minga/quadratic/funding.hpp"
#include "minga/quadratic/spec_json.hpp"
#include "minga/quadratic/voting.hpp"
#include "minga/version.h"
