// SPDX-License-Identifier: Apache-2.0
// minga/quadratic/spec_json.hpp - quadratic voting rules and funding options as a JSON spec (one reader for the C ABI
// and Python).
//
// The keys are listed in minga.h (minga_qv_* and minga_qf_*); "-" and "_" are the same in
// names, null means "not given", exact numbers are strings ("1/5", "0.2") or JSON integers,
// and an unknown key is Error(invalid_argument) naming it. Text that is not JSON is Error(parse).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "minga/export.h"
#include "minga/quadratic/funding.hpp"
#include "minga/quadratic/voting.hpp"

namespace minga {

/// A quadratic voting spec: the rules plus the poll's options when given.
struct QvSpec {
  QvRules rules;
  std::vector<std::string> options;  ///< option ids ("options"); empty = those the ballots name
  std::string options_file;          ///< "options_file"
};

/// `function` names the caller in messages. "" means an empty spec.
MINGA_EXPORT QvSpec qv_spec_from_json(std::string_view spec, const char* function);
/// "pool" is required. `voice_credit_factor` receives "voice_credit_factor" when not null (else the key is refused).
MINGA_EXPORT QfOptions qf_spec_from_json(std::string_view spec, const char* function, Integer* voice_credit_factor);

}  // namespace minga
