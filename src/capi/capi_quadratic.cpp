// SPDX-License-Identifier: Apache-2.0
// src/capi/capi_quadratic.cpp - the C ABI of quadratic voting and funding (minga_qv_*, minga_qf_*): spec JSON in,
// result JSON out.
//
// No decision logic here: the spec becomes QvRules / QfOptions, the library
// validates, tallies or matches, and the result is qv_result_to_json() or
// qf_result_to_json(). Unknown spec keys fail with MINGA_EINVAL naming them.
#include <fstream>
#include <string>
#include <string_view>

#include "capi/capi_internal.hpp"
#include "minga.h"
#include "minga/quadratic/funding.hpp"
#include "minga/quadratic/spec_json.hpp"
#include "minga/quadratic/voting.hpp"

extern "C" {

int minga_qv_tally(const minga_election* election, const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_qv_tally";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(election, fn, "election");
    minga::capi::require(result_json, fn, "result_json");
    const auto spec = minga::qv_spec_from_json(spec_json ? spec_json : "", fn);
    minga::capi::copy_out(minga::qv_result_to_json(minga::tally_qv(election->election, spec.rules), 2), result_json,
                          nullptr);
    return MINGA_OK;
  });
}

int minga_qv_tally_rows(size_t n_rows, const char* const* voters, const char* const* options, const int64_t* votes,
                        const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_qv_tally_rows";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(result_json, fn, "result_json");
    if (n_rows > 0) {
      minga::capi::require(voters, fn, "voters");
      minga::capi::require(options, fn, "options");
      minga::capi::require(votes, fn, "votes");
    }
    const auto spec = minga::qv_spec_from_json(spec_json ? spec_json : "", fn);
    minga::QvInput input;
    input.source = "<rows>";
    for (size_t i = 0; i < n_rows; ++i) {
      if (voters[i] == nullptr || options[i] == nullptr)
        throw minga::Error(minga::Errc::invalid_argument,
                           std::string(fn) + ": row " + std::to_string(i) + " has a NULL id");
      input.rows.push_back(minga::QvRow{voters[i], options[i], std::to_string(votes[i]), {}, i + 1});
    }
    for (const auto& id : spec.options) input.options.push_back(minga::Alternative{id, {}, {}, false, {}});
    if (!spec.options_file.empty()) input.options = minga::read_qv_options(spec.options_file);
    auto result = minga::tally_qv(minga::validate_qv(input, spec.rules), spec.rules);
    minga::capi::copy_out(minga::qv_result_to_json(result, 2), result_json, nullptr);
    return MINGA_OK;
  });
}

int minga_qv_tally_file(const char* path, const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_qv_tally_file";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(path, fn, "path");
    minga::capi::require(result_json, fn, "result_json");
    const auto spec = minga::qv_spec_from_json(spec_json ? spec_json : "", fn);
    minga::QvInput input = minga::read_qv_rows(path);
    for (const auto& id : spec.options) input.options.push_back(minga::Alternative{id, {}, {}, false, {}});
    if (!spec.options_file.empty()) input.options = minga::read_qv_options(spec.options_file);
    auto result = minga::tally_qv(minga::validate_qv(input, spec.rules), spec.rules);
    minga::capi::copy_out(minga::qv_result_to_json(result, 2), result_json, nullptr);
    return MINGA_OK;
  });
}

int minga_qf_match(size_t n, const char* const* donors, const char* const* projects, const char* const* amounts,
                   const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_qf_match";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(result_json, fn, "result_json");
    if (n > 0) {
      minga::capi::require(donors, fn, "donors");
      minga::capi::require(projects, fn, "projects");
      minga::capi::require(amounts, fn, "amounts");
    }
    const minga::QfOptions options = minga::qf_spec_from_json(spec_json ? spec_json : "", fn, nullptr);
    minga::Contributions c;
    c.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (donors[i] == nullptr || projects[i] == nullptr || amounts[i] == nullptr)
        throw minga::Error(minga::Errc::invalid_argument,
                           std::string(fn) + ": contribution " + std::to_string(i) + " has a NULL field");
      minga::Integer amount;
      try {
        amount = minga::parse_integer(amounts[i], "amount");
      } catch (const minga::Error& e) {
        throw minga::Error(minga::Errc::invalid_argument,
                           std::string(fn) + ": contribution " + std::to_string(i) + ": " + e.reason());
      }
      c.add(donors[i], projects[i], amount);
    }
    minga::capi::copy_out(minga::qf_result_to_json(minga::match_qf(c, options), 2), result_json, nullptr);
    return MINGA_OK;
  });
}

int minga_qf_match_file(const char* path, const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_qf_match_file";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(path, fn, "path");
    minga::capi::require(result_json, fn, "result_json");
    minga::Integer vcf = 0;
    minga::QfOptions options = minga::qf_spec_from_json(spec_json ? spec_json : "", fn, &vcf);
    minga::QfResult result;
    if (minga::is_maci_tally_file(path)) {
      if (vcf == 0)
        throw minga::Error(minga::Errc::invalid_argument,
                           std::string(fn) + ": a MACI tally needs \"voice_credit_factor\"");
      result = minga::fit_qf(minga::maci_subsidies(minga::read_maci_tally(path), vcf), options);
    } else {
      result = minga::match_qf(minga::read_contributions(path), options);
    }
    minga::capi::copy_out(minga::qf_result_to_json(result, 2), result_json, nullptr);
    return MINGA_OK;
  });
}

}  // extern "C"
