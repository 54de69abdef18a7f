// SPDX-License-Identifier: Apache-2.0
// src/verify/manifest.cpp - election manifest: validation, canonical JSON, H_B (see the header).
#include "minga/verify/manifest.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "minga/core/error.hpp"
#include "minga/verify/hash.hpp"
#include "minga/verify/proofs.hpp"

namespace minga::verify {
namespace {

using nlohmann::json;

constexpr const char* kSchema = "minga.manifest/1";
constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxTextLength = 256;

[[noreturn]] void invalid(const std::string& field, const std::string& reason) {
  throw Error(Errc::invalid_argument, Location{"<manifest>", 0, field}, reason);
}
[[noreturn]] void malformed(const std::string& field, const std::string& reason) {
  throw_parse_error(Location{"<manifest>", 0, field}, reason);
}

void check_id(const std::string& id, const std::string& field) {
  if (!is_valid_id(id)) invalid(field, "an id has 1 to 64 characters of A-Z a-z 0-9 . _ -");
}

void check_text(const std::string& text, const std::string& field) {
  if (text.size() > kMaxTextLength) invalid(field, "longer than 256 bytes");
  try {
    (void)json(text).dump();  // throws on invalid UTF-8
  } catch (const json::exception&) {
    invalid(field, "not valid UTF-8");
  }
}

void check_contest(const ManifestContest& c, const std::string& at) {
  check_id(c.id, at + ".id");
  check_text(c.title, at + ".title");
  const std::uint64_t n = c.options.size();
  if (n == 0) invalid(at + ".options", "a contest has at least one option");
  if (n > kMaxRangeBound) invalid(at + ".options", "more than 4096 options");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < c.options.size(); ++i) {
    const std::string field = at + ".options[" + std::to_string(i + 1) + "]";
    check_id(c.options[i].id, field + ".id");
    check_text(c.options[i].label, field + ".label");
    if (!ids.insert(c.options[i].id).second) invalid(field + ".id", "repeats option id \"" + c.options[i].id + "\"");
  }
  const std::uint64_t r = c.option_range, l = c.selection_limit;
  if (c.kind == ContestKind::ranked) {
    if (r < 1 || r > n) invalid(at + ".option_range", "ranked: option_range is the number of ranks, 1..options");
    if (n * r > kMaxRangeBound) invalid(at + ".options", "ranked: options x ranks is at most 4096");
    if (l != r) invalid(at + ".selection_limit", "ranked: selection_limit equals option_range (the number of ranks)");
    return;
  }
  if (c.kind == ContestKind::quadratic) {
    if (r < 1 || r > kMaxQuadraticVotes)
      invalid(at + ".option_range", "quadratic: option_range is V (votes -V..V), 1..64");
    if (l < r * r || l > kMaxBudget)
      invalid(at + ".selection_limit", "quadratic: selection_limit is the credit budget C, V^2..4294967295");
    return;
  }
  const bool yes_no =
      c.kind == ContestKind::plurality || c.kind == ContestKind::approval || c.kind == ContestKind::budgeting_approval;
  if (yes_no && r != 1) invalid(at + ".option_range", std::string(contest_kind_name(c.kind)) + " has option_range 1");
  if (r < 1 || r > kMaxRangeBound) invalid(at + ".option_range", "option_range is 1..4096");
  if (c.kind == ContestKind::plurality && l != 1) invalid(at + ".selection_limit", "plurality has selection_limit 1");
  const std::uint64_t most = n * r;
  if (l < 1 || l > most || l > kMaxRangeBound)
    invalid(at + ".selection_limit", "selection_limit is 1.." +
                                         std::to_string(std::min<std::uint64_t>(most, kMaxRangeBound)) +
                                         " (options x option_range, at most 4096)");
  if (c.kind == ContestKind::score && l < r)
    invalid(at + ".selection_limit", "score needs selection_limit >= option_range");
}

const json& member(const json& j, const char* key, const std::string& at) {
  if (!j.contains(key)) malformed(at + key, "missing key");
  return j.at(key);
}
std::string text_member(const json& j, const char* key, const std::string& at) {
  const json& v = member(j, key, at);
  if (!v.is_string()) malformed(at + key, "expected a string");
  return v.get<std::string>();
}
std::uint64_t count_member(const json& j, const char* key, const std::string& at) {
  const json& v = member(j, key, at);
  if (!v.is_number_unsigned()) malformed(at + key, "expected a non-negative integer");
  return v.get<std::uint64_t>();
}
void only_keys(const json& j, std::initializer_list<const char*> keys, const std::string& at) {
  if (!j.is_object()) malformed(at.empty() ? "" : at.substr(0, at.size() - 1), "expected a JSON object");
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (const char* k : keys) known = known || key == k;
    if (!known) malformed(at + key, "unknown key");
  }
}

ContestKind parse_kind(const std::string& name, const std::string& field) {
  for (ContestKind k : {ContestKind::plurality, ContestKind::approval, ContestKind::budgeting_approval,
                        ContestKind::score, ContestKind::cumulative, ContestKind::ranked, ContestKind::quadratic})
    if (name == contest_kind_name(k)) return k;
  malformed(field, "unknown contest kind \"" + name + "\"");
}

}  // namespace

bool is_valid_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char ch : id) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                    ch == '_' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

const char* contest_kind_name(ContestKind kind) noexcept {
  switch (kind) {
    case ContestKind::plurality: return "plurality";
    case ContestKind::approval: return "approval";
    case ContestKind::budgeting_approval: return "budgeting_approval";
    case ContestKind::score: return "score";
    case ContestKind::cumulative: return "cumulative";
    case ContestKind::ranked: return "ranked";
    case ContestKind::quadratic: return "quadratic";
  }
  return "?";
}

std::size_t contest_ciphertext_count(const ManifestContest& c) noexcept {
  switch (c.kind) {
    case ContestKind::ranked: return c.options.size() * c.option_range;
    case ContestKind::quadratic: return 2 * c.options.size();
    default: return c.options.size();
  }
}

std::size_t contest_result_count(const ManifestContest& c) noexcept {
  return c.kind == ContestKind::ranked || c.kind == ContestKind::quadratic ? 2 * c.options.size() : c.options.size();
}

std::string contest_result_id(const ManifestContest& c, std::size_t result) {
  const std::size_t n = c.options.size();
  const std::string& id = c.options.at(result % n).id;
  if (c.kind == ContestKind::ranked) return id + (result < n ? ".first" : ".borda");
  if (c.kind == ContestKind::quadratic) return id + (result < n ? ".votes" : ".credits");
  return c.options.at(result).id;
}

void Manifest::validate() const {
  check_id(election_id, "election_id");
  check_text(title, "title");
  if (contests.empty()) invalid("contests", "a manifest has at least one contest");
  if (contests.size() > kMaxRangeBound) invalid("contests", "more than 4096 contests");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < contests.size(); ++i) {
    const std::string at = "contests[" + std::to_string(i + 1) + "]";
    check_contest(contests[i], at);
    if (!ids.insert(contests[i].id).second) invalid(at + ".id", "repeats contest id \"" + contests[i].id + "\"");
  }
}

std::string Manifest::canonical_json() const {
  validate();
  json cs = json::array();
  for (const ManifestContest& c : contests) {
    json os = json::array();
    for (const ManifestOption& o : c.options) os.push_back({{"id", o.id}, {"label", o.label}});
    cs.push_back({{"id", c.id},
                  {"title", c.title},
                  {"kind", contest_kind_name(c.kind)},
                  {"option_range", c.option_range},
                  {"selection_limit", c.selection_limit},
                  {"options", std::move(os)}});
  }
  const json j = {{"schema", kSchema}, {"election_id", election_id}, {"title", title}, {"contests", std::move(cs)}};
  return j.dump();  // std::map keys: sorted; compact
}

Manifest Manifest::from_json(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    malformed("", std::string("malformed JSON: ") + e.what());
  }
  only_keys(j, {"schema", "election_id", "title", "contests"}, "");
  if (text_member(j, "schema", "") != kSchema) malformed("schema", "expected \"minga.manifest/1\"");
  Manifest m;
  m.election_id = text_member(j, "election_id", "");
  m.title = text_member(j, "title", "");
  const json& cs = member(j, "contests", "");
  if (!cs.is_array()) malformed("contests", "expected an array");
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const std::string at = "contests[" + std::to_string(i + 1) + "].";
    only_keys(cs[i], {"id", "title", "kind", "option_range", "selection_limit", "options"}, at);
    ManifestContest c;
    c.id = text_member(cs[i], "id", at);
    c.title = text_member(cs[i], "title", at);
    c.kind = parse_kind(text_member(cs[i], "kind", at), at + "kind");
    c.option_range = count_member(cs[i], "option_range", at);
    c.selection_limit = count_member(cs[i], "selection_limit", at);
    const json& os = member(cs[i], "options", at);
    if (!os.is_array()) malformed(at + "options", "expected an array");
    for (std::size_t k = 0; k < os.size(); ++k) {
      const std::string oat = at + "options[" + std::to_string(k + 1) + "].";
      only_keys(os[k], {"id", "label"}, oat);
      c.options.push_back({text_member(os[k], "id", oat), text_member(os[k], "label", oat)});
    }
    m.contests.push_back(std::move(c));
  }
  m.validate();
  return m;
}

Bytes32 Manifest::hash(const Bytes32& parameter_hash) const {
  return Transcript(parameter_hash, Tag::manifest).text(canonical_json()).h32();
}

std::size_t Manifest::selection_count() const noexcept {
  std::size_t n = 0;
  for (const ManifestContest& c : contests) n += contest_ciphertext_count(c);
  return n;
}

}  // namespace minga::verify
