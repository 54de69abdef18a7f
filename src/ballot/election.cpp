// SPDX-License-Identifier: Apache-2.0
// src/ballot/election.cpp - alternatives, metadata, merging by id, ballot-rule checks.
#include "minga/ballot/election.hpp"

#include <algorithm>

namespace minga {

const std::string* Alternative::attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes)
    if (k == key) return &v;
  return nullptr;
}

Election::Election(BallotKind kind, std::vector<Alternative> alts)
    : alternatives(std::move(alts)), profile(kind, static_cast<std::uint32_t>(alternatives.size())) {
  reindex();
}

void Election::reindex() {
  index_.clear();
  index_.reserve(alternatives.size());
  for (std::size_t i = 0; i < alternatives.size(); ++i) index_.emplace(alternatives[i].id, static_cast<AlternativeIndex>(i));
}

std::optional<AlternativeIndex> Election::find(std::string_view id) const {
  // const and lock-free: the index is a hint checked against the alternative
  // itself; a miss scans, in case ids were added or edited since reindex().
  auto it = index_.find(id);
  if (it != index_.end() && it->second < alternatives.size() && alternatives[it->second].id == id) return it->second;
  for (std::size_t i = 0; i < alternatives.size(); ++i)
    if (alternatives[i].id == id) return static_cast<AlternativeIndex>(i);
  return std::nullopt;
}

AlternativeIndex Election::index_of(std::string_view id, const Location& where) const {
  if (auto i = find(id)) return *i;
  std::string shown(id.substr(0, 60));
  throw_parse_error(where, "unknown alternative '" + shown + "'");
}

void Election::merge(const Election& other) {
  if (other.kind() != kind())
    throw Error(Errc::mismatch, std::string("cannot merge ") + ballot_kind_name(other.kind()) + " ballots into a " +
                                    ballot_kind_name(kind()) + " election");
  if (other.alternatives.size() != alternatives.size())
    throw Error(Errc::mismatch, "cannot merge elections over different alternatives (" +
                                    std::to_string(other.alternatives.size()) + " vs " +
                                    std::to_string(alternatives.size()) + ")");
  std::vector<AlternativeIndex> map(other.alternatives.size());
  bool identity = true;
  for (std::size_t i = 0; i < other.alternatives.size(); ++i) {
    auto j = find(other.alternatives[i].id);
    if (!j) throw Error(Errc::mismatch, "cannot merge: alternative '" + other.alternatives[i].id + "' is not in this election");
    map[i] = *j;
    identity = identity && *j == i;
  }
  if (identity) {
    profile.merge(other.profile);
  } else {
    profile.merge(other.profile.remapped(map, num_alternatives()));
  }
}

const std::string* Election::meta_value(std::string_view key) const {
  for (const auto& [k, v] : meta)
    if (k == key) return &v;
  return nullptr;
}

void Election::set_meta(std::string_view key, std::string value) {
  for (auto& [k, v] : meta)
    if (k == key) {
      v = std::move(value);
      return;
    }
  meta.emplace_back(std::string(key), std::move(value));
}

// ---- ballot rules ---------------------------------------------------------------

namespace {

struct Checker {
  const Election& election;
  std::vector<AlternativeIndex> ids;
  Ranking ranking;
  std::vector<Score> scores;
  std::vector<QuadraticVote> votes;

  // Calls broken(rule, description) for each rule the entry breaks.
  template <class F>
  void check(std::size_t entry, F&& broken) {
    const BallotRules& r = election.rules;
    const Profile& p = election.profile;
    auto length_rules = [&](std::size_t length) {
      if (r.min_length && length < *r.min_length) broken("min_length", std::to_string(length) + " marked, minimum " + std::to_string(*r.min_length));
      if (r.max_length && length > *r.max_length) broken("max_length", std::to_string(length) + " marked, maximum " + std::to_string(*r.max_length));
    };
    switch (p.kind()) {
      case BallotKind::approval: {
        p.approval(entry, ids);
        length_rules(ids.size());
        if (r.min_total_cost || r.max_total_cost) {
          Rational total = 0;
          bool known = true;
          for (auto a : ids) {
            if (!election.alternatives[a].cost) known = false;
            else total += *election.alternatives[a].cost;
          }
          if (known && r.min_total_cost && total < *r.min_total_cost) broken("min_total_cost", "total cost " + to_exact_string(total) + " below " + to_exact_string(*r.min_total_cost));
          if (known && r.max_total_cost && total > *r.max_total_cost) broken("max_total_cost", "total cost " + to_exact_string(total) + " above " + to_exact_string(*r.max_total_cost));
        }
        break;
      }
      case BallotKind::ranked: {
        p.ranking(entry, ranking);
        length_rules(ranking.num_positions());
        break;
      }
      case BallotKind::score: {
        p.scores(entry, scores);
        length_rules(scores.size());
        Rational total = 0;
        for (const auto& s : scores) {
          total += s.points;
          if (r.min_points && s.points < *r.min_points) broken("min_points", to_exact_string(s.points) + " points to '" + election.alternatives[s.alternative].id + "', minimum " + to_exact_string(*r.min_points));
          if (r.max_points && s.points > *r.max_points) broken("max_points", to_exact_string(s.points) + " points to '" + election.alternatives[s.alternative].id + "', maximum " + to_exact_string(*r.max_points));
        }
        if (r.min_total_points && total < *r.min_total_points) broken("min_total_points", "total " + to_exact_string(total) + ", minimum " + to_exact_string(*r.min_total_points));
        if (r.max_total_points && total > *r.max_total_points) broken("max_total_points", "total " + to_exact_string(total) + ", maximum " + to_exact_string(*r.max_total_points));
        break;
      }
      case BallotKind::quadratic: {
        p.quadratic(entry, votes);
        length_rules(votes.size());
        Integer spent = 0;
        for (const auto& v : votes) spent += Integer(v.votes) * Integer(v.votes);
        if (r.credits && spent > *r.credits) broken("credits", "spends " + spent.str() + " credits of " + r.credits->str());
        for (const auto& v : votes) {
          if (r.min_points && Rational(v.votes) < *r.min_points) broken("min_points", std::to_string(v.votes) + " votes, minimum " + to_exact_string(*r.min_points));
          if (r.max_points && Rational(v.votes) > *r.max_points) broken("max_points", std::to_string(v.votes) + " votes, maximum " + to_exact_string(*r.max_points));
        }
        break;
      }
    }
  }
};

}  // namespace

std::vector<RuleViolation> check_ballot_rules(const Election& election) {
  std::vector<RuleViolation> found;
  Checker checker{election, {}, {}, {}, {}};
  for (std::size_t e = 0; e < election.profile.num_entries(); ++e) {
    std::vector<std::string> seen;  // count each rule once per ballot
    checker.check(e, [&](const char* rule, const std::string& example) {
      if (std::find(seen.begin(), seen.end(), rule) != seen.end()) return;
      seen.emplace_back(rule);
      auto it = std::find_if(found.begin(), found.end(), [&](const RuleViolation& v) { return v.rule == rule; });
      if (it == found.end()) {
        found.push_back(RuleViolation{rule, 0, 0, example});
        it = found.end() - 1;
      }
      it->ballots += election.profile.count(e);
      it->entries += 1;
    });
  }
  return found;
}

bool obeys_ballot_rules(const Election& election, std::size_t entry) {
  Checker checker{election, {}, {}, {}, {}};
  bool ok = true;
  checker.check(entry, [&](const char*, const std::string&) { ok = false; });
  return ok;
}

}  // namespace minga
