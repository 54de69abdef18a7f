// SPDX-License-Identifier: Apache-2.0
// src/ranked/rctab.cpp - counting an RCTab contest and writing RCTab's summary JSON.
#include <nlohmann/json.hpp>

#include "minga/core/error.hpp"
#include "minga/ranked/irv.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/stv.hpp"

namespace minga::ranked {

BallotInterpretation rctab_ballot_interpretation(const RctabContest& contest) {
  BallotInterpretation rules = contest.ballots;
  for (const RctabSource& source : contest.sources)
    if (!source.undeclared_write_in_label.empty()) rules.write_in_always_present = true;
  return rules;
}

namespace {

Quota quota_of(const RctabContest& contest) {
  Quota quota;
  quota.decimals = contest.decimals;
  if (contest.hare_quota) quota.kind = Quota::Kind::hare;
  else if (contest.non_integer_threshold) quota.kind = Quota::Kind::hagenbach_bischoff;
  else quota.kind = Quota::Kind::droop;
  return quota;
}

}  // namespace

Result tabulate_rctab(const RctabContest& contest, const Election& election) {
  const std::string& mode = contest.winner_election_mode;
  if (mode == "singleWinnerMajority" || mode == "multiPassIrv" || mode.empty()) {
    IrvOptions options;
    options.ballots = rctab_ballot_interpretation(contest);
    options.tie_break = contest.tie_break;
    options.threshold = quota_of(contest);
    options.batch_elimination = contest.batch_elimination;
    options.continue_until_two = contest.continue_until_two;
    options.freeze_threshold = contest.freeze_threshold;
    options.minimum_votes = contest.minimum_votes;
    options.stop_after_round = contest.stop_after_round;
    return mode == "multiPassIrv" ? sequential_irv(election, contest.seats, options) : irv(election, options);
  }
  if (mode == "multiWinnerAllowOnlyOneWinnerPerRound" || mode == "multiWinnerAllowMultipleWinnersPerRound") {
    StvOptions options;
    options.ballots = rctab_ballot_interpretation(contest);
    options.tie_break = contest.tie_break;
    options.seats = contest.seats;
    options.quota = quota_of(contest);
    options.decimals = contest.decimals;
    options.one_winner_per_round = mode == "multiWinnerAllowOnlyOneWinnerPerRound";
    return wigm(election, options);  // batchElimination: refused by read_rctab_config, as by RCTab
  }
  if (mode == "bottomsUp" || mode == "bottomsUpUsingPercentageThreshold") {
    BottomsUpOptions options;
    options.ballots = rctab_ballot_interpretation(contest);
    options.tie_break = contest.tie_break;
    options.batch_elimination = contest.batch_elimination;
    options.minimum_votes = contest.minimum_votes;
    options.stop_after_round = contest.stop_after_round;
    options.seats = contest.seats;
    if (mode == "bottomsUpUsingPercentageThreshold") options.share = *contest.bottoms_up_percentage / 100;
    return bottoms_up(election, options);
  }
  throw Error(Errc::unsupported, Location{contest.config_path.string(), 0, "rules.winnerElectionMode"},
              "winnerElectionMode \"" + mode + "\" is not supported yet");
}

std::string rctab_summary_json(const RctabContest& contest, const Result& result, int indent) {
  using nlohmann::json;
  json doc;
  doc["config"] = {{"contest", contest.contest_name},
                   {"date", contest.contest_date},
                   {"generatedBy", "minga"},
                   {"jurisdiction", contest.jurisdiction},
                   {"office", contest.office}};
  doc["jsonFormatVersion"] = "1";
  json results = json::array();
  for (const Round& round : result.rounds) {
    json r;
    json inactive = {{"overvotes", to_exact_string(round.inactive[0])},
                     {"skippedRankings", to_exact_string(round.inactive[1])},
                     {"repeatedRankings", to_exact_string(round.inactive[2])},
                     {"exhaustedChoices", to_exact_string(round.inactive[3])}};
    if (round.final_surplus != 0) inactive["finalRoundSurplus"] = to_exact_string(round.final_surplus);
    r["inactiveBallots"] = inactive;
    r["round"] = round.number;
    json tally = json::object();
    for (std::size_t c = 0; c < round.tally.size(); ++c)
      if (round.tally[c]) tally[result.candidates[c]] = to_exact_string(*round.tally[c]);
    r["tally"] = tally;
    json actions = json::array();
    for (const Action& action : round.actions) {
      json a;
      a[action.kind == ActionKind::elected ? "elected" : "eliminated"] = result.candidates.at(action.candidate);
      json transfers = json::object();
      for (std::size_t c = 0; c < action.to.size(); ++c)
        if (action.to[c] != 0) transfers[result.candidates[c]] = to_exact_string(action.to[c]);
      if (action.exhausted_total() != 0) transfers["exhausted"] = to_exact_string(action.exhausted_total());
      if (action.residual != 0) transfers["residual surplus"] = to_exact_string(action.residual);
      a["transfers"] = transfers;
      actions.push_back(a);
    }
    r["tallyResults"] = actions;
    r["threshold"] = round.threshold ? to_exact_string(*round.threshold) : "0";
    results.push_back(r);
  }
  doc["results"] = results;
  const Round* last = result.rounds.empty() ? nullptr : &result.rounds.back();
  doc["summary"] = {
      {"finalThreshold", last && last->threshold ? to_exact_string(*last->threshold) : "0"},
      {"numCandidates", result.candidates.size()},
      {"numWinners", result.seats},
      {"totalNumBallots", std::to_string(result.ballots)},
      {"undervotes", result.blank_ballots},
  };
  return doc.dump(indent);
}

}  // namespace minga::ranked
