// SPDX-License-Identifier: Apache-2.0
// apps/minga/demo.cpp - `minga demo`: a synthetic city votes across channels; everything minga can do, shown on it.
//
// One function per section of the report, so the demo grows with the
// library (budget rules, STV, the quadratic tally, encrypted ballots).
// Every number printed is computed from the seeded city, so the same seed
// prints the same report, byte for byte.
#include <algorithm>
#include <array>
#include <iostream>
#include <limits>
#include <sstream>

#include "city.hpp"
#include "cli.hpp"
#include "minga/ballot/summary.hpp"
#include "minga/budget/analysis.hpp"
#include "minga/budget/equal_shares.hpp"
#include "minga/budget/greedy.hpp"
#include "report.hpp"

namespace minga::cli {

namespace {

constexpr std::string_view kDefaultSeed = "minga-demo-2026";
constexpr std::uint64_t kDefaultVoters = 20'000;
constexpr std::uint64_t kMaxVoters = 10'000'000;
constexpr std::uint64_t kPaperBatchSize = 500;

constexpr std::array<Channel, 3> kChannels = {Channel::online, Channel::kiosk, Channel::paper};

std::size_t channel_slot(Channel channel) {
  return static_cast<std::size_t>(std::find(kChannels.begin(), kChannels.end(), channel) - kChannels.begin());
}

/// The city's three elections as one count holds them.
struct Elections {
  Election budget;
  Election council;
  Election poll;
};

Elections empty_elections(const City& city) { return Elections{city.budget, city.council, city.poll}; }

/// Where ballots are counted: the online server, the kiosk network or one
/// batch of paper ballots at a neighbourhood's polling station. Each builds
/// its own partial profiles, as independent counting centres would.
struct CountingCentre {
  std::string name;
  Channel channel;
  Elections partial;
  /// City candidate index -> this centre's index. Paper tally sheets list
  /// the candidates alphabetically, so their numbering differs.
  std::vector<AlternativeIndex> council_numbering;
  std::uint64_t ballots = 0;
};

/// Everything the voting produced.
struct Cast {
  std::vector<CountingCentre> centres;
  Elections one_pass;  ///< every ballot added to one profile as it was cast
  std::vector<std::array<std::uint64_t, 3>> voters;  ///< [district][channel slot]
  std::vector<std::uint64_t> paper_batches;           ///< [district]
};

// ---- casting ------------------------------------------------------------------

std::vector<AlternativeIndex> identity_numbering(std::uint32_t n) {
  std::vector<AlternativeIndex> numbering(n);
  for (std::uint32_t i = 0; i < n; ++i) numbering[i] = i;
  return numbering;
}

CountingCentre open_centre(const City& city, std::string name, Channel channel) {
  CountingCentre centre{std::move(name), channel, empty_elections(city), identity_numbering(city.council.num_alternatives()), 0};
  if (channel == Channel::paper) {
    auto& candidates = centre.partial.council.alternatives;
    std::vector<AlternativeIndex> by_name = identity_numbering(city.council.num_alternatives());
    std::stable_sort(by_name.begin(), by_name.end(),
                     [&](auto a, auto b) { return city.council.alternatives[a].name < city.council.alternatives[b].name; });
    candidates.clear();
    for (std::uint32_t local = 0; local < by_name.size(); ++local) {
      candidates.push_back(city.council.alternatives[by_name[local]]);
      centre.council_numbering[by_name[local]] = local;
    }
  }
  return centre;
}

void add_ballots(Elections& to, const Voter& voter, const Stratum& stratum, const std::vector<AlternativeIndex>& council_numbering) {
  to.budget.profile.add_approval(voter.approvals, 1, to.budget.profile.intern_stratum(stratum));
  Ranking ranking = voter.ranking;
  for (auto& mark : ranking.marks)
    if (mark < Mark::max_candidate) mark = council_numbering[mark];
  to.council.profile.add_ranking(ranking, 1, to.council.profile.intern_stratum(stratum));
  to.poll.profile.add_quadratic(voter.votes, 1, to.poll.profile.intern_stratum(stratum));
}

Cast cast_ballots(const City& city, std::string_view seed, std::uint64_t voters) {
  Cast cast{{}, empty_elections(city), std::vector<std::array<std::uint64_t, 3>>(city.districts.size(), {0, 0, 0}),
            std::vector<std::uint64_t>(city.districts.size(), 0)};
  cast.centres.push_back(open_centre(city, "online server", Channel::online));
  cast.centres.push_back(open_centre(city, "kiosk network", Channel::kiosk));
  constexpr std::size_t no_batch = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> open_batch(city.districts.size(), no_batch);  // centre of each district's current batch
  const std::vector<AlternativeIndex> city_numbering = identity_numbering(city.council.num_alternatives());

  VoterGenerator generator(city, seed);
  Voter voter;
  for (std::uint64_t i = 0; i < voters; ++i) {
    generator.next(voter);
    const District& district = city.districts[voter.district];
    const Stratum stratum{voter.channel, district.name};
    ++cast.voters[voter.district][channel_slot(voter.channel)];
    add_ballots(cast.one_pass, voter, stratum, city_numbering);

    std::size_t centre = voter.channel == Channel::online ? 0 : voter.channel == Channel::kiosk ? 1 : open_batch[voter.district];
    if (voter.channel == Channel::paper && (centre == no_batch || cast.centres[centre].ballots == kPaperBatchSize)) {
      std::string name = "paper, " + district.name + ", batch " + std::to_string(++cast.paper_batches[voter.district]);
      cast.centres.push_back(open_centre(city, std::move(name), Channel::paper));
      centre = open_batch[voter.district] = cast.centres.size() - 1;
    }
    CountingCentre& c = cast.centres[centre];
    add_ballots(c.partial, voter, stratum, c.council_numbering);
    ++c.ballots;
  }
  return cast;
}

Elections merge_centres(const City& city, const std::vector<CountingCentre>& centres) {
  Elections total = empty_elections(city);
  for (const CountingCentre& c : centres) {
    total.budget.merge(c.partial.budget);
    total.council.merge(c.partial.council);  // matches candidates by id
    total.poll.merge(c.partial.poll);
  }
  return total;
}

// ---- small counts over a profile (counts, not rule outcomes) -----------------------

/// Ballots that break at least one ballot rule, per channel slot.
std::array<std::uint64_t, 3> rule_breakers_by_channel(const Election& e) {
  std::array<std::uint64_t, 3> out{0, 0, 0};
  for (std::size_t entry = 0; entry < e.profile.num_entries(); ++entry) {
    if (obeys_ballot_rules(e, entry)) continue;
    std::size_t slot = channel_slot(e.profile.strata()[e.profile.stratum_of(entry)].channel);
    if (slot < out.size()) out[slot] += e.profile.count(entry);
  }
  return out;
}

std::uint64_t sum(const std::array<std::uint64_t, 3>& a) { return a[0] + a[1] + a[2]; }

void print_rule_breakers(std::ostream& out, const Election& e) {
  auto breakers = rule_breakers_by_channel(e);
  std::string line = "by channel: ";
  for (std::size_t s = 0; s < kChannels.size(); ++s)
    line += std::string(s ? ", " : "") + channel_name(kChannels[s]) + " " + grouped(breakers[s]);
  print_field(out, "", line);
}

void print_memory(std::ostream& out, const Profile& p) {
  print_field(out, "profile memory", grouped(static_cast<std::uint64_t>(p.memory_bytes())) + " bytes (" +
                                         ratio(p.memory_bytes(), p.num_ballots()) + " bytes per ballot)");
}

// ---- the report ------------------------------------------------------------------

std::string key_prefix(std::string_view seed) {
  static const char* hex = "0123456789abcdef";
  const auto key = SeededRandom(seed).key();
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    unsigned char b = key[i];
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

void print_story(std::ostream& out, const City& city, std::string_view seed, std::uint64_t voters) {
  const std::string title = "minga demo: " + city.name + " votes, online, at kiosks and on paper";
  out << title << '\n' << std::string(title.size(), '=') << '\n';
  out << city.name << " is a synthetic city of " << city.districts.size() << " neighbourhoods. This year its\n"
      << "residents share a participatory budget of " << money(*city.budget.budget) << " among "
      << city.budget.num_alternatives() << " projects,\n"
      << "elect " << *city.council.seats << " of " << city.council.num_alternatives()
      << " council candidates by ranked ballot, and weigh " << city.poll.num_alternatives() << " city priorities\n"
      << "in a quadratic poll. Not everyone is online, so every vote can be cast online,\n"
      << "at a kiosk or on paper. Online and kiosk forms check each ballot as it is cast;\n"
      << "paper ballots cannot be checked, and are counted by hand, in batches, at each\n"
      << "neighbourhood's polling station. Every counting centre builds its own partial\n"
      << "profile; minga merges them, checks every ballot against the rules and moves\n"
      << "the result between file formats. Counts below are plain counts, not the\n"
      << "outcome of a voting rule.\n\n";
  print_field(out, "seed", "\"" + std::string(seed) + "\" (key " + key_prefix(seed) + "...; same seed, same report)");
  print_field(out, "voters", grouped(voters) + " (each casts three ballots)");
}

void print_city(std::ostream& out, const City& city, const Cast& cast) {
  print_heading(out, "1. The city: who votes where");
  out << "  " << pad("neighbourhood", 14) << pad_left("voters", 8);
  for (Channel c : kChannels) out << pad_left(channel_name(c), 16);
  out << '\n';
  std::array<std::uint64_t, 3> totals{0, 0, 0};
  auto row = [&](std::string_view name, const std::array<std::uint64_t, 3>& v) {
    out << "  " << pad(name, 14) << pad_left(grouped(sum(v)), 8);
    for (std::size_t s = 0; s < v.size(); ++s)
      out << pad_left(grouped(v[s]), 8) << pad_left(percent(v[s], sum(v)), 8);
    out << '\n';
  };
  for (std::size_t d = 0; d < city.districts.size(); ++d) {
    row(city.districts[d].name, cast.voters[d]);
    for (std::size_t s = 0; s < totals.size(); ++s) totals[s] += cast.voters[d][s];
  }
  row("city", totals);
}

void print_counting(std::ostream& out, const City& city, const Cast& cast, const Elections& merged) {
  print_heading(out, "2. Counting centres: partial profiles, merged");
  for (Channel channel : kChannels) {
    std::uint64_t centres = 0, ballots = 0;
    for (const CountingCentre& c : cast.centres)
      if (c.channel == channel) ++centres, ballots += c.ballots;
    std::string what = grouped(centres) + (centres == 1 ? " partial profile, " : " partial profiles, ") + grouped(ballots) + " ballots";
    if (channel == Channel::paper) what += ", in batches of at most " + grouped(kPaperBatchSize) + ":";
    print_field(out, channel_name(channel), what);
  }
  std::string batches;
  for (std::size_t d = 0; d < city.districts.size(); ++d)
    batches += (d ? ", " : "") + city.districts[d].name + " " + grouped(cast.paper_batches[d]);
  print_field(out, "", batches);
  print_field(out, "", "paper tally sheets list the council candidates alphabetically, so");
  print_field(out, "", "those profiles number them differently; merging matches them by id");
  auto same = [](const Election& merged_one, const Election& one_pass) {
    return merged_one.profile.same_ballots(one_pass.profile) ? "yes" : "NO";
  };
  print_field(out, "merged", grouped(cast.centres.size()) + " partial profiles into one per election; the same");
  print_field(out, "", std::string("ballots as one profile built in one pass: budget ") + same(merged.budget, cast.one_pass.budget) +
                           ", council " + same(merged.council, cast.one_pass.council) + ", poll " +
                           same(merged.poll, cast.one_pass.poll));
}

/// One budgeting outcome in a line of figures: funded projects, cost, voters left empty-handed, EJR up to one.
void print_outcome_line(std::ostream& out, std::string_view label, const budget::BudgetInstance& in,
                        const budget::Allocation& a) {
  const budget::OutcomeStats stats = budget::outcome_stats(in, a.selected);
  const bool ejr1 = budget::check_axiom(in, a.selected, budget::Axiom::ejr_up_to_one).satisfied;
  out << "  " << pad(std::string(label), 26) << pad_left(std::to_string(a.selected.size()), 3) << " projects"
      << pad_left(money(a.total_cost), 12) << "   empty-handed " << pad_left(percent(stats.all.empty_handed, stats.all.voters), 6)
      << "   EJR up to one " << (ejr1 ? "yes" : "NO") << '\n';
}

/// The budget decided as the city's rules say (MES, Add1) next to the usual greedy rule.
void print_decision(std::ostream& out, const Election& e, std::string_view seed) {
  budget::InstanceOptions io;
  io.only_valid_ballots = true;  // ballots that break the rules do not count
  const budget::BudgetInstance in(e, io);
  budget::EqualSharesOptions mes;
  mes.tie_break = budget::TieBreakChain::parse("min_cost,max_votes,lot", std::string(seed));
  mes.completion = budget::Completion::add1;
  mes.add1_exhaustive_stop = false;
  budget::GreedyOptions greedy;
  greedy.tie_break = mes.tie_break;
  const budget::Allocation by_mes = budget::equal_shares(in, mes);
  const budget::Allocation by_votes = budget::greedy(in, greedy);
  out << "\n  Decided on the " << grouped(in.num_voters()) << " valid ballots (ties: min cost, max votes, then a lot\n"
      << "  from the seed; the Method of Equal Shares raised each voter's share to "
      << money(*by_mes.endowment) << "):\n";
  print_outcome_line(out, "Method of Equal Shares", in, by_mes);
  print_outcome_line(out, "greedy by votes", in, by_votes);
  const budget::OutcomeStats stats = budget::outcome_stats(in, by_mes.selected);
  for (const auto& [channel, v] : stats.by_channel)
    out << "    equal shares, " << pad(channel + ":", 8) << pad_left(percent(v.empty_handed, v.voters), 6)
        << " of " << grouped(v.voters) << " voters empty-handed\n";
  out << "  Funded by equal shares (cost, votes, effective votes):\n";
  for (const budget::FundingStep& step : by_mes.steps) {
    const Alternative& p = e.alternatives[in.alternative(step.project)];
    const std::string* district = p.attribute("district");
    out << "    " << pad(p.label(), 31) << pad(district ? *district : "", 11) << pad_left(money(*p.cost), 11)
        << pad_left(grouped(step.supporters), 8)
        << pad_left(step.effective_votes ? grouped(Rational(Integer(numerator(*step.effective_votes) /
                                                                    denominator(*step.effective_votes))))
                                         : std::string("-"), 8)
        << (by_votes.contains(step.project) ? "" : "   (not by greedy)") << '\n';
  }
}

void print_budget(std::ostream& out, const Election& e, std::string_view seed) {
  print_heading(out, "3. Participatory budget: approval ballots over " + std::to_string(e.num_alternatives()) + " projects");
  ElectionSummary s = summarize(e);
  print_field(out, "budget", money(*e.budget) + " (the projects cost " + money(*s.total_cost) + " in all)");
  print_ballot_facts(out, s);
  print_rule_breakers(out, e);
  print_memory(out, e.profile);
  print_decision(out, e, seed);
}

/// What hand-marked ranked ballots carry; a ballot can show several.
struct MarkIrregularities {
  std::uint64_t blank = 0, skipped_rank = 0, several_at_one_rank = 0, overvote = 0, ranked_twice = 0, write_in = 0;
};

MarkIrregularities count_irregularities(const Election& e) {
  MarkIrregularities found;
  Ranking r;
  for (std::size_t entry = 0; entry < e.profile.num_entries(); ++entry) {
    e.profile.ranking(entry, r);
    const std::uint64_t n = e.profile.count(entry);
    if (r.num_positions() == 0) found.blank += n;
    bool skipped = false, several = false, overvote = false, write_in = false, twice = false;
    std::vector<std::uint32_t> seen;
    for (std::size_t k = 0; k < r.num_positions(); ++k) {
      const std::uint32_t b = r.position_begin[k], end = r.position_begin[k + 1];
      skipped = skipped || b == end;
      several = several || end - b > 1;
      for (std::uint32_t i = b; i < end; ++i) {
        const std::uint32_t m = r.marks[i];
        overvote = overvote || m == Mark::overvote;
        write_in = write_in || m == Mark::write_in;
        if (m < Mark::max_candidate) {
          twice = twice || std::find(seen.begin(), seen.end(), m) != seen.end();
          seen.push_back(m);
        }
      }
    }
    found.skipped_rank += skipped ? n : 0;
    found.several_at_one_rank += several ? n : 0;
    found.overvote += overvote ? n : 0;
    found.write_in += write_in ? n : 0;
    found.ranked_twice += twice ? n : 0;
  }
  return found;
}

void print_first_preferences(std::ostream& out, const Election& e) {
  std::vector<std::uint64_t> first(e.num_alternatives(), 0);
  std::uint64_t unclear = 0;
  Ranking r;
  for (std::size_t entry = 0; entry < e.profile.num_entries(); ++entry) {
    e.profile.ranking(entry, r);
    bool single = r.num_positions() > 0 && r.position_begin[1] == 1 && r.marks[0] < Mark::max_candidate;
    if (single) first[r.marks[0]] += e.profile.count(entry);
    else unclear += e.profile.count(entry);
  }
  std::vector<AlternativeIndex> order = identity_numbering(e.num_alternatives());
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return first[a] > first[b]; });
  out << "\n  First preferences (ballots whose rank 1 holds exactly one candidate;\n"
         "  counts, not an STV result; " << *e.seats << " seats to fill):\n";
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Alternative& c = e.alternatives[order[i]];
    const std::string* party = c.attribute("party");
    out << "  " << pad_left(std::to_string(i + 1), 4) << ". " << pad(c.label(), 16) << pad(party ? *party : "", 15)
        << pad_left(grouped(first[order[i]]), 9) << pad_left(percent(first[order[i]], e.profile.num_ballots()), 7) << '\n';
  }
  out << "        " << pad("no single first preference", 31) << pad_left(grouped(unclear), 9)
      << pad_left(percent(unclear, e.profile.num_ballots()), 7) << '\n';
}

void print_council(std::ostream& out, const Election& e) {
  print_heading(out, "4. Council race: ranked ballots, " + std::to_string(e.num_alternatives()) + " candidates, " +
                         std::to_string(*e.seats) + " seats");
  ElectionSummary s = summarize(e);
  print_ballot_facts(out, s);
  print_rule_breakers(out, e);
  print_memory(out, e.profile);
  MarkIrregularities m = count_irregularities(e);
  print_field(out, "marks as made", grouped(m.blank) + " blank, " + grouped(m.skipped_rank) + " with a skipped rank, " +
                                        grouped(m.several_at_one_rank) + " with two candidates at one rank,");
  print_field(out, "", grouped(m.overvote) + " read as an overvote, " + grouped(m.ranked_twice) +
                           " ranking a candidate twice, " + grouped(m.write_in) + " with a write-in");
  print_field(out, "", "(kept as marked; the tabulation rule decides what they mean)");
  print_first_preferences(out, e);
}

void print_poll_totals(std::ostream& out, const Election& e) {
  std::vector<std::int64_t> all(e.num_alternatives(), 0), within(e.num_alternatives(), 0);
  std::vector<QuadraticVote> votes;
  for (std::size_t entry = 0; entry < e.profile.num_entries(); ++entry) {
    const bool ok = obeys_ballot_rules(e, entry);
    const auto n = static_cast<std::int64_t>(e.profile.count(entry));
    e.profile.quadratic(entry, votes);
    for (const QuadraticVote& v : votes) {
      all[v.alternative] += v.votes * n;
      if (ok) within[v.alternative] += v.votes * n;
    }
  }
  std::vector<AlternativeIndex> order = identity_numbering(e.num_alternatives());
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return within[a] > within[b]; });
  out << "\n  Net votes per option (votes for minus votes against; counts, not a tally rule):\n"
      << "  " << pad("", 30) << pad_left("within credits", 16) << pad_left("all ballots", 14) << '\n';
  for (AlternativeIndex o : order)
    out << "  " << pad(e.alternatives[o].label(), 30) << pad_left(grouped(Rational(within[o])), 16)
        << pad_left(grouped(Rational(all[o])), 14) << '\n';
}

void print_poll(std::ostream& out, const Election& e) {
  print_heading(out, "5. Quadratic priority poll: " + std::to_string(e.num_alternatives()) + " options, " +
                         e.rules.credits->str() + " credits");
  print_ballot_facts(out, summarize(e));
  print_rule_breakers(out, e);
  print_memory(out, e.profile);
  print_poll_totals(out, e);
}

/// Writes `e` as `format`, reads it back and says what survived.
std::string round_trip(const Election& e, Format format, std::uint64_t& bytes) {
  std::string text;
  try {
    text = write_election_to_string(e, format);
  } catch (const Error& error) {
    if (error.code() != Errc::unsupported) throw;
    bytes = 0;
    return "not written: " + error.reason();
  }
  bytes = text.size();
  ReadOptions options;
  options.format = format;
  options.display_name = std::string("demo.") + format_name(format);
  Election back = read_election_from_string(text, options);
  // Read back over the original numbering: by id, or by name for formats
  // that keep only names (a ranked CSV).
  for (bool by_name : {false, true}) {
    std::vector<Alternative> alternatives = e.alternatives;
    if (by_name)
      for (Alternative& a : alternatives) a.id = a.label();
    Election aligned(e.kind(), std::move(alternatives));
    try {
      aligned.merge(back);
    } catch (const Error&) {
      continue;
    }
    const std::string matched = by_name ? " (matched by name)" : "";
    if (aligned.profile.same_ballots(e.profile)) return "same ballots, channels and districts" + matched;
    if (aligned.profile.collapsed().same_ballots(e.profile.collapsed()))
      return "same ballots (the format keeps no channels)" + matched;
    return "DIFFERENT ballots" + matched;
  }
  return "DIFFERENT alternatives";
}

/// The same election holding only the ballots of some channels.
Election only_channels(const Election& e, std::initializer_list<Channel> channels) {
  Election part = e;
  part.profile = e.profile.filtered([&](const Stratum& s) {
    return std::find(channels.begin(), channels.end(), s.channel) != channels.end();
  });
  return part;
}

void print_formats(std::ostream& out, const Elections& merged) {
  print_heading(out, "6. File formats: write, read back, compare");
  struct Row {
    std::string label;
    Election election;
    std::vector<Format> formats;
  };
  const std::vector<Row> rows = {
      {"budget", merged.budget, {Format::pabulib, Format::json, Format::binary}},
      {"council", merged.council, {Format::blt, Format::preflib, Format::csv, Format::json, Format::binary}},
      {"council, no paper", only_channels(merged.council, {Channel::online, Channel::kiosk}), {Format::blt, Format::preflib}},
      {"poll", merged.poll, {Format::json, Format::binary}},
  };
  for (const Row& row : rows) {
    for (Format format : row.formats) {
      std::uint64_t bytes = 0;
      std::string verdict;
      try {
        verdict = round_trip(row.election, format, bytes);
      } catch (const Error& error) {
        verdict = std::string("FAILED: ") + error.what();
      }
      out << "  " << pad(row.label, 19) << pad(format_name(format), 9)
          << pad_left(bytes ? grouped(bytes) + " bytes" : "-", 16) << "  " << verdict << '\n';
    }
  }
  out << "  (BLT and PrefLib cannot hold every mark the council's paper ballots carry,\n"
         "  so they are also shown on the online and kiosk ballots alone)\n";
}

std::uint64_t voters_option(const Arguments& args) {
  auto text = args.value("voters");
  if (!text) return kDefaultVoters;
  std::uint64_t voters = 0;
  try {
    voters = parse_count(*text, "--voters");
  } catch (const Error& e) {
    throw UsageError(e.reason());
  }
  if (voters == 0 || voters > kMaxVoters) throw UsageError("--voters must be between 1 and " + grouped(kMaxVoters));
  return voters;
}

int run_demo(const Arguments& args) {
  const std::string seed = args.value("seed").value_or(std::string(kDefaultSeed));
  const std::uint64_t voters = voters_option(args);
  const City city = make_city();
  const Cast cast = cast_ballots(city, seed, voters);
  const Elections merged = merge_centres(city, cast.centres);

  std::ostringstream out;  // printed at once, so a failure never leaves half a report
  print_story(out, city, seed, voters);
  print_city(out, city, cast);
  print_counting(out, city, cast, merged);
  print_budget(out, merged.budget, seed);
  print_council(out, merged.council);
  print_poll(out, merged.poll);
  print_formats(out, merged);
  std::cout << out.str();
  if (const std::optional<std::string> folder = args.value("record")) {
    std::cout << '\n';
    if (!run_demo_election(*folder, std::cout)) return exit_not_verified;
  }
  return exit_ok;
}

}  // namespace

const CommandSpec& demo_command() {
  static const CommandSpec spec{
      "demo",
      "demo [--seed S] [--voters N] [--record DIR]",
      "a synthetic city votes online, at kiosks and on paper: see what minga does",
      "Generates Puerto Minga, a synthetic city of five neighbourhoods whose\n"
      "residents vote online, at kiosks and on paper (counted by hand in batches),\n"
      "in a participatory budget, a council race and a quadratic poll. Each\n"
      "counting centre builds its own partial profile; the demo merges them,\n"
      "checks ballot rules, counts approvals and first preferences, and writes\n"
      "and reads back every file format. The same seed prints the same report.\n\n"
      "options:\n"
      "  --seed S     the seed of the city's randomness (default \"minga-demo-2026\")\n"
      "  --voters N   number of residents who vote, 1 to 10,000,000 (default 20,000)\n"
      "  --record DIR also run a small encrypted, verifiable election in the new folder\n"
      "               DIR (minga election, step by step) and verify its record\n",
      {},
      {"seed", "voters", "record"},
      0,
      0,
      &run_demo,
  };
  return spec;
}

}  // namespace minga::cli
