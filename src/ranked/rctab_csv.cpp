// SPDX-License-Identifier: Apache-2.0
// src/ranked/rctab_csv.cpp - RCTab's summary CSV ("detailed report"), cell for cell.
//
// What RCTab writes, as read from its published expected reports:
// - a "Contest Information" and a "Contest Summary" block, then one row per
//   round quantity with three cells per round: votes, % of vote, transfer;
// - the share is the votes over the round's active ballots (multi-seat counts:
//   over the first round's, which fixed the threshold), truncated to hundredths
//   of a percent, written with one or two decimals ("24.13%", "25.0%"); left
//   empty when there are no active ballots;
// - the transfer is the next round's value minus this one ("0" in the last
//   round), written with as many decimals as the more precise of the two;
// - candidates are listed by first-round votes, most first; equal votes keep
//   the order in which RCTab's hash map of names happens to list them (Java
//   String hash buckets, then configuration order); undeclared write-ins last;
// - a decision settled by a tie-break carries '*' and a footnote.
#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <sstream>

#include "minga/core/error.hpp"
#include "minga/ranked/rctab_output.hpp"
#include "ranked/rctab_allocation.hpp"

namespace minga::ranked {

namespace {

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::size_t decimals_of(const std::string& exact) {
  const auto dot = exact.find('.');
  return dot == std::string::npos ? 0 : exact.size() - dot - 1;
}

/// b - a with the decimals of the more precise operand, as Java's BigDecimal.subtract writes it.
std::string difference(const Rational& a, const Rational& b) {
  const std::size_t scale = std::max(decimals_of(to_exact_string(a)), decimals_of(to_exact_string(b)));
  const Rational d = b - a;
  return scale == 0 ? to_exact_string(d) : to_fixed_string(d, static_cast<unsigned>(scale));
}

/// votes / total as a percentage truncated to hundredths: "24.13%", "25.0%"; "" when total is 0.
std::string share(const Rational& votes, const Rational& total) {
  if (total == 0) return "";
  const Rational hundredths = votes * 10000 / total;
  const Integer p = numerator(hundredths) / denominator(hundredths);
  const Integer whole = p / 100, hundredths_part = p % 100;
  std::string fraction = (hundredths_part < 10 ? "0" : "") + hundredths_part.str();
  if (fraction.back() == '0') fraction.pop_back();
  return whole.str() + "." + fraction + "%";
}

/// Java's String.hashCode over the UTF-16 code units of a UTF-8 name.
std::uint32_t java_hash(const std::string& utf8) {
  std::uint32_t h = 0;
  auto add = [&h](std::uint32_t unit) { h = 31 * h + unit; };
  for (std::size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) cp = c & 0x07u, len = 4;
    else if (c >= 0xE0) cp = c & 0x0Fu, len = 3;
    else if (c >= 0xC0) cp = c & 0x1Fu, len = 2;
    for (std::size_t k = 1; k < len && i + k < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    i += len;
    if (cp >= 0x10000) {
      add(0xD800 + ((cp - 0x10000) >> 10));
      add(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      add(cp);
    }
  }
  return h;
}

/// The candidates of the first round in the order RCTab lists them (see the file comment).
std::vector<std::uint32_t> listing_order(const Result& result, std::size_t configured) {
  const Round& first = result.rounds.front();
  std::vector<std::uint32_t> order;
  for (std::uint32_t c = 0; c < first.tally.size(); ++c)
    if (first.tally[c]) order.push_back(c);
  std::size_t capacity = 16;  // java.util.HashMap: doubles once it holds more than 3/4 of its capacity
  while (order.size() * 4 > capacity * 3) capacity *= 2;
  auto bucket = [&](std::uint32_t c) {
    const std::uint32_t h = java_hash(result.candidates[c]);
    return (h ^ (h >> 16)) & static_cast<std::uint32_t>(capacity - 1);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return bucket(a) < bucket(b); });
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return *first.tally[a] > *first.tally[b]; });
  std::stable_partition(order.begin(), order.end(), [&](std::uint32_t c) { return c < configured; });
  return order;
}

/// What a report prints, round by round: the whole count's, or one precinct's share of it.
struct Table {
  std::vector<std::vector<Rational>> votes;  ///< [round][candidate]
  std::vector<Rational> active;
  std::vector<std::array<Rational, kNumExhaustReasons>> inactive;
  std::uint64_t ballots = 0, blank = 0;
};

Table table_of(const Result& result) {
  Table table;
  for (const Round& round : result.rounds) {
    std::vector<Rational> votes(result.candidates.size());
    for (std::size_t c = 0; c < votes.size(); ++c)
      if (round.tally[c]) votes[c] = *round.tally[c];
    table.votes.push_back(std::move(votes));
    table.active.push_back(round.active() + round.final_surplus);  // RCTab counts the final surplus as active
    table.inactive.push_back(round.inactive);
  }
  table.ballots = result.ballots;
  table.blank = result.blank_ballots;
  return table;
}

constexpr const char* kNoPrecinct = "no precinct id";

std::string report(const RctabContest& contest, const Result& result, const Table& table,
                   const RctabCsvOptions& options, const std::string* precinct) {
  if (result.rounds.empty())
    throw Error(Errc::invalid_argument, Location{contest.config_path.string(), 0, "result"},
                "the summary CSV needs a round-by-round result");
  const bool multi_seat = contest.winner_election_mode.rfind("multiWinner", 0) == 0;
  const std::vector<Round>& rounds = result.rounds;
  const std::size_t last = rounds.size() - 1;
  const std::string mark = precinct ? "\xE2\x80\xA0" : "";  // the dagger: decisions of the full contest
  bool any_tie = false;
  std::ostringstream out;
  auto row = [&out](const std::string& label, const std::vector<std::string>& cells) {
    out << csv_cell(label);
    for (const std::string& cell : cells) out << ',' << csv_cell(cell);
    out << '\n';
  };

  std::string winners;
  for (std::uint32_t w : result.winners) winners += (winners.empty() ? "" : ", ") + result.candidates.at(w);
  const Round& final_round = rounds.back();
  out << "Contest Information\n";
  row("Generated By", {options.generated_by});
  row("CSV Format Version", {"1"});
  row("Type of Election", {multi_seat || result.seats > 1 ? "Multi-Winner" : "Single-Winner"});
  row("Contest", {contest.contest_name});
  row("Jurisdiction", {contest.jurisdiction});
  row("Office", {contest.office});
  row("Date", {contest.contest_date});
  row("Winner(s)", {winners});
  if (precinct) row("Precinct", {precinct->empty() ? kNoPrecinct : *precinct});
  else row("Final Threshold", {final_round.threshold ? to_exact_string(*final_round.threshold) : "0"});
  out << "\nContest Summary\n";
  row("Number to be Elected", {std::to_string(result.seats)});
  row("Number of Candidates", {std::to_string(result.candidates.size())});
  row("Total Number of Ballots", {std::to_string(table.ballots)});
  row("Number of Undervotes (No Rankings)", {std::to_string(table.blank)});
  out << '\n';

  std::vector<std::string> cells;
  for (std::size_t r = 0; r < rounds.size(); ++r)
    for (const std::string& cell : {"Round " + std::to_string(r + 1) + " Votes", std::string("% of vote"),
                                    std::string("transfer")})
      cells.push_back(cell);
  row("Rounds", cells);
  for (ActionKind kind : {ActionKind::excluded, ActionKind::elected}) {
    cells.clear();
    for (const Round& round : rounds) {
      std::string names;
      for (const Action& action : round.actions) {
        if (action.kind != kind) continue;
        names += (names.empty() ? "" : "; ") + result.candidates.at(action.candidate) + (action.tie ? "*" : "");
        any_tie = any_tie || action.tie.has_value();
      }
      cells.insert(cells.end(), {names, "", ""});
    }
    row((kind == ActionKind::excluded ? "Eliminated" : "Elected") + mark, cells);
  }
  for (std::uint32_t c : listing_order(result, contest.candidates.size())) {
    cells.clear();
    for (std::size_t r = 0; r < rounds.size(); ++r) {
      const Rational& votes = table.votes[r][c];
      cells.push_back(to_exact_string(votes));
      cells.push_back(share(votes, multi_seat ? table.active.front() : table.active[r]));
      cells.push_back(r == last ? "0" : difference(votes, table.votes[r + 1][c]));
    }
    row(result.candidates[c], cells);
  }
  auto per_round = [&](const std::string& label, auto value_of, bool with_transfer) {
    cells.clear();
    for (std::size_t r = 0; r < rounds.size(); ++r) {
      const Rational value = value_of(r);
      cells.push_back(to_exact_string(value));
      cells.push_back("");
      cells.push_back(!with_transfer ? "" : r == last ? "0" : difference(value, value_of(r + 1)));
    }
    row(label, cells);
  };
  per_round("Active Ballots", [&](std::size_t r) { return table.active[r]; }, false);
  if (!precinct)
    per_round("Current Round Threshold",
              [&](std::size_t r) { return rounds[r].threshold ? *rounds[r].threshold : Rational(0); }, false);
  if (options.inactive_by_reason) {
    const std::pair<const char*, ExhaustReason> reasons[] = {
        {"Inactive Ballots by Overvotes", ExhaustReason::overvote},
        {"Inactive Ballots by Skipped Rankings", ExhaustReason::skipped_ranks},
        {"Inactive Ballots by Exhausted Choices", ExhaustReason::no_continuing_choice},
        {"Inactive Ballots by Repeated Rankings", ExhaustReason::repeated_candidate}};
    for (const auto& [label, reason] : reasons) {
      const auto k = static_cast<std::size_t>(reason);
      per_round(label, [&, k](std::size_t r) { return table.inactive[r][k]; }, true);
    }
  }
  per_round("Inactive Ballots Total",
            [&](std::size_t r) {
              Rational total;
              for (const Rational& value : table.inactive[r]) total += value;
              return total;
            },
            true);
  if (multi_seat && !precinct) {
    std::vector<Rational> residual_before(rounds.size());
    Rational residual;
    for (std::size_t r = 0; r < rounds.size(); ++r) {
      residual_before[r] = residual;
      for (const Action& action : rounds[r].actions) residual += action.residual;
    }
    per_round("Residual surplus", [&](std::size_t r) { return residual_before[r]; }, false);
    cells.assign(rounds.size() * 3, "");
    cells[last * 3] = to_exact_string(final_round.final_surplus);
    row("Final Round Surplus", cells);
  }
  if (any_tie) out << "\n*Tie resolved in accordance with election law\n";
  if (precinct)
    out << "\n" << mark
        << "Elect/Eliminate decisions are from the full contest. All other results on this report are at the precinct "
           "level.\n";
  return out.str();
}

}  // namespace

std::string rctab_summary_csv(const RctabContest& contest, const Result& result, const RctabCsvOptions& options) {
  return report(contest, result, table_of(result), options, nullptr);
}

std::vector<PrecinctReport> rctab_precinct_csvs(const RctabContest& contest, const std::vector<CastVoteRecord>& records,
                                                const Result& result, const RctabCsvOptions& options) {
  if (!detail::whole_ballot_count(contest))
    throw Error(Errc::unsupported, Location{contest.config_path.string(), 0, "outputSettings.tabulateByPrecinct"},
                "per-precinct reports of fractional multi-seat counts are not written yet");
  std::vector<std::string> precincts;
  std::map<std::string, std::size_t> index;
  std::vector<std::size_t> precinct_of(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto [it, added] = index.try_emplace(records[i].precinct, precincts.size());
    if (added) precincts.push_back(records[i].precinct);
    precinct_of[i] = it->second;
  }
  const auto allocations = detail::allocate_records(contest, records, result);
  std::vector<Table> tables(precincts.size());
  for (Table& table : tables) {
    table.votes.assign(result.rounds.size(), std::vector<Rational>(result.candidates.size()));
    table.active.assign(result.rounds.size(), Rational(0));
    table.inactive.assign(result.rounds.size(), {});
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    Table& table = tables[precinct_of[i]];
    ++table.ballots;
    if (allocations.empty() ? false : allocations.front()[i].blank) ++table.blank;
    for (std::size_t r = 0; r < allocations.size(); ++r) {
      const detail::Allocation& a = allocations[r][i];
      if (a.blank) continue;
      if (a.choice.candidate == detail::Choice::kExhausted) {
        table.inactive[r][static_cast<std::size_t>(a.choice.reason)] += 1;
      } else {
        table.votes[r][a.choice.candidate] += 1;
        table.active[r] += 1;
      }
    }
  }
  std::vector<PrecinctReport> reports;
  for (std::size_t p = 0; p < precincts.size(); ++p)
    reports.push_back(PrecinctReport{precincts[p].empty() ? kNoPrecinct : precincts[p],
                                     report(contest, result, tables[p], options, &precincts[p])});
  return reports;
}

std::string rctab_cvr_csv(const RctabContest& contest, const std::vector<CastVoteRecord>& records) {
  std::uint32_t ranks = contest.ballots.max_rankings.value_or(0);
  if (!contest.ballots.max_rankings)
    for (const CastVoteRecord& record : records)
      ranks = std::max(ranks, static_cast<std::uint32_t>(record.ranking.num_positions()));
  std::ostringstream out;
  out << "Source Filepath,CVR Provider,Contest Id,RCTab CVR Id,Tabulator Id,Batch Id,Vendor Id,Precinct,Precinct Portion";
  for (std::uint32_t r = 1; r <= ranks; ++r) out << ",Rank " << r;
  out << '\n';
  const std::filesystem::path folder = contest.config_path.parent_path();
  for (const CastVoteRecord& record : records) {
    const RctabSource& source = contest.sources.at(record.source);
    std::string file = source.path.lexically_relative(folder).generic_string();
    if (file.empty()) file = source.path.generic_string();
    out << csv_cell(file) << ',' << csv_cell(source.provider) << ','
        << csv_cell(source.provider == "cdf" ? std::string() : source.contest_id) << ','
        << csv_cell(source.path.filename().string() + "(" + record.id + ")") << ",,," << csv_cell(record.id) << ','
        << csv_cell(record.precinct) << ',';
    const Ranking& ranking = record.ranking;
    for (std::uint32_t r = 0; r < ranks; ++r) {
      std::string cell = "undervote";
      if (r < ranking.num_positions()) {
        const std::uint32_t begin = ranking.position_begin[r], end = ranking.position_begin[r + 1];
        if (end - begin > 1 || (end - begin == 1 && ranking.marks[begin] == Mark::overvote)) cell = "overvote";
        else if (end - begin == 1 && ranking.marks[begin] == Mark::write_in) cell = "Undeclared Write-ins";
        else if (end - begin == 1) cell = contest.candidates.at(ranking.marks[begin]).name;
      }
      out << ',' << csv_cell(cell);
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace minga::ranked
