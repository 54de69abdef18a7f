// SPDX-License-Identifier: Apache-2.0
// src/quadratic/spec_json.cpp - quadratic voting rules and funding options from a JSON spec (C ABI and Python).
#include "minga/quadratic/spec_json.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "minga/core/error.hpp"

namespace minga {

namespace {

using nlohmann::json;

json parse_spec(std::string_view spec, const char* fn) {
  if (spec.empty()) return json::object();
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

}  // namespace

QvSpec qv_spec_from_json(std::string_view text, const char* fn) {
  QvSpec s;
  const json spec = parse_spec(text, fn);
  for (const auto& [raw, v] : spec.items()) {
    const std::string key = key_name(raw);
    if (v.is_null()) continue;
    if (key == "credits")
      s.rules.credits = integer_of(v, key);
    else if (key == "allow_negative")
      s.rules.allow_negative = bool_of(v, key);
    else if (key == "public")
      s.rules.publish_ballots = bool_of(v, key);
    else if (key == "cost_table" && v.is_array())
      for (const auto& c : v) s.rules.cost_table.push_back(integer_of(c, key));
    else if (key == "voter_credits" && v.is_object())
      for (const auto& [voter, c] : v.items()) s.rules.voter_credits[voter] = integer_of(c, key + "." + voter);
    else if (key == "options" && v.is_array())
      for (const auto& o : v) s.options.push_back(string_of(o, key));
    else if (key == "options_file")
      s.options_file = string_of(v, key);
    else
      throw Error(Errc::invalid_argument, std::string(fn) + ": unknown or malformed spec key '" + raw + "'");
  }
  return s;
}

QfOptions qf_spec_from_json(std::string_view text, const char* fn, Integer* vcf) {
  QfOptions o;
  bool has_pool = false;
  const json spec = parse_spec(text, fn);
  for (const auto& [raw, v] : spec.items()) {
    const std::string key = key_name(raw);
    if (v.is_null()) continue;
    if (key == "pool") {
      o.pool = integer_of(v, key);
      has_pool = true;
    } else if (key == "variant")
      o.variant = qf_variant_from_name(string_of(v, key));
    else if (key == "fit")
      o.fit = qf_fit_from_name(string_of(v, key));
    else if (key == "cap")
      o.cap = number_of(v, key);
    else if (key == "cap_amount")
      o.cap_amount = integer_of(v, key);
    else if (key == "m")
      o.pairwise_m = integer_of(v, key);
    else if (key == "sqrt_scale")
      o.sqrt_scale = integer_of(v, key);
    else if (key == "minimum")
      o.minimum_contribution = integer_of(v, key);
    else if (key == "alpha_precision")
      o.alpha_precision = integer_of(v, key);
    else if (key == "voice_credit_factor" && vcf)
      *vcf = integer_of(v, key);
    else if (key == "donor_coefficients" && v.is_object())
      for (const auto& [donor, c] : v.items()) o.donor_coefficients[donor] = number_of(c, key + "." + donor);
    else if (key == "clusters" && v.is_array())
      for (const auto& m : v) {
        if (!m.is_array() || m.size() < 2 || m.size() > 3)
          throw Error(Errc::invalid_argument,
                      "spec: clusters entries are [donor, cluster] or [donor, cluster, weight]");
        o.clusters.push_back(ClusterMembership{string_of(m[0], key), string_of(m[1], key),
                                               m.size() == 3 ? number_of(m[2], key) : Rational(1)});
      }
    else
      throw Error(Errc::invalid_argument, std::string(fn) + ": unknown or malformed spec key '" + raw + "'");
  }
  if (!has_pool) throw Error(Errc::invalid_argument, std::string(fn) + ": spec needs a \"pool\"");
  return o;
}

}  // namespace minga
