// SPDX-License-Identifier: Apache-2.0
// src/ranked/tiebreak.cpp - tie-break policies: look-back over rounds, then a final step.
#include "minga/ranked/tiebreak.hpp"

#include <algorithm>
#include <charconv>

#include "minga/core/error.hpp"
#include "minga/core/random.hpp"

namespace minga::ranked {

const char* look_back_name(LookBack look_back) noexcept {
  switch (look_back) {
    case LookBack::none: return "none";
    case LookBack::previous_rounds_backwards: return "previous_rounds_backwards";
    case LookBack::first_difference_forwards: return "first_difference_forwards";
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
  }
  return "?";
}

TieBreak tie_break_from_name(std::string_view name, std::string seed) {
  TieBreak policy;
  policy.seed = std::move(seed);
  std::string_view rest = name;
  if (rest.rfind("backwards,", 0) == 0) {
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
  else
    throw Error(Errc::invalid_argument,
                "unknown tie-break \"" + std::string(name) +
                    "\" (accepted: [backwards,|forwards,]stop|candidate-order|random|rctab-random|rctab-permutation|lot-order)");
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

// ---- TieBreaker ---------------------------------------------------------------

struct TieBreaker::State {
  TieBreak policy;
  std::vector<std::string> names;
  std::unique_ptr<SeededRandom> seeded;
  std::unique_ptr<JavaRandom> java;
  std::vector<std::uint32_t> permutation_rank;  // rctab_permutation: candidate -> place (0 = most favoured)
  std::vector<std::uint32_t> order_rank;        // candidate_order: candidate -> place
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
    case TieFinal::stop: break;
  }
}

TieBreaker::~TieBreaker() = default;
TieBreaker::TieBreaker(TieBreaker&&) noexcept = default;
TieBreaker& TieBreaker::operator=(TieBreaker&&) noexcept = default;

const TieBreak& TieBreaker::policy() const noexcept { return state_->policy; }

std::optional<TieRecord> TieBreaker::choose(std::span<const AlternativeIndex> tied, bool for_exclusion,
                                            std::span<const std::vector<Rational>> history) {
  State& s = *state_;
  TieRecord record;
  record.tied.assign(tied.begin(), tied.end());
  record.for_exclusion = for_exclusion;
  std::vector<AlternativeIndex> left(tied.begin(), tied.end());

  if (s.policy.look_back != LookBack::none && !history.empty()) {
    const bool backwards = s.policy.look_back == LookBack::previous_rounds_backwards;
    for (std::size_t step = 0; step < history.size() && left.size() > 1; ++step) {
      const std::size_t r = backwards ? history.size() - 1 - step : step;
      const auto& totals = history[r];
      auto value = [&](AlternativeIndex c) { return c < totals.size() ? totals[c] : Rational(0); };
      Rational extreme = value(left.front());
      for (auto c : left) extreme = for_exclusion ? std::min(extreme, value(c)) : std::max(extreme, value(c));
      std::vector<AlternativeIndex> kept;
      for (auto c : left)
        if (value(c) == extreme) kept.push_back(c);
      if (kept.size() < left.size()) {
        left = std::move(kept);
        if (left.size() == 1) {
          record.chosen = left.front();
          record.how = "round " + std::to_string(r + 1) + " totals";
          return record;
        }
      }
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
