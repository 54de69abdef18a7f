// SPDX-License-Identifier: Apache-2.0
// src/capi/capi_ranked.cpp - the C ABI of ranked tallies (minga_ranked_*): spec JSON in, result JSON out.
//
// No decision logic here: the spec becomes a CountSpec (ranked/spec_json.hpp),
// ranked::count() runs it and the result is ranked::to_json(). The one thing
// this door adds: a count stopped by a tie ("stop" policy) is MINGA_ETIE.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "capi/capi_internal.hpp"
#include "minga.h"
#include "minga/ranked/count.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/spec_json.hpp"

namespace {

// Error(tie) naming the tied candidates and the round where the count stopped.
[[noreturn]] void refuse_unresolved_tie(const minga::ranked::Result& result) {
  const minga::ranked::TieRecord& tie = *result.unresolved_tie;
  std::string tied;
  for (auto c : tie.tied) tied += (tied.empty() ? "" : ", ") + result.candidates.at(c);
  std::string where = result.rounds.empty() ? "" : " in round " + std::to_string(result.rounds.back().number);
  throw minga::Error(minga::Errc::tie,
                     "minga_ranked_count: " + result.method + ": a tie between " + tied + " (" +
                         (tie.for_exclusion ? "whom to exclude" : "whom to elect") + ")" + where +
                         " stopped the count (tie-break policy 'stop'); name a \"tie_break\" that settles it, such as "
                         "\"candidate-order\", or \"random\" with a \"seed\"");
}

}  // namespace

extern "C" {

int minga_ranked_count(const minga_election* election, const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_ranked_count";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(election, fn, "election");
    minga::capi::require(result_json, fn, "result_json");
    using namespace minga::ranked;
    const CountSpec spec = count_spec_from_json(spec_json ? std::string_view(spec_json) : "");
    const Result result = count(election->election, spec);
    if (!result.complete()) refuse_unresolved_tie(result);
    minga::capi::copy_out(to_json(result, 2), result_json, nullptr);
    return MINGA_OK;
  });
}

int minga_ranked_methods(char** methods_json) {
  constexpr const char* fn = "minga_ranked_methods";
  if (methods_json != nullptr) *methods_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(methods_json, fn, "methods_json");
    nlohmann::json names = nlohmann::json::array();
    for (std::string_view name : minga::ranked::count_method_names()) names.push_back(std::string(name));
    minga::capi::copy_out(names.dump(), methods_json, nullptr);
    return MINGA_OK;
  });
}

}  // extern "C"
