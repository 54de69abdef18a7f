// SPDX-License-Identifier: Apache-2.0
// src/quadratic/voting.cpp - quadratic voting: per-voter validation, exact tallies, JSON report.
#include "minga/quadratic/voting.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "io/text.hpp"
#include "quadratic/records.hpp"

namespace minga {

namespace {

using quadratic::Field;

/// A strict integer: optional sign and digits, fitting in 64 bits.
std::optional<std::int64_t> parse_votes(std::string_view text) {
  text = io::trim(text);
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  auto v = static_cast<std::int64_t>(value);
  return negative ? -v : v;
}

std::uint64_t magnitude(std::int64_t v) {
  return v < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

Stratum stratum_from(std::string_view channel, std::string_view district, const Location& where) {
  Stratum s;
  if (!channel.empty()) {
    try {
      s.channel = channel_from_name(channel);
    } catch (const Error& e) {
      throw Error(Errc::parse, where, e.reason());
    }
  }
  s.district = std::string(district);
  return s;
}

const Integer& budget_of(const QvRules& rules, const std::string& voter) {
  auto it = rules.voter_credits.find(voter);
  return it != rules.voter_credits.end() ? it->second : *rules.credits;
}

struct Problem {
  std::string rule;
  std::uint64_t line;
  std::string text;
};

QvRejection make_rejection(std::string voter, const std::string& file, std::vector<Problem>& problems,
                           std::uint64_t ballots) {
  QvRejection r{std::move(voter), file, problems.front().line, problems.front().rule, {}, ballots};
  for (const auto& p : problems) r.reason += (r.reason.empty() ? "" : "; ") + p.text;
  return r;
}

/// Aggregates an Election's quadratic profile. `budget_of_entry` gives the budget a
/// ballot is checked against; `check` says whether to validate entries (anonymous input).
QvResult aggregate(const Election& e, const QvRules& rules, const Integer& common_budget, bool check) {
  const Profile& p = e.profile;
  const std::uint32_t n = e.num_alternatives();
  QvResult r;
  r.credits = common_budget;
  r.options.resize(n);
  for (std::uint32_t a = 0; a < n; ++a) {
    r.options[a].id = e.alternatives[a].id;
    r.options[a].name = e.alternatives[a].name;
  }
  std::vector<QvStratumTotal> strata(p.strata().size());
  for (std::size_t s = 0; s < strata.size(); ++s) {
    strata[s].stratum = p.strata()[s];
    strata[s].votes.assign(n, Integer(0));
  }
  std::map<Integer, std::uint64_t> spending;
  const std::int64_t max_votes = rules.max_votes(common_budget);
  std::vector<QuadraticVote> votes;
  for (std::size_t entry = 0; entry < p.num_entries(); ++entry) {
    p.quadratic(entry, votes);
    const std::uint64_t count = p.count(entry);
    Integer spent = 0;
    std::vector<Problem> problems;
    for (const auto& v : votes) {
      const std::string& id = e.alternatives[v.alternative].id;
      if (v.votes < 0 && !rules.allow_negative)
        problems.push_back(
            {"negative", 0, std::to_string(v.votes) + " votes for '" + id + "': negative votes not allowed"});
      if (magnitude(v.votes) > static_cast<std::uint64_t>(max_votes))
        problems.push_back({"out_of_range", 0,
                            std::to_string(v.votes) + " votes for '" + id + "': at most " + std::to_string(max_votes) +
                                " affordable"});
      if (auto c = rules.cost(v.votes)) spent += *c;
    }
    if (spent > common_budget)
      problems.push_back({"credits", 0, "spends " + spent.str() + " credits of " + common_budget.str()});
    if (check && !problems.empty()) {
      r.rejected.push_back(make_rejection("entry " + std::to_string(entry), "", problems, count));
      continue;
    }
    r.accepted += count;
    QvStratumTotal& st = strata[p.stratum_of(entry)];
    st.ballots += count;
    for (const auto& v : votes) {
      QvOptionTotal& o = r.options[v.alternative];
      const Integer weighted = Integer(v.votes) * count;
      const Integer cost = *rules.cost(v.votes) * count;
      o.votes += weighted;
      if (v.votes > 0)
        o.votes_for += weighted;
      else
        o.votes_against -= weighted;
      o.credits += cost;
      if (v.votes != 0) o.voters += count;
      st.votes[v.alternative] += weighted;
      st.credits += cost;
    }
    r.credits_spent += spent * count;
    spending[spent] += count;
    if (spent == common_budget) r.exhausted += count;
  }
  for (auto& [credits, ballots] : spending) r.spending.push_back(QvSpending{credits, ballots});
  for (auto& st : strata)
    if (st.ballots > 0) r.strata.push_back(std::move(st));
  r.order.resize(n);
  for (std::uint32_t a = 0; a < n; ++a) r.order[a] = a;
  std::stable_sort(r.order.begin(), r.order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return r.options[a].votes > r.options[b].votes; });
  for (const auto& rej : r.rejected) r.rejected_ballots += rej.ballots;
  return r;
}

}  // namespace

// ---- rules ------------------------------------------------------------------------

std::optional<Integer> QvRules::cost(std::int64_t votes) const {
  const std::uint64_t k = magnitude(votes);
  if (cost_table.empty()) return Integer(k) * Integer(k);
  if (k >= cost_table.size()) return std::nullopt;
  return cost_table[k];
}

std::int64_t QvRules::max_votes(const Integer& budget) const {
  if (budget < 0) return 0;
  if (cost_table.empty()) {
    Integer root = boost::multiprecision::sqrt(budget);
    const Integer limit = std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(root < limit ? root : limit);
  }
  std::int64_t k = 0;
  while (static_cast<std::size_t>(k + 1) < cost_table.size() && cost_table[static_cast<std::size_t>(k + 1)] <= budget)
    ++k;
  return k;
}

void QvRules::check() const {
  if (!credits) throw Error(Errc::invalid_argument, "quadratic voting needs a credit budget");
  if (*credits < 0) throw Error(Errc::invalid_argument, "credit budget " + credits->str() + " is negative");
  for (const auto& [voter, budget] : voter_credits)
    if (budget < 0)
      throw Error(Errc::invalid_argument, "voter '" + voter + "': credit budget " + budget.str() + " is negative");
  if (cost_table.empty()) return;
  if (cost_table[0] != 0) throw Error(Errc::invalid_argument, "cost table: cost of 0 votes must be 0");
  for (std::size_t k = 1; k < cost_table.size(); ++k) {
    if (cost_table[k] < cost_table[k - 1])
      throw Error(Errc::invalid_argument,
                  "cost table: cost of " + std::to_string(k) + " votes is below the cost of " + std::to_string(k - 1));
    if (k >= 2 && cost_table[k] - cost_table[k - 1] < cost_table[k - 1] - cost_table[k - 2])
      throw Error(Errc::invalid_argument, "cost table is not convex at " + std::to_string(k) + " votes");
  }
}

// ---- validation -------------------------------------------------------------------

QvBallots validate_qv(const QvInput& input, const QvRules& rules) {
  rules.check();
  std::vector<Alternative> options = input.options;
  const bool closed = !options.empty();
  QvBallots out;
  if (!closed) {
    std::unordered_map<std::string_view, bool> seen;
    for (const auto& row : input.rows)
      if (seen.emplace(row.option, true).second) options.push_back(Alternative{row.option, {}, {}, false, {}});
  }
  out.election = Election(BallotKind::quadratic, std::move(options));
  Election& e = out.election;
  e.rules.credits = *rules.credits;
  e.source_format = "qv";
  e.title = input.source;

  // Group rows by voter, voters in first-seen order.
  std::unordered_map<std::string_view, std::size_t> voter_index;
  std::vector<std::vector<std::size_t>> voter_rows;
  for (std::size_t i = 0; i < input.rows.size(); ++i) {
    auto [it, added] = voter_index.emplace(input.rows[i].voter, voter_rows.size());
    if (added) voter_rows.emplace_back();
    voter_rows[it->second].push_back(i);
  }

  std::vector<QuadraticVote> votes;
  std::unordered_map<AlternativeIndex, std::uint64_t> line_of;
  for (const auto& rows : voter_rows) {
    const QvRow& first = input.rows[rows.front()];
    const Integer& budget = budget_of(rules, first.voter);
    const std::int64_t max_votes = rules.max_votes(budget);
    std::vector<Problem> problems;
    votes.clear();
    line_of.clear();
    Integer spent = 0;
    for (std::size_t i : rows) {
      const QvRow& row = input.rows[i];
      auto option = e.find(row.option);
      auto v = parse_votes(row.votes);
      const std::string what = "'" + io::clipped(row.option) + "'";
      if (!option) problems.push_back({"unknown_option", row.line, "unknown option " + what});
      if (!v) {
        problems.push_back(
            {"not_integer", row.line, "votes " + io::quoted(row.votes) + " for " + what + " is not an integer"});
        continue;
      }
      if (*v < 0 && !rules.allow_negative)
        problems.push_back(
            {"negative", row.line, std::to_string(*v) + " votes for " + what + ": negative votes not allowed"});
      if (magnitude(*v) > static_cast<std::uint64_t>(max_votes))
        problems.push_back({"out_of_range", row.line,
                            std::to_string(*v) + " votes for " + what + ": at most " + std::to_string(max_votes) +
                                " affordable with " + budget.str() + " credits"});
      if (auto c = rules.cost(*v)) spent += *c;
      if (!option) continue;
      auto [seen, fresh] = line_of.emplace(*option, row.line);
      if (!fresh) {
        problems.push_back({"duplicate", row.line,
                            "option " + what + " voted twice (lines " + std::to_string(seen->second) + " and " +
                                std::to_string(row.line) + ")"});
        continue;
      }
      if (*v != 0) votes.push_back(QuadraticVote{*option, *v});
    }
    if (spent > budget)
      problems.push_back({"credits", first.line, "spends " + spent.str() + " credits of " + budget.str()});
    if (!problems.empty()) {
      out.rejected.push_back(make_rejection(first.voter, input.source, problems, 1));
      continue;
    }
    std::sort(votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.alternative < b.alternative; });
    StratumId stratum = e.profile.intern_stratum(first.stratum);
    e.profile.add_quadratic(votes, 1, stratum);
    if (spent == budget) ++out.exhausted;
    if (rules.publish_ballots)
      out.published.push_back(QvPublishedBallot{first.voter, first.line, first.stratum, votes, spent, budget});
  }
  return out;
}

// ---- tallies ----------------------------------------------------------------------

QvResult tally_qv(const QvBallots& ballots, const QvRules& rules) {
  rules.check();
  QvResult r = aggregate(ballots.election, rules, *rules.credits, false);
  r.exhausted = ballots.exhausted;
  r.rejected = ballots.rejected;
  r.rejected_ballots = r.rejected.size();
  r.public_ballots = rules.publish_ballots;
  r.ballots = ballots.published;
  return r;
}

QvResult tally_qv(const Election& election, const QvRules& rules) {
  if (election.kind() != BallotKind::quadratic)
    throw Error(Errc::invalid_argument,
                std::string("quadratic tally of ") + ballot_kind_name(election.kind()) + " ballots");
  QvRules effective = rules;
  if (!effective.credits) effective.credits = election.rules.credits;
  effective.check();
  effective.publish_ballots = false;
  return aggregate(election, effective, *effective.credits, true);
}

// ---- reading ----------------------------------------------------------------------

QvInput read_qv_rows(std::istream& in, const std::string& name, bool json) {
  static const std::vector<Field> fields{
      {{"voter", "voter_id", "userid", "user_id", "user", "ballot", "ballot_id"}, true},
      {{"option", "option_id", "proposalid", "proposal_id", "proposal", "project", "alternative", "candidate"}, true},
      {{"votes", "count", "vote"}, true},
      {{"channel"}, false},
      {{"district"}, false},
  };
  QvInput input;
  input.source = name;
  quadratic::read_records(in, name, json, fields, [&](const std::vector<std::string_view>& v, std::uint64_t line) {
    Location where{name, line, "channel"};
    input.rows.push_back(
        QvRow{std::string(v[0]), std::string(v[1]), std::string(v[2]), stratum_from(v[3], v[4], where), line});
    if (input.rows.back().voter.empty()) throw Error(Errc::parse, Location{name, line, "voter"}, "empty voter id");
    if (input.rows.back().option.empty()) throw Error(Errc::parse, Location{name, line, "option"}, "empty option id");
  });
  return input;
}

QvInput read_qv_rows(const std::filesystem::path& path) {
  QvInput input;
  input.source = path.string();
  std::ifstream probe(path, std::ios::binary);
  if (!probe) throw Error(Errc::io, Location{path.string(), 0, ""}, "cannot open file");
  char head[8] = {};
  probe.read(head, sizeof head);
  std::string_view text(head, static_cast<std::size_t>(probe.gcount()));
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  text = io::trim(text);
  const bool json =
      io::iequals(path.extension().string(), ".json") || (!text.empty() && (text[0] == '[' || text[0] == '{'));
  probe.clear();
  probe.seekg(0);
  return read_qv_rows(probe, path.string(), json);
}

std::vector<Alternative> read_qv_options(const std::filesystem::path& path) {
  static const std::vector<Field> fields{
      {{"id", "option", "option_id", "proposalid", "proposal_id", "project", "alternative"}, true},
      {{"name", "title", "proposaltitle", "label"}, false},
  };
  std::vector<Alternative> options;
  std::unordered_map<std::string, std::uint64_t> seen;
  quadratic::read_records(path, fields, [&](const std::vector<std::string_view>& v, std::uint64_t line) {
    auto [it, fresh] = seen.emplace(std::string(v[0]), line);
    if (!fresh)
      throw Error(Errc::parse, Location{path.string(), line, "id"},
                  "option '" + std::string(v[0]) + "' listed twice (first on line " + std::to_string(it->second) + ")");
    options.push_back(Alternative{std::string(v[0]), std::string(v[1]), {}, false, {}});
  });
  return options;
}

// ---- JSON ---------------------------------------------------------------------------

std::string qv_result_to_json(const QvResult& r, int indent) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["schema"] = "minga.qv/1";
  j["credits"] = r.credits.str();
  j["ballots"] = {{"accepted", r.accepted}, {"rejected", r.rejected_ballots}};
  ordered_json totals = ordered_json::object();
  for (const auto& o : r.options) totals[o.id] = o.votes.str();
  j["totals"] = std::move(totals);
  ordered_json options = ordered_json::array();
  for (auto a : r.order) {
    const auto& o = r.options[a];
    options.push_back({{"id", o.id},
                       {"name", o.name},
                       {"votes", o.votes.str()},
                       {"votes_for", o.votes_for.str()},
                       {"votes_against", o.votes_against.str()},
                       {"credits", o.credits.str()},
                       {"voters", o.voters}});
  }
  j["options"] = std::move(options);
  ordered_json distribution = ordered_json::array();
  for (const auto& s : r.spending) distribution.push_back(ordered_json::array({s.credits.str(), s.ballots}));
  j["spending"] = {
      {"credits_spent", r.credits_spent.str()}, {"exhausted", r.exhausted}, {"distribution", distribution}};
  ordered_json strata = ordered_json::array();
  for (const auto& st : r.strata) {
    ordered_json votes = ordered_json::object();
    for (std::size_t a = 0; a < st.votes.size(); ++a)
      if (st.votes[a] != 0) votes[r.options[a].id] = st.votes[a].str();
    strata.push_back({{"channel", channel_name(st.stratum.channel)},
                      {"district", st.stratum.district},
                      {"ballots", st.ballots},
                      {"credits", st.credits.str()},
                      {"votes", votes}});
  }
  j["strata"] = std::move(strata);
  ordered_json rejected = ordered_json::array();
  for (const auto& x : r.rejected)
    rejected.push_back({{"voter", x.voter},
                        {"file", x.file},
                        {"line", x.line},
                        {"rule", x.rule},
                        {"reason", x.reason},
                        {"ballots", x.ballots}});
  j["rejected"] = std::move(rejected);
  j["public_ballots"] = r.public_ballots;
  if (r.public_ballots) {
    ordered_json ballots = ordered_json::array();
    for (const auto& b : r.ballots) {
      ordered_json votes = ordered_json::object();
      for (const auto& v : b.votes) votes[r.options[v.alternative].id] = v.votes;
      ballots.push_back({{"voter", b.voter},
                         {"line", b.line},
                         {"channel", channel_name(b.stratum.channel)},
                         {"district", b.stratum.district},
                         {"spent", b.spent.str()},
                         {"budget", b.budget.str()},
                         {"votes", votes}});
    }
    j["ballots_cast"] = std::move(ballots);
  }
  return j.dump(indent);
}

}  // namespace minga
