// SPDX-License-Identifier: Apache-2.0
// apps/minga/city.hpp - a small synthetic city whose residents vote three times (for `minga demo`).
//
// Puerto Minga has five neighbourhoods, each with its own mix of online,
// kiosk and paper voters (the digital divide). Each resident casts three
// ballots: approvals in a participatory budget (at most 5 projects), a ranking
// in a council race (3 seats) and a quadratic priority poll (100 credits).
// Online and kiosk ballots are checked as they are cast; paper ballots are
// not, so a few of them break the rules or carry ties, skipped ranks and
// overvotes, as real paper does. Everything is drawn from a SeededRandom:
// the same seed gives the same voters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/core/random.hpp"

namespace minga::cli {

struct District {
  std::string name;
  std::uint32_t share;           ///< percent of the city's voters
  std::uint32_t online_percent;  ///< channel mix; paper is the rest
  std::uint32_t kiosk_percent;
};

/// The city and its three elections, without ballots.
struct City {
  std::string name;
  std::vector<District> districts;
  Election budget;   ///< approval ballots over projects with exact costs
  Election council;  ///< ranked ballots
  Election poll;     ///< quadratic ballots
};

/// Puerto Minga, always the same.
City make_city();

/// What one resident casts.
struct Voter {
  std::uint32_t district = 0;
  Channel channel = Channel::unspecified;
  std::vector<AlternativeIndex> approvals;  ///< budget ballot
  Ranking ranking;                          ///< council ballot
  std::vector<QuadraticVote> votes;         ///< poll ballot
};

/// Draws residents one at a time from a seed.
class VoterGenerator {
 public:
  VoterGenerator(const City& city, std::string_view seed);

  /// Overwrites `voter` with the next resident.
  void next(Voter& voter);

 private:
  std::uint64_t pick(const std::vector<std::uint32_t>& weights);
  bool chance(std::uint32_t per_mille);
  std::vector<std::uint32_t> pick_distinct(std::vector<std::uint32_t> weights, std::size_t count);
  Channel pick_channel(const District& district);
  void draw_approvals(Voter& voter);
  void draw_ranking(Voter& voter);
  void spoil_ranking(std::vector<std::vector<std::uint32_t>>& ranks);
  void draw_votes(Voter& voter);

  const City& city_;
  SeededRandom random_;
  std::vector<std::uint32_t> district_weights_;
  // Per district: how much its residents like each project, candidate and option.
  std::vector<std::vector<std::uint32_t>> project_weights_;
  std::vector<std::vector<std::uint32_t>> candidate_weights_;
  std::vector<std::vector<std::uint32_t>> option_weights_;
};

}  // namespace minga::cli
