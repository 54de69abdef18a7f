// SPDX-License-Identifier: Apache-2.0
// src/capi/capi_ranked.cpp - the C ABI of ranked tallies (minga_ranked_*, minga_rctab_*): JSON in, JSON out.
//
// No decision logic here: the spec becomes a CountSpec (ranked/spec_json.hpp),
// ranked::count() runs it and the result is ranked::to_json(); an RCTab
// contest goes through rctab.hpp as `minga rctab` does. The one thing this
// door adds: a count stopped by a tie ("stop" policy) is MINGA_ETIE.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "capi/capi_internal.hpp"
#include "minga.h"
#include "minga/ranked/count.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/rctab_output.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/spec_json.hpp"

namespace {

// Error(tie) naming the tied candidates and the round where the count stopped.
[[noreturn]] void refuse_unresolved_tie(const char* fn, const minga::ranked::Result& result) {
  const minga::ranked::TieRecord& tie = *result.unresolved_tie;
  std::string tied;
  for (auto c : tie.tied) tied += (tied.empty() ? "" : ", ") + result.candidates.at(c);
  std::string where = result.rounds.empty() ? "" : " in round " + std::to_string(result.rounds.back().number);
  throw minga::Error(minga::Errc::tie,
                     std::string(fn) + ": " + result.method + ": a tie between " + tied + " (" +
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
    if (!result.complete()) refuse_unresolved_tie(fn, result);
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

int minga_rctab_tabulate(const char* config_path, char** summary_json, char** summary_csv, char** result_json) {
  constexpr const char* fn = "minga_rctab_tabulate";
  for (char** out : {summary_json, summary_csv, result_json})
    if (out != nullptr) *out = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(config_path, fn, "config_path");
    minga::capi::require(summary_json, fn, "summary_json");
    using namespace minga::ranked;
    const RctabContest contest = read_rctab_config(config_path);
    const minga::Election election = load_rctab_cvrs(contest);
    const Result result = tabulate_rctab(contest, election);
    if (!result.complete()) refuse_unresolved_tie(fn, result);
    std::string json = rctab_summary_json(contest, result);
    std::string csv = summary_csv ? rctab_summary_csv(contest, result) : std::string();
    std::string ours = result_json ? to_json(result, 2) : std::string();
    try {  // all or nothing: a failed copy (out of memory) leaves no buffer behind
      minga::capi::copy_out(json, summary_json, nullptr);
      if (summary_csv) minga::capi::copy_out(csv, summary_csv, nullptr);
      if (result_json) minga::capi::copy_out(ours, result_json, nullptr);
    } catch (...) {
      for (char** out : {summary_json, summary_csv, result_json})
        if (out != nullptr) {
          minga_free(*out);
          *out = nullptr;
        }
      throw;
    }
    return MINGA_OK;
  });
}

}  // extern "C"
