// SPDX-License-Identifier: Apache-2.0
// src/capi/capi_quadratic.cpp - the C ABI of quadratic voting and funding (minga_qv_*, minga_qf_*): spec JSON in, result JSON out.
//
// No decision logic here: the spec becomes QvRules / QfOptions, the library
// validates, tallies or matches, and the result is qv_result_to_json() or
// qf_result_to_json(). Unknown spec keys fail with MINGA_EINVAL naming them.
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "capi/capi_internal.hpp"
#include "minga.h"
#include "minga/quadratic/funding.hpp"
#include "minga/quadratic/voting.hpp"

namespace minga::capi {
namespace {

using nlohmann::json;

json parse_spec(const char* spec, const char* fn) {
  if (spec == nullptr || *spec == 0) return json::object();
  json j;
  try {
    j = json::parse(spec);
  } catch (const json::exception& e) {
    throw Error(Errc::parse, std::string(fn) + ": spec is not JSON: " + e.what());
  }
  if (!j.is_object()) throw Error(Errc::invalid_argument, std::string(fn) + ": spec must be a JSON object");
  return j;
}

std::string key_name(std::string key) {
  for (auto& c : key)
    if (c == '-') c = '_';
  return key;
}

/// An exact number given as a string or a JSON number.
Rational number_of(const json& v, const std::string& key) {
  if (v.is_number_integer()) return Rational(Integer(v.dump()));
  if (v.is_string()) {
    try {
      return parse_decimal(v.get<std::string>(), key);
    } catch (const Error& e) {
      throw Error(Errc::invalid_argument, "spec: " + key + ": " + e.reason());
    }
  }
  throw Error(Errc::invalid_argument, "spec: " + key + " must be a string or an integer");
}

Integer integer_of(const json& v, const std::string& key) {
  Rational r = number_of(v, key);
  if (!is_integer(r)) throw Error(Errc::invalid_argument, "spec: " + key + " must be an integer");
  return boost::multiprecision::numerator(r);
}

bool bool_of(const json& v, const std::string& key) {
  if (!v.is_boolean()) throw Error(Errc::invalid_argument, "spec: " + key + " must be true or false");
  return v.get<bool>();
}

std::string string_of(const json& v, const std::string& key) {
  if (!v.is_string()) throw Error(Errc::invalid_argument, "spec: " + key + " must be a string");
  return v.get<std::string>();
}

struct QvSpec {
  QvRules rules;
  std::vector<std::string> options;
  std::string options_file;
};

QvSpec qv_spec(const char* text, const char* fn) {
  QvSpec s;
  const json spec = parse_spec(text, fn);
  for (const auto& [raw, v] : spec.items()) {
    const std::string key = key_name(raw);
    if (v.is_null()) continue;
    if (key == "credits") s.rules.credits = integer_of(v, key);
    else if (key == "allow_negative") s.rules.allow_negative = bool_of(v, key);
    else if (key == "public") s.rules.publish_ballots = bool_of(v, key);
    else if (key == "cost_table" && v.is_array())
      for (const auto& c : v) s.rules.cost_table.push_back(integer_of(c, key));
    else if (key == "voter_credits" && v.is_object())
      for (const auto& [voter, c] : v.items()) s.rules.voter_credits[voter] = integer_of(c, key + "." + voter);
    else if (key == "options" && v.is_array())
      for (const auto& o : v) s.options.push_back(string_of(o, key));
    else if (key == "options_file") s.options_file = string_of(v, key);
    else throw Error(Errc::invalid_argument, std::string(fn) + ": unknown or malformed spec key '" + raw + "'");
  }
  return s;
}

QfOptions qf_spec(const char* text, const char* fn, Integer* vcf) {
  QfOptions o;
  bool has_pool = false;
  const json spec = parse_spec(text, fn);
  for (const auto& [raw, v] : spec.items()) {
    const std::string key = key_name(raw);
    if (v.is_null()) continue;
    if (key == "pool") {
      o.pool = integer_of(v, key);
      has_pool = true;
    } else if (key == "variant") o.variant = qf_variant_from_name(string_of(v, key));
    else if (key == "fit") o.fit = qf_fit_from_name(string_of(v, key));
    else if (key == "cap") o.cap = number_of(v, key);
    else if (key == "cap_amount") o.cap_amount = integer_of(v, key);
    else if (key == "m") o.pairwise_m = integer_of(v, key);
    else if (key == "sqrt_scale") o.sqrt_scale = integer_of(v, key);
    else if (key == "minimum") o.minimum_contribution = integer_of(v, key);
    else if (key == "alpha_precision") o.alpha_precision = integer_of(v, key);
    else if (key == "voice_credit_factor" && vcf) *vcf = integer_of(v, key);
    else if (key == "donor_coefficients" && v.is_object())
      for (const auto& [donor, c] : v.items()) o.donor_coefficients[donor] = number_of(c, key + "." + donor);
    else if (key == "clusters" && v.is_array())
      for (const auto& m : v) {
        if (!m.is_array() || m.size() < 2 || m.size() > 3)
          throw Error(Errc::invalid_argument, "spec: clusters entries are [donor, cluster] or [donor, cluster, weight]");
        o.clusters.push_back(ClusterMembership{string_of(m[0], key), string_of(m[1], key), m.size() == 3 ? number_of(m[2], key) : Rational(1)});
      }
    else throw Error(Errc::invalid_argument, std::string(fn) + ": unknown or malformed spec key '" + raw + "'");
  }
  if (!has_pool) throw Error(Errc::invalid_argument, std::string(fn) + ": spec needs a \"pool\"");
  return o;
}

}  // namespace
}  // namespace minga::capi

extern "C" {

int minga_qv_tally(const minga_election* election, const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_qv_tally";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(election, fn, "election");
    minga::capi::require(result_json, fn, "result_json");
    const auto spec = minga::capi::qv_spec(spec_json, fn);
    minga::capi::copy_out(minga::qv_result_to_json(minga::tally_qv(election->election, spec.rules), 2), result_json, nullptr);
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
    const auto spec = minga::capi::qv_spec(spec_json, fn);
    minga::QvInput input;
    input.source = "<rows>";
    for (size_t i = 0; i < n_rows; ++i) {
      if (voters[i] == nullptr || options[i] == nullptr)
        throw minga::Error(minga::Errc::invalid_argument, std::string(fn) + ": row " + std::to_string(i) + " has a NULL id");
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
    const auto spec = minga::capi::qv_spec(spec_json, fn);
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
    const minga::QfOptions options = minga::capi::qf_spec(spec_json, fn, nullptr);
    minga::Contributions c;
    c.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (donors[i] == nullptr || projects[i] == nullptr || amounts[i] == nullptr)
        throw minga::Error(minga::Errc::invalid_argument, std::string(fn) + ": contribution " + std::to_string(i) + " has a NULL field");
      minga::Integer amount;
      try {
        amount = minga::parse_integer(amounts[i], "amount");
      } catch (const minga::Error& e) {
        throw minga::Error(minga::Errc::invalid_argument, std::string(fn) + ": contribution " + std::to_string(i) + ": " + e.reason());
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
    minga::QfOptions options = minga::capi::qf_spec(spec_json, fn, &vcf);
    minga::QfResult result;
    if (minga::is_maci_tally_file(path)) {
      if (vcf == 0) throw minga::Error(minga::Errc::invalid_argument, std::string(fn) + ": a MACI tally needs \"voice_credit_factor\"");
      result = minga::fit_qf(minga::maci_subsidies(minga::read_maci_tally(path), vcf), options);
    } else {
      result = minga::match_qf(minga::read_contributions(path), options);
    }
    minga::capi::copy_out(minga::qf_result_to_json(result, 2), result_json, nullptr);
    return MINGA_OK;
  });
}

}  // extern "C"
