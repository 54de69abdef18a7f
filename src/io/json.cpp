// SPDX-License-Identifier: Apache-2.0
// src/io/json.cpp - every ballot model as JSON, schema "minga.election/1" (docs/formats.md).
#include <istream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>

#include "minga/io/format.hpp"

namespace minga {

namespace {

using nlohmann::json;
constexpr const char* kSchema = "minga.election/1";

// ---- writing --------------------------------------------------------------------

json key_values(const KeyValues& kv) {
  json out = json::array();
  for (const auto& [k, v] : kv) out.push_back(json::array({k, v}));
  return out;
}

json rules_json(const BallotRules& r) {
  json out = json::object();
  if (r.min_length) out["min_length"] = *r.min_length;
  if (r.max_length) out["max_length"] = *r.max_length;
  if (r.min_total_cost) out["min_total_cost"] = to_exact_string(*r.min_total_cost);
  if (r.max_total_cost) out["max_total_cost"] = to_exact_string(*r.max_total_cost);
  if (r.min_points) out["min_points"] = to_exact_string(*r.min_points);
  if (r.max_points) out["max_points"] = to_exact_string(*r.max_points);
  if (r.min_total_points) out["min_total_points"] = to_exact_string(*r.min_total_points);
  if (r.max_total_points) out["max_total_points"] = to_exact_string(*r.max_total_points);
  if (r.credits) out["credits"] = r.credits->str();
  return out;
}

json mark_json(const Election& e, std::uint32_t mark) {
  if (mark == Mark::overvote) return json{{"token", "overvote"}};
  if (mark == Mark::write_in) return json{{"token", "write-in"}};
  return e.alternatives[mark].id;
}

json ballot_json(const Election& e, std::size_t entry) {
  const Profile& p = e.profile;
  json b = json::object();
  b["count"] = p.count(entry);
  if (p.stratum_of(entry) != 0) b["stratum"] = p.stratum_of(entry);
  switch (p.kind()) {
    case BallotKind::approval: {
      std::vector<AlternativeIndex> ids;
      p.approval(entry, ids);
      json a = json::array();
      for (auto i : ids) a.push_back(e.alternatives[i].id);
      b["approve"] = std::move(a);
      break;
    }
    case BallotKind::ranked: {
      Ranking r;
      p.ranking(entry, r);
      json ranks = json::array();
      for (std::size_t k = 0; k < r.num_positions(); ++k) {
        json at = json::array();
        for (auto i = r.position_begin[k]; i < r.position_begin[k + 1]; ++i) at.push_back(mark_json(e, r.marks[i]));
        ranks.push_back(std::move(at));
      }
      b["rank"] = std::move(ranks);
      break;
    }
    case BallotKind::score: {
      std::vector<Score> scores;
      p.scores(entry, scores);
      json s = json::array();
      for (const auto& x : scores) s.push_back(json::array({e.alternatives[x.alternative].id, to_exact_string(x.points)}));
      b["scores"] = std::move(s);
      break;
    }
    case BallotKind::quadratic: {
      std::vector<QuadraticVote> votes;
      p.quadratic(entry, votes);
      json v = json::array();
      for (const auto& x : votes) v.push_back(json::array({e.alternatives[x.alternative].id, x.votes}));
      b["votes"] = std::move(v);
      break;
    }
  }
  return b;
}

// ---- reading --------------------------------------------------------------------

struct Reader {
  const std::string& name;

  [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
    throw_parse_error(Location{name, 0, path}, reason);
  }
  const json& need(const json& obj, const char* key, const std::string& path) const {
    auto it = obj.find(key);
    if (it == obj.end()) fail(path, std::string("missing key '") + key + "'");
    return *it;
  }
  std::string text(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, "expected a string");
    return v.get<std::string>();
  }
  std::uint64_t count(const json& v, const std::string& path) const {
    if (!v.is_number_unsigned()) {
      if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
      fail(path, "expected a non-negative integer");
    }
    return v.get<std::uint64_t>();
  }
  std::int64_t integer(const json& v, const std::string& path) const {
    if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX)) return v.get<std::int64_t>();
    fail(path, "expected an integer that fits in 64 bits");
  }
  Rational number(const json& v, const std::string& path) const {
    try {
      if (v.is_string()) return parse_decimal(v.get<std::string>(), "number");
      if (v.is_number_integer()) return v.is_number_unsigned() ? Rational(Integer(v.get<std::uint64_t>())) : Rational(Integer(v.get<std::int64_t>()));
    } catch (const Error& e) {
      throw Error(e.code(), Location{name, 0, path}, e.reason());
    }
    fail(path, "expected an exact number as a string (\"12.5\", \"1/3\") or an integer");
  }
  KeyValues key_values(const json& v, const std::string& path) const {
    KeyValues out;
    if (v.is_object()) {  // accepted for convenience; order then is the object's
      for (auto it = v.begin(); it != v.end(); ++it) out.emplace_back(it.key(), text(it.value(), path + "." + it.key()));
      return out;
    }
    if (!v.is_array()) fail(path, "expected an array of [key, value] pairs");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& kv = v[i];
      std::string at = path + "[" + std::to_string(i) + "]";
      if (!kv.is_array() || kv.size() != 2) fail(at, "expected [key, value]");
      out.emplace_back(text(kv[0], at), text(kv[1], at));
    }
    return out;
  }
  std::uint32_t small(const json& v, const std::string& path) const {
    std::uint64_t c = count(v, path);
    if (c > UINT32_MAX) fail(path, "value too large");
    return static_cast<std::uint32_t>(c);
  }
};

Election parse(const json& doc, const std::string& name) {
  Reader r{name};
  if (!doc.is_object()) r.fail("", "expected a JSON object");
  std::string schema = r.text(r.need(doc, "schema", ""), "schema");
  if (schema != kSchema) r.fail("schema", "unsupported schema '" + schema + "' (this minga reads " + kSchema + ")");
  BallotKind kind;
  try {
    kind = ballot_kind_from_name(r.text(r.need(doc, "kind", ""), "kind"));
  } catch (const Error& e) {
    r.fail("kind", e.reason());
  }

  const json& alts = r.need(doc, "alternatives", "");
  if (!alts.is_array()) r.fail("alternatives", "expected an array");
  std::vector<Alternative> alternatives;
  alternatives.reserve(alts.size());
  for (std::size_t i = 0; i < alts.size(); ++i) {
    std::string at = "alternatives[" + std::to_string(i) + "]";
    const json& a = alts[i];
    Alternative alt;
    if (a.is_string()) {
      alt.id = a.get<std::string>();
    } else if (a.is_object()) {
      alt.id = r.text(r.need(a, "id", at), at + ".id");
      if (a.contains("name")) alt.name = r.text(a["name"], at + ".name");
      if (a.contains("cost")) alt.cost = r.number(a["cost"], at + ".cost");
      if (a.contains("withdrawn")) {
        if (!a["withdrawn"].is_boolean()) r.fail(at + ".withdrawn", "expected true or false");
        alt.withdrawn = a["withdrawn"].get<bool>();
      }
      if (a.contains("attributes")) alt.attributes = r.key_values(a["attributes"], at + ".attributes");
    } else {
      r.fail(at, "expected an id string or an object with \"id\"");
    }
    if (alt.id.empty()) r.fail(at + ".id", "empty id");
    alternatives.push_back(std::move(alt));
  }
  Election e(kind, std::move(alternatives));
  for (std::size_t i = 0; i < e.alternatives.size(); ++i) {
    auto first = e.find(e.alternatives[i].id);
    if (first && *first != i) r.fail("alternatives[" + std::to_string(i) + "].id", "duplicate id '" + e.alternatives[i].id + "'");
  }

  e.source_format = "json";
  if (doc.contains("title")) e.title = r.text(doc["title"], "title");
  if (doc.contains("source_format")) e.source_format = r.text(doc["source_format"], "source_format");
  if (doc.contains("meta")) e.meta = r.key_values(doc["meta"], "meta");
  if (doc.contains("budget") && !doc["budget"].is_null()) e.budget = r.number(doc["budget"], "budget");
  if (doc.contains("seats") && !doc["seats"].is_null()) e.seats = r.small(doc["seats"], "seats");
  if (doc.contains("notes")) {
    const json& notes = doc["notes"];
    if (!notes.is_array()) r.fail("notes", "expected an array of strings");
    for (std::size_t i = 0; i < notes.size(); ++i) e.notes.push_back(r.text(notes[i], "notes[" + std::to_string(i) + "]"));
  }
  if (doc.contains("rules")) {
    const json& rj = doc["rules"];
    if (!rj.is_object()) r.fail("rules", "expected an object");
    for (auto it = rj.begin(); it != rj.end(); ++it) {
      const std::string& k = it.key();
      std::string at = "rules." + k;
      BallotRules& rules = e.rules;
      if (k == "min_length") rules.min_length = r.small(*it, at);
      else if (k == "max_length") rules.max_length = r.small(*it, at);
      else if (k == "min_total_cost") rules.min_total_cost = r.number(*it, at);
      else if (k == "max_total_cost") rules.max_total_cost = r.number(*it, at);
      else if (k == "min_points") rules.min_points = r.number(*it, at);
      else if (k == "max_points") rules.max_points = r.number(*it, at);
      else if (k == "min_total_points") rules.min_total_points = r.number(*it, at);
      else if (k == "max_total_points") rules.max_total_points = r.number(*it, at);
      else if (k == "credits") {
        Rational c = r.number(*it, at);
        if (!is_integer(c) || c < 0) r.fail(at, "credits must be a non-negative integer");
        rules.credits = numerator(c);
      } else r.fail(at, "unknown rule");
    }
  }

  std::vector<StratumId> strata{0};
  if (doc.contains("strata")) {
    const json& sj = doc["strata"];
    if (!sj.is_array()) r.fail("strata", "expected an array");
    strata.clear();
    for (std::size_t i = 0; i < sj.size(); ++i) {
      std::string at = "strata[" + std::to_string(i) + "]";
      if (!sj[i].is_object()) r.fail(at, "expected an object");
      Stratum s;
      try {
        if (sj[i].contains("channel")) s.channel = channel_from_name(r.text(sj[i]["channel"], at + ".channel"));
      } catch (const Error& err) {
        if (err.where().field.empty()) r.fail(at + ".channel", err.reason());
        throw;
      }
      if (sj[i].contains("district")) s.district = r.text(sj[i]["district"], at + ".district");
      strata.push_back(e.profile.intern_stratum(s));
    }
    if (strata.empty()) strata.push_back(0);
  }

  const json& ballots = r.need(doc, "ballots", "");
  if (!ballots.is_array()) r.fail("ballots", "expected an array");
  std::vector<AlternativeIndex> ids;
  Ranking ranking;
  std::vector<Score> scores;
  std::vector<QuadraticVote> votes;
  auto index_at = [&](const json& v, const std::string& at) -> AlternativeIndex {
    return e.index_of(r.text(v, at), Location{name, 0, at});
  };
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    std::string at = "ballots[" + std::to_string(i) + "]";
    const json& b = ballots[i];
    if (!b.is_object()) r.fail(at, "expected an object");
    std::uint64_t count = b.contains("count") ? r.count(b["count"], at + ".count") : 1;
    std::uint64_t sidx = b.contains("stratum") ? r.count(b["stratum"], at + ".stratum") : 0;
    if (sidx >= strata.size()) r.fail(at + ".stratum", "no such stratum");
    StratumId stratum = strata[sidx];
    try {
      switch (kind) {
        case BallotKind::approval: {
          const json& a = r.need(b, "approve", at);
          if (!a.is_array()) r.fail(at + ".approve", "expected an array of ids");
          ids.clear();
          for (std::size_t k = 0; k < a.size(); ++k) ids.push_back(index_at(a[k], at + ".approve[" + std::to_string(k) + "]"));
          e.profile.add_approval(ids, count, stratum);
          break;
        }
        case BallotKind::ranked: {
          const json& ranks = r.need(b, "rank", at);
          if (!ranks.is_array()) r.fail(at + ".rank", "expected an array of ranks");
          ranking.clear();
          for (std::size_t k = 0; k < ranks.size(); ++k) {
            std::string rat = at + ".rank[" + std::to_string(k) + "]";
            const json& marks = ranks[k];
            if (!marks.is_array()) r.fail(rat, "expected an array of marks (ids or {\"token\": ...})");
            ranking.add_skipped();
            for (std::size_t m = 0; m < marks.size(); ++m) {
              std::string mat = rat + "[" + std::to_string(m) + "]";
              if (marks[m].is_object()) {
                std::string token = r.text(r.need(marks[m], "token", mat), mat + ".token");
                if (token == "overvote") ranking.add_mark_to_last(Mark::overvote);
                else if (token == "write-in") ranking.add_mark_to_last(Mark::write_in);
                else r.fail(mat + ".token", "unknown token '" + token + "' (overvote or write-in)");
              } else {
                ranking.add_mark_to_last(index_at(marks[m], mat));
              }
            }
          }
          e.profile.add_ranking(ranking, count, stratum);
          break;
        }
        case BallotKind::score:
        case BallotKind::quadratic: {
          const char* key = kind == BallotKind::score ? "scores" : "votes";
          const json& s = r.need(b, key, at);
          if (!s.is_array()) r.fail(at + "." + key, "expected an array of [id, value] pairs");
          scores.clear();
          votes.clear();
          for (std::size_t k = 0; k < s.size(); ++k) {
            std::string sat = at + "." + key + "[" + std::to_string(k) + "]";
            if (!s[k].is_array() || s[k].size() != 2) r.fail(sat, "expected [id, value]");
            AlternativeIndex a = index_at(s[k][0], sat + "[0]");
            if (kind == BallotKind::score) scores.push_back(Score{a, r.number(s[k][1], sat + "[1]")});
            else votes.push_back(QuadraticVote{a, r.integer(s[k][1], sat + "[1]")});
          }
          if (kind == BallotKind::score) e.profile.add_scores(scores, count, stratum);
          else e.profile.add_quadratic(votes, count, stratum);
          break;
        }
      }
    } catch (const Error& err) {
      if (err.code() == Errc::invalid_argument || err.code() == Errc::limit)
        throw Error(err.code() == Errc::limit ? Errc::limit : Errc::parse, Location{name, 0, at}, err.reason());
      throw;
    }
  }
  return e;
}

}  // namespace

void write_json(const Election& e, std::ostream& out) {
  json doc = json::object();
  doc["schema"] = kSchema;
  doc["kind"] = ballot_kind_name(e.kind());
  if (!e.title.empty()) doc["title"] = e.title;
  if (!e.source_format.empty()) doc["source_format"] = e.source_format;
  if (!e.meta.empty()) doc["meta"] = key_values(e.meta);
  json alts = json::array();
  for (const auto& a : e.alternatives) {
    json aj = json::object();
    aj["id"] = a.id;
    if (!a.name.empty()) aj["name"] = a.name;
    if (a.cost) aj["cost"] = to_exact_string(*a.cost);
    if (a.withdrawn) aj["withdrawn"] = true;
    if (!a.attributes.empty()) aj["attributes"] = key_values(a.attributes);
    alts.push_back(std::move(aj));
  }
  doc["alternatives"] = std::move(alts);
  json rules = rules_json(e.rules);
  if (!rules.empty()) doc["rules"] = std::move(rules);
  if (e.budget) doc["budget"] = to_exact_string(*e.budget);
  if (e.seats) doc["seats"] = *e.seats;
  if (!e.notes.empty()) doc["notes"] = e.notes;
  if (e.profile.strata().size() > 1) {
    json strata = json::array();
    for (const auto& s : e.profile.strata()) {
      json sj = json::object();
      sj["channel"] = channel_name(s.channel);
      if (!s.district.empty()) sj["district"] = s.district;
      strata.push_back(std::move(sj));
    }
    doc["strata"] = std::move(strata);
  }
  json ballots = json::array();
  for (std::size_t i = 0; i < e.profile.num_entries(); ++i) ballots.push_back(ballot_json(e, i));
  doc["ballots"] = std::move(ballots);
  out << doc.dump(1, ' ', false, json::error_handler_t::strict) << '\n';
}

Election read_json(std::istream& in, const std::string& name) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(Errc::io, Location{name, 0, {}}, "read error");
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& err) {
    std::uint64_t line = 1;
    std::size_t upto = std::min<std::size_t>(err.byte, text.size());
    for (std::size_t i = 0; i + 1 < upto; ++i)
      if (text[i] == '\n') ++line;
    std::string reason = err.what();
    if (auto p = reason.find("syntax error"); p != std::string::npos) reason = reason.substr(p);
    else if (auto q = reason.find("] "); q != std::string::npos) reason = reason.substr(q + 2);
    throw_parse_error(Location{name, line, {}}, "invalid JSON: " + reason);
  } catch (const json::exception& err) {  // e.g. a number too large for a double ("1e999")
    std::string reason = err.what();
    if (auto q = reason.find("] "); q != std::string::npos) reason = reason.substr(q + 2);
    throw_parse_error(Location{name, 0, {}}, "invalid JSON: " + reason);
  }
  return parse(doc, name);
}

}  // namespace minga
