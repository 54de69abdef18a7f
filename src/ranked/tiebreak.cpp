// SPDX-License-Identifier: Apache-2.0
// src/ranked/tiebreak.cpp - tie-break policies: look-back over rounds, then a final step.
#include "minga/ranked/tiebreak.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "minga/core/error.hpp"
#include "minga/core/random.hpp"

namespace minga::ranked {

const char* look_back_name(LookBack look_back) noexcept {
  switch (look_back) {
    case LookBack::none: return "none";
    case LookBack::previous_rounds_backwards: return "previous_rounds_backwards";
    case LookBack::first_difference_forwards: return "first_difference_forwards";
    case LookBack::ahead_at_first_difference: return "ahead_at_first_difference";
  }
  return "?";
}

const char* tie_final_name(TieFinal final) noexcept {
  switch (final) {
    case TieFinal::stop: return "stop";
    case TieFinal::candidate_order: return "candidate_order";
    case TieFinal::seeded_random: return "seeded_random";
    case TieFinal::rctab_random: return "rctab_random";
    case TieFinal::rctab_permutation: return "rctab_permutation";
    case TieFinal::lot_order: return "lot_order";
    case TieFinal::new_zealand_prn: return "new_zealand_prn";
  }
  return "?";
}

TieBreak tie_break_from_name(std::string_view name, std::string seed) {
  TieBreak policy;
  policy.seed = std::move(seed);
  std::string_view rest = name;
  if (rest == "new-zealand") rest = "aafd,nz-prn";
  if (rest.rfind("aafd,", 0) == 0) {
    policy.look_back = LookBack::ahead_at_first_difference;
    rest.remove_prefix(5);
  } else if (rest.rfind("backwards,", 0) == 0) {
    policy.look_back = LookBack::previous_rounds_backwards;
    rest.remove_prefix(10);
  } else if (rest.rfind("forwards,", 0) == 0) {
    policy.look_back = LookBack::first_difference_forwards;
    rest.remove_prefix(9);
  }
  if (rest == "stop") policy.final = TieFinal::stop;
  else if (rest == "candidate-order") policy.final = TieFinal::candidate_order;
  else if (rest == "random") policy.final = TieFinal::seeded_random;
  else if (rest == "rctab-random") policy.final = TieFinal::rctab_random;
  else if (rest == "rctab-permutation") policy.final = TieFinal::rctab_permutation;
  else if (rest == "lot-order") policy.final = TieFinal::lot_order;
  else if (rest == "nz-prn") policy.final = TieFinal::new_zealand_prn;
  else
    throw Error(Errc::invalid_argument,
                "unknown tie-break \"" + std::string(name) +
                    "\" (accepted: [backwards,|forwards,|aafd,]stop|candidate-order|random|rctab-random|"
                    "rctab-permutation|lot-order|nz-prn, or new-zealand)");
  if ((policy.final == TieFinal::seeded_random || policy.final == TieFinal::rctab_random ||
       policy.final == TieFinal::rctab_permutation) &&
      policy.seed.empty())
    throw Error(Errc::invalid_argument, "a random tie-break needs a published seed");
  return policy;
}

// ---- java.util.Random -----------------------------------------------------------

namespace {
constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
constexpr std::uint64_t kMask = (1ULL << 48) - 1;
}  // namespace

JavaRandom::JavaRandom(std::int64_t seed) : seed_((static_cast<std::uint64_t>(seed) ^ kMultiplier) & kMask) {}

std::int32_t JavaRandom::next(int bits) {
  seed_ = (seed_ * kMultiplier + 0xBULL) & kMask;
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(seed_ >> (48 - bits)));
}

double JavaRandom::next_double() {
  const std::uint64_t high = static_cast<std::uint32_t>(next(26));
  const std::uint64_t low = static_cast<std::uint32_t>(next(27));
  return static_cast<double>((high << 27) + low) * 0x1.0p-53;
}

std::int32_t JavaRandom::next_int(std::int32_t bound) {
  if (bound <= 0) throw Error(Errc::invalid_argument, "next_int bound must be positive");
  if ((bound & -bound) == bound)
    return static_cast<std::int32_t>((static_cast<std::int64_t>(bound) * next(31)) >> 31);
  std::int32_t bits, value;
  do {
    bits = next(31);
    value = bits % bound;
  } while (static_cast<std::int64_t>(bits) - value + (bound - 1) > INT32_MAX);
  return value;
}

// ---- New Zealand PRNs (Local Electoral Regulations 2001, Schedule 1A, cl. 41-48) ----------

NewZealandPrng::NewZealandPrng(std::uint32_t candidates, std::uint32_t vacancies, std::uint64_t valid_documents)
    : x_(static_cast<std::uint32_t>((std::uint64_t{candidates} + 5) % 30269)),  // cl. 42 (rem keeps the value)
      y_(static_cast<std::uint32_t>(vacancies % 30307)),
      z_(static_cast<std::uint32_t>((valid_documents % 30323 + 1000 * (valid_documents % 10)) % 30323)) {}

std::int32_t NewZealandPrng::next() {  // cl. 43
  x_ = 171 * x_ % 30269;
  y_ = 172 * y_ % 30307;
  z_ = 170 * z_ % 30323;
  return static_cast<std::int32_t>(10000 * x_ / 30269 + 10000 * y_ / 30307 + 10000 * z_ / 30323);
}

std::vector<std::int32_t> NewZealandPrng::first_step_prns(std::uint32_t candidates, std::uint32_t vacancies,
                                                          std::uint64_t valid_documents) {
  constexpr std::uint32_t kDistinct = 29998;  // rc is 0..29 997
  if (candidates > kDistinct)
    throw Error(Errc::invalid_argument, "the New Zealand PRN method numbers at most 29998 candidates, not " +
                                            std::to_string(candidates));
  NewZealandPrng generator(candidates, vacancies, valid_documents);
  for (int i = 0; i < 4; ++i) (void)generator.next();  // cl. 44
  std::vector<std::int32_t> prns;
  std::vector<char> taken(kDistinct, 0);
  // cl. 45-47. The three component generators have periods 30 268, 30 306 and 30 322, so the
  // values repeat only after about 7 x 10^12 draws; the bound turns an impossible case into an error.
  std::uint64_t draws = 0;
  while (prns.size() < candidates) {
    const std::int32_t rc = generator.next();
    if (++draws > 100000000)
      throw Error(Errc::invalid_argument, "the New Zealand PRN method found no free number for a candidate");
    if (taken[static_cast<std::size_t>(rc)]) continue;
    taken[static_cast<std::size_t>(rc)] = 1;
    prns.push_back(rc);
  }
  return prns;
}

std::int32_t NewZealandPrng::at_step(std::int32_t first_step_prn, std::uint64_t step) noexcept {
  return step % 2 == 1 ? first_step_prn : 10000 - first_step_prn;  // cl. 48, applied step - 1 times
}

// ---- TieBreaker ---------------------------------------------------------------

struct TieBreaker::State {
  TieBreak policy;
  std::vector<std::string> names;
  std::unique_ptr<SeededRandom> seeded;
  std::unique_ptr<JavaRandom> java;
  std::vector<std::uint32_t> permutation_rank;  // rctab_permutation: candidate -> place (0 = most favoured)
  std::vector<std::uint32_t> order_rank;        // candidate_order: candidate -> place
  std::vector<std::int32_t> nz_prns;            // new_zealand_prn: each candidate's PRN at step 1
};

namespace {

std::int64_t java_seed(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    throw Error(Errc::invalid_argument, "an RCTab random seed must be an integer, not \"" + text + "\"");
  return value;
}

std::vector<std::uint32_t> sorted_by_name(std::vector<std::uint32_t> ids, const std::vector<std::string>& names) {
  // Java's String.compareTo orders by UTF-16 code unit; for the BMP that is the code point order,
  // which byte order of UTF-8 preserves.
  std::sort(ids.begin(), ids.end(), [&](auto a, auto b) { return names[a] < names[b]; });
  return ids;
}

/// The candidates of `left` with the lowest (for_exclusion) or highest total in `totals`.
std::vector<AlternativeIndex> extreme_at(const std::vector<Rational>& totals, const std::vector<AlternativeIndex>& left,
                                         bool for_exclusion) {
  auto value = [&](AlternativeIndex c) { return c < totals.size() ? totals[c] : Rational(0); };
  Rational extreme = value(left.front());
  for (auto c : left) extreme = for_exclusion ? std::min(extreme, value(c)) : std::max(extreme, value(c));
  std::vector<AlternativeIndex> kept;
  for (auto c : left)
    if (value(c) == extreme) kept.push_back(c);
  return kept;
}

}  // namespace

TieBreaker::TieBreaker(TieBreak policy, std::vector<std::string> names) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.policy = std::move(policy);
  s.names = std::move(names);
  const auto n = static_cast<std::uint32_t>(s.names.size());
  switch (s.policy.final) {
    case TieFinal::seeded_random: s.seeded = std::make_unique<SeededRandom>(s.policy.seed); break;
    case TieFinal::rctab_random: s.java = std::make_unique<JavaRandom>(java_seed(s.policy.seed)); break;
    case TieFinal::rctab_permutation: {
      JavaRandom random(java_seed(s.policy.seed));
      std::vector<std::uint32_t> all(n);
      for (std::uint32_t i = 0; i < n; ++i) all[i] = i;
      all = sorted_by_name(all, s.names);
      for (std::int32_t i = static_cast<std::int32_t>(n); i > 1; --i)
        std::swap(all[i - 1], all[random.next_int(i)]);
      s.permutation_rank.assign(n, 0);
      for (std::uint32_t i = 0; i < n; ++i) s.permutation_rank[all[i]] = i;
      break;
    }
    case TieFinal::candidate_order:
    case TieFinal::lot_order: {
      s.order_rank.assign(n, n);
      std::uint32_t place = 0;
      for (auto c : s.policy.order)
        if (c < n) s.order_rank[c] = place++;
      for (std::uint32_t c = 0; c < n; ++c)
        if (s.policy.order.empty()) s.order_rank[c] = c;
      break;
    }
    case TieFinal::stop:
    case TieFinal::new_zealand_prn: break;
  }
}

TieBreaker::~TieBreaker() = default;
TieBreaker::TieBreaker(TieBreaker&&) noexcept = default;
TieBreaker& TieBreaker::operator=(TieBreaker&&) noexcept = default;

const TieBreak& TieBreaker::policy() const noexcept { return state_->policy; }

void TieBreaker::number_steps_for_new_zealand(std::uint32_t vacancies, std::uint64_t valid_documents) {
  State& s = *state_;
  if (s.policy.final == TieFinal::new_zealand_prn)
    s.nz_prns = NewZealandPrng::first_step_prns(static_cast<std::uint32_t>(s.names.size()), vacancies, valid_documents);
}

std::optional<TieRecord> TieBreaker::choose(std::span<const AlternativeIndex> tied, bool for_exclusion,
                                            std::span<const std::vector<Rational>> history) {
  State& s = *state_;
  TieRecord record;
  record.tied.assign(tied.begin(), tied.end());
  record.for_exclusion = for_exclusion;
  std::vector<AlternativeIndex> left(tied.begin(), tied.end());

  if (s.policy.look_back != LookBack::none) {
    // Rounds (steps) in the policy's order. Every look-back keeps, at a round where the tied
    // candidates differ, those with the extreme total; AAFD (Schedule 1A cl. 40) stops at the
    // first such round even when several are left, the others narrow on.
    const bool backwards = s.policy.look_back == LookBack::previous_rounds_backwards;
    const bool aafd = s.policy.look_back == LookBack::ahead_at_first_difference;
    for (std::size_t step = 0; step < history.size() && left.size() > 1; ++step) {
      const std::size_t r = backwards ? history.size() - 1 - step : step;
      std::vector<AlternativeIndex> kept = extreme_at(history[r], left, for_exclusion);
      if (kept.size() == left.size()) continue;
      left = std::move(kept);
      if (left.size() == 1) {
        record.chosen = left.front();
        record.how = aafd ? "ahead at first difference (step " + std::to_string(r + 1) + ")"
                          : "round " + std::to_string(r + 1) + " totals";
        return record;
      }
      if (aafd) break;
    }
  }

  switch (s.policy.final) {
    case TieFinal::stop: return std::nullopt;
    case TieFinal::candidate_order: {
      // The earlier candidate is favoured: exclude the latest, elect the earliest.
      auto cmp = [&](auto a, auto b) { return s.order_rank[a] < s.order_rank[b]; };
      record.chosen = for_exclusion ? *std::max_element(left.begin(), left.end(), cmp)
                                    : *std::min_element(left.begin(), left.end(), cmp);
      record.how = "candidate order";
      return record;
    }
    case TieFinal::lot_order: {
      record.chosen = *std::min_element(left.begin(), left.end(),
                                        [&](auto a, auto b) { return s.order_rank[a] < s.order_rank[b]; });
      record.how = "lot (drawn order)";
      return record;
    }
    case TieFinal::rctab_permutation: {
      auto cmp = [&](auto a, auto b) { return s.permutation_rank[a] < s.permutation_rank[b]; };
      record.chosen = for_exclusion ? *std::max_element(left.begin(), left.end(), cmp)
                                    : *std::min_element(left.begin(), left.end(), cmp);
      record.how = "permutation from seed " + s.policy.seed;
      return record;
    }
    case TieFinal::seeded_random: {
      std::sort(left.begin(), left.end());
      record.chosen = left[s.seeded->below(left.size())];
      record.how = "seeded random (" + s.policy.seed + ")";
      return record;
    }
    case TieFinal::new_zealand_prn: {
      if (s.nz_prns.empty())
        throw Error(Errc::invalid_argument,
                    "tie-break nz-prn: only a count that numbers its steps as New Zealand's Schedule 1A does "
                    "(meek) can draw its pseudo-random numbers");
      const std::uint64_t step = std::max<std::size_t>(history.size(), 1);
      auto prn = [&](AlternativeIndex c) { return NewZealandPrng::at_step(s.nz_prns.at(c), step); };
      // cl. 19 excludes the lowest PRN. Electing by PRN is not a case minga's counts bring
      // here (Meek elects every candidate over the quota at once); it would take the highest.
      auto cmp = [&](auto a, auto b) { return prn(a) < prn(b); };
      record.chosen = for_exclusion ? *std::min_element(left.begin(), left.end(), cmp)
                                    : *std::max_element(left.begin(), left.end(), cmp);
      record.how = "New Zealand PRN at step " + std::to_string(step) + " (";
      for (std::size_t i = 0; i < left.size(); ++i)
        record.how += (i ? ", " : "") + s.names.at(left[i]) + " " + std::to_string(prn(left[i]));
      record.how += ")";
      return record;
    }
    case TieFinal::rctab_random: {
      left = sorted_by_name(left, s.names);
      const auto index = static_cast<std::size_t>(s.java->next_double() * static_cast<double>(left.size()));
      record.chosen = left[std::min(index, left.size() - 1)];
      record.how = "java.util.Random(" + s.policy.seed + ")";
      return record;
    }
  }
  return std::nullopt;
}

}  // namespace minga::ranked
