// SPDX-License-Identifier: Apache-2.0
// apps/minga/city.cpp - Puerto Minga: its neighbourhoods, projects, candidates and poll, and its voters.
#include "city.hpp"

#include <algorithm>

namespace minga::cli {

namespace {

constexpr int kCitywide = -1;

struct ProjectRow {
  const char* name;
  const char* category;
  int district;       // index into kDistricts, or kCitywide
  const char* cost;   // exact, as a budget office writes it
  std::uint32_t appeal;
};

struct CandidateRow {
  const char* name;
  const char* party;
  int district;
  std::uint32_t appeal;
};

struct OptionRow {
  const char* name;
  std::uint32_t appeal[5];  // per district
};

const District kDistricts[] = {
    {"Centro", 26, 62, 20},
    {"La Loma", 18, 24, 18},
    {"El Puerto", 22, 38, 24},
    {"San Isidro", 20, 50, 22},
    {"Las Flores", 14, 30, 30},
};

const ProjectRow kProjects[] = {
    {"Night bus line N3", "transport", kCitywide, "185000", 34},
    {"Solar panels on schools", "environment", kCitywide, "142500.75", 30},
    {"Public library late hours", "culture", kCitywide, "64800", 18},
    {"Free wifi in plazas", "digital", kCitywide, "38250.40", 22},
    {"Bike lane network, phase 1", "transport", kCitywide, "210000", 16},
    {"Plaza Mayor shade trees", "environment", 0, "27300", 20},
    {"Street lighting on Calle Real", "safety", 0, "45990.90", 24},
    {"Public toilets at the market", "health", 0, "52000", 14},
    {"Accessible crossings downtown", "mobility", 0, "33750", 12},
    {"Community kitchen", "social", 0, "41200.50", 16},
    {"Stairway handrails", "mobility", 1, "18400", 20},
    {"Water tank repair", "health", 1, "96500", 30},
    {"Football pitch lighting", "sport", 1, "39900", 14},
    {"Landslide barrier", "safety", 1, "128000", 22},
    {"Health post equipment", "health", 1, "57250.25", 18},
    {"Fish market roof", "economy", 2, "88000", 18},
    {"Waterfront walkway", "leisure", 2, "134600", 20},
    {"Youth music school", "culture", 2, "29999.99", 12},
    {"Flood drains on Calle 9", "safety", 2, "76300", 24},
    {"Digital services kiosk", "digital", 2, "15800", 8},
    {"Playground renovation", "leisure", 3, "31500", 22},
    {"Senior daycare centre", "social", 3, "99000", 18},
    {"Street trees on Avenida Sur", "environment", 3, "22750.60", 14},
    {"Paved access road", "mobility", 4, "154000", 26},
    {"Community garden and compost", "environment", 4, "12600", 12},
};

const CandidateRow kCandidates[] = {
    {"Ana Quispe", "Barrio Verde", 1, 30},  {"Tomas Rivas", "Civic Union", 0, 34},
    {"Lucia Mendoza", "Barrio Verde", 2, 26}, {"Diego Mamani", "Independent", 1, 18},
    {"Carmen Ortiz", "Civic Union", 3, 24},   {"Felipe Choque", "Harbour First", 2, 20},
    {"Gloria Vargas", "Independent", 4, 16},  {"Hugo Paredes", "Harbour First", 0, 12},
};

const OptionRow kOptions[] = {
    {"Reliable water supply", {20, 45, 25, 20, 35}},
    {"Safer streets at night", {35, 25, 30, 30, 25}},
    {"More green spaces", {30, 15, 20, 35, 20}},
    {"Better buses", {25, 30, 20, 25, 40}},
    {"Affordable housing", {30, 25, 35, 20, 25}},
    {"Public wifi", {20, 15, 15, 25, 10}},
};

constexpr std::uint32_t kMaxApprovals = 5;
constexpr std::int64_t kCredits = 100;

// How many projects, ranks and poll options a ballot marks (index = number marked).
const std::vector<std::uint32_t> kApprovalCountWeights = {0, 10, 14, 22, 22, 32};
const std::vector<std::uint32_t> kRankLengthWeights = {0, 8, 10, 18, 20, 16, 12, 8, 8};
const std::vector<std::uint32_t> kOptionCountWeights = {0, 15, 30, 30, 25};

// Paper ballots that break a rule or carry irregular marks, per thousand.
constexpr std::uint32_t kPaperTooManyApprovals = 40;
constexpr std::uint32_t kPaperOverspentCredits = 30;
constexpr std::uint32_t kVoteAgainst = 100;  // a poll vote is negative (any channel)

std::string district_label(int district) { return district == kCitywide ? "citywide" : kDistricts[district].name; }

Election make_budget() {
  std::vector<Alternative> projects;
  for (std::size_t i = 0; i < std::size(kProjects); ++i) {
    const ProjectRow& row = kProjects[i];
    Alternative a;
    a.id = std::to_string(i + 1);
    a.name = row.name;
    a.cost = parse_decimal(row.cost, "cost");
    a.attributes = {{"category", row.category}, {"district", district_label(row.district)}};
    projects.push_back(std::move(a));
  }
  Election e(BallotKind::approval, std::move(projects));
  e.title = "Puerto Minga participatory budget 2026";
  e.budget = Rational(1'000'000);
  e.rules.min_length = 1;
  e.rules.max_length = kMaxApprovals;
  e.meta = {{"description", e.title}, {"country", "Minga (synthetic)"}, {"unit", "Puerto Minga"},
            {"instance", "2026"},     {"date_begin", "01.03.2026"},      {"date_end", "15.03.2026"}};
  return e;
}

Election make_council() {
  std::vector<Alternative> candidates;
  for (std::size_t i = 0; i < std::size(kCandidates); ++i) {
    Alternative a;
    a.id = std::to_string(i + 1);
    a.name = kCandidates[i].name;
    a.attributes = {{"party", kCandidates[i].party}, {"district", district_label(kCandidates[i].district)}};
    candidates.push_back(std::move(a));
  }
  Election e(BallotKind::ranked, std::move(candidates));
  e.title = "Puerto Minga city council 2026";
  e.seats = 3;
  e.rules.min_length = 1;
  return e;
}

Election make_poll() {
  std::vector<Alternative> options;
  for (std::size_t i = 0; i < std::size(kOptions); ++i) {
    Alternative a;
    a.id = std::to_string(i + 1);
    a.name = kOptions[i].name;
    options.push_back(std::move(a));
  }
  Election e(BallotKind::quadratic, std::move(options));
  e.title = "Puerto Minga priorities poll 2026";
  e.rules.credits = Integer(kCredits);
  return e;
}

std::int64_t integer_sqrt(std::int64_t n) {
  std::int64_t r = 0;
  while ((r + 1) * (r + 1) <= n) ++r;
  return r;
}

}  // namespace

City make_city() {
  return City{"Puerto Minga", std::vector<District>(std::begin(kDistricts), std::end(kDistricts)), make_budget(),
              make_council(), make_poll()};
}

VoterGenerator::VoterGenerator(const City& city, std::string_view seed) : city_(city), random_(seed) {
  for (std::size_t d = 0; d < std::size(kDistricts); ++d) {
    district_weights_.push_back(kDistricts[d].share);
    std::vector<std::uint32_t> projects, candidates, options;
    for (const ProjectRow& p : kProjects)  // local projects matter most, citywide ones next
      projects.push_back(p.appeal * (p.district == static_cast<int>(d) ? 4 : p.district == kCitywide ? 2 : 1));
    for (const CandidateRow& c : kCandidates) candidates.push_back(c.appeal * (c.district == static_cast<int>(d) ? 3 : 1));
    for (const OptionRow& o : kOptions) options.push_back(o.appeal[d]);
    project_weights_.push_back(std::move(projects));
    candidate_weights_.push_back(std::move(candidates));
    option_weights_.push_back(std::move(options));
  }
}

std::uint64_t VoterGenerator::pick(const std::vector<std::uint32_t>& weights) {
  std::uint64_t total = 0;
  for (auto w : weights) total += w;
  std::uint64_t r = random_.below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;  // not reached: r < total
}

bool VoterGenerator::chance(std::uint32_t per_mille) { return random_.below(1000) < per_mille; }

std::vector<std::uint32_t> VoterGenerator::pick_distinct(std::vector<std::uint32_t> weights, std::size_t count) {
  std::vector<std::uint32_t> picked;
  auto available = static_cast<std::size_t>(std::count_if(weights.begin(), weights.end(), [](auto w) { return w > 0; }));
  count = std::min(count, available);
  while (picked.size() < count) {
    auto i = static_cast<std::uint32_t>(pick(weights));
    picked.push_back(i);
    weights[i] = 0;
  }
  return picked;
}

Channel VoterGenerator::pick_channel(const District& district) {
  std::uint64_t r = random_.below(100);
  if (r < district.online_percent) return Channel::online;
  if (r < district.online_percent + district.kiosk_percent) return Channel::kiosk;
  return Channel::paper;
}

void VoterGenerator::next(Voter& voter) {
  voter.district = static_cast<std::uint32_t>(pick(district_weights_));
  voter.channel = pick_channel(city_.districts[voter.district]);
  draw_approvals(voter);
  draw_ranking(voter);
  draw_votes(voter);
}

void VoterGenerator::draw_approvals(Voter& voter) {
  std::size_t count = pick(kApprovalCountWeights);
  // A paper form cannot stop a sixth tick; online and kiosk forms can.
  if (voter.channel == Channel::paper && chance(kPaperTooManyApprovals)) count = kMaxApprovals + 1 + random_.below(3);
  voter.approvals = pick_distinct(project_weights_[voter.district], count);
  std::sort(voter.approvals.begin(), voter.approvals.end());
}

void VoterGenerator::draw_ranking(Voter& voter) {
  std::size_t length = pick(kRankLengthWeights);
  std::vector<std::vector<std::uint32_t>> ranks;
  for (std::uint32_t candidate : pick_distinct(candidate_weights_[voter.district], length)) ranks.push_back({candidate});
  if (voter.channel == Channel::paper) spoil_ranking(ranks);
  voter.ranking.clear();
  for (const auto& marks : ranks) voter.ranking.add_position(marks.data(), marks.size());
}

// What hand-marked ballots do: a few are blank, skip a rank, mark two
// candidates at one rank, are read as an overvote, rank someone twice or
// carry a write-in. Per thousand paper ballots, as cumulative thresholds.
void VoterGenerator::spoil_ranking(std::vector<std::vector<std::uint32_t>>& ranks) {
  const std::uint64_t r = random_.below(1000);
  const std::size_t n = ranks.size();
  if (r < 4) {
    ranks.clear();  // blank
  } else if (r < 24 && n > 0) {
    ranks.insert(ranks.begin() + static_cast<std::ptrdiff_t>(random_.below(n)), std::vector<std::uint32_t>{});  // skipped rank
  } else if (r < 39 && n > 0) {
    std::vector<std::uint32_t> unranked;
    for (std::uint32_t c = 0; c < std::size(kCandidates); ++c)
      if (std::none_of(ranks.begin(), ranks.end(), [&](const auto& marks) { return marks[0] == c; })) unranked.push_back(c);
    if (!unranked.empty()) ranks[random_.below(n)].push_back(unranked[random_.below(unranked.size())]);  // two at one rank
  } else if (r < 44 && n > 0) {
    ranks[random_.below(n)] = {Mark::overvote};  // the scanner read an overvote
  } else if (r < 50 && n > 0) {
    ranks.push_back({ranks[random_.below(n)][0]});  // someone ranked twice
  } else if (r < 54) {
    ranks.insert(ranks.begin() + static_cast<std::ptrdiff_t>(random_.below(n + 1)), std::vector<std::uint32_t>{Mark::write_in});
  }
}

void VoterGenerator::draw_votes(Voter& voter) {
  voter.votes.clear();
  std::int64_t credits_left = kCredits;
  for (std::uint32_t option : pick_distinct(option_weights_[voter.district], pick(kOptionCountWeights))) {
    std::int64_t most = std::min<std::int64_t>(integer_sqrt(credits_left), 7);
    if (most == 0) break;
    auto votes = static_cast<std::int64_t>(1 + random_.below(static_cast<std::uint64_t>(most)));
    credits_left -= votes * votes;
    voter.votes.push_back(QuadraticVote{option, chance(kVoteAgainst) ? -votes : votes});
  }
  // On paper nobody adds up the squares: some ballots spend more than the credits.
  if (voter.channel == Channel::paper && !voter.votes.empty() && chance(kPaperOverspentCredits)) {
    std::int64_t others = kCredits - credits_left - voter.votes[0].votes * voter.votes[0].votes;
    std::int64_t votes = integer_sqrt(kCredits - others) + 1;
    voter.votes[0].votes = voter.votes[0].votes < 0 ? -votes : votes;
  }
}

}  // namespace minga::cli
