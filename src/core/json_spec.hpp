// SPDX-License-Identifier: Apache-2.0
// src/core/json_spec.hpp - reading the small JSON "spec" objects through which the C ABI and Python name a rule.
//
// Not installed. budget/spec_json.cpp and ranked/spec_json.cpp read their specs
// with it, so both refuse the same things the same way: every error is
// Error(invalid_argument) whose file is "<spec>" and whose field is the key
// ("<spec>: seats: must be a whole number 0..1000000, not \"2\""); text that is
// not JSON is Error(parse). A key given as null is "not given".
#pragma once

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "minga/core/error.hpp"
#include "minga/core/number.hpp"

namespace minga::detail {

/// Error(invalid_argument) about `key` of a spec.
[[noreturn]] inline void refuse_spec_key(std::string_view key, const std::string& reason) {
  throw Error(Errc::invalid_argument, Location{"<spec>", 0, std::string(key)}, reason);
}

/// Runs fn(); an Error(invalid_argument or parse) it throws (a name parser's "unknown quota 'x' (...)")
/// becomes Error(invalid_argument) about `key`, with the same reason.
template <class F>
auto about_spec_key(std::string_view key, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Error& e) {
    if (e.code() != Errc::invalid_argument && e.code() != Errc::parse) throw;
    refuse_spec_key(key, e.reason());
  }
}

/// A spec object whose keys must all be among `keys`. Every accessor returns nullopt
/// for an absent or null key and refuses a value of the wrong type.
class JsonSpec {
 public:
  /// Empty or blank text is the empty object.
  JsonSpec(std::string_view text, std::span<const std::string_view> keys) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      object_ = nlohmann::json::object();
      return;
    }
    object_ = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (object_.is_discarded()) throw Error(Errc::parse, Location{"<spec>", 0, {}}, "not valid JSON");
    if (!object_.is_object()) throw Error(Errc::invalid_argument, Location{"<spec>", 0, {}}, "not a JSON object");
    for (const auto& item : object_.items()) {
      if (std::find(keys.begin(), keys.end(), item.key()) != keys.end()) continue;
      std::string known;
      for (std::string_view k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
      refuse_spec_key(item.key(), "unknown key '" + item.key() + "' (known: " + known + ")");
    }
  }

  std::optional<std::string> text(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) refuse_spec_key(key, "must be a string, not " + v->dump());
    return v->get<std::string>();
  }

  /// A string, or an integer taken as its decimal digits (seeds are often integers).
  std::optional<std::string> text_or_integer(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v && v->is_number_integer()) return v->dump();
    return text(key);
  }

  std::optional<bool> flag(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) refuse_spec_key(key, "must be true or false, not " + v->dump());
    return v->get<bool>();
  }

  /// True when `key` is given as null (the accessors treat it as absent; a key can give null a meaning).
  bool is_null(std::string_view key) const {
    auto it = object_.find(std::string(key));
    return it != object_.end() && it->is_null();
  }

  /// The value of `key` when it is a string (nullopt for anything else, without refusing it).
  std::optional<std::string> if_text(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v || !v->is_string()) return std::nullopt;
    return v->get<std::string>();
  }

  /// A JSON integer in [low, high].
  std::optional<std::uint32_t> whole(std::string_view key, std::uint32_t low, std::uint32_t high) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    const bool fits = v->is_number_integer() &&
                      (v->is_number_unsigned() ? v->get<std::uint64_t>() >= low && v->get<std::uint64_t>() <= high
                                               : v->get<std::int64_t>() >= low && v->get<std::int64_t>() <= high);
    if (!fits)
      refuse_spec_key(key, "must be a whole number " + std::to_string(low) + ".." + std::to_string(high) + ", not " +
                               v->dump());
    return static_cast<std::uint32_t>(v->get<std::uint64_t>());
  }

  /// An exact value: a string ("1500.50", "1/3") or a JSON integer. A JSON number with a
  /// fraction or an exponent is refused: it may not be exact.
  std::optional<Rational> exact(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (v->is_string()) return about_spec_key(key, [&] { return parse_decimal(v->get<std::string>(), key); });
    if (v->is_number_integer()) return parse_decimal(v->dump(), key);
    refuse_spec_key(key, "must be exact: a string such as \"1500.50\" or \"1/3\", or an integer, not " + v->dump());
  }

 private:
  const nlohmann::json* find(std::string_view key) const {
    auto it = object_.find(std::string(key));
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  nlohmann::json object_;
};

}  // namespace minga::detail
