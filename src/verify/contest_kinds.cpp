// SPDX-License-Identifier: Apache-2.0
// src/verify/contest_kinds.cpp - encryption, proofs, checks and results per contest kind (see the header).
#include "minga/verify/contest_kinds.hpp"

#include <algorithm>

#include "minga/core/error.hpp"

namespace minga::verify {
namespace {

std::uint64_t square_of(std::uint64_t shifted, std::uint64_t votes) {
  const std::uint64_t d = shifted > votes ? shifted - votes : votes - shifted;
  return d * d;
}

// Sum of the ciphertexts (and of their nonces) with index i*r + p over the given (i, p).
template <class Pick>
Ciphertext sum_where(std::span<const Ciphertext> cts, std::size_t n, std::size_t r, Pick&& pick) {
  Ciphertext total;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t p = 0; p < r; ++p)
      if (pick(i, p)) total += cts[i * r + p];
  return total;
}
template <class Pick>
Scalar nonce_where(std::span<const SecretScalar> nonces, std::size_t n, std::size_t r, Pick&& pick) {
  Scalar total;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t p = 0; p < r; ++p)
      if (pick(i, p)) total = total + nonces[i * r + p].reveal();
  return total;
}

Ciphertext difference(const Ciphertext& a, const Ciphertext& b) { return {a.alpha - b.alpha, a.beta - b.beta}; }

RangeStatement ranked_statement(const Bytes32& h, const Point& k, std::uint64_t contest, Tag tag, std::uint64_t index,
                                const Ciphertext& ct) {
  return RangeStatement{h, k, contest, index, ct, 1, tag};
}

Ciphertext column(std::span<const Ciphertext> cts, std::size_t r, std::size_t p) {
  return sum_where(cts, cts.size() / r, r, [&](std::size_t, std::size_t q) { return q == p; });
}

std::vector<SecretScalar> derive_nonces(const Bytes32& h, std::uint64_t contest, std::size_t count,
                                        const SecretScalar& ballot_nonce) {
  std::vector<SecretScalar> out;
  out.reserve(count);
  for (std::size_t j = 0; j < count; ++j) out.push_back(derive_nonce(h, contest, j + 1, ballot_nonce));
  return out;
}

void prove_ranked(const ElectionContext& ctx, const Bytes32& h, std::uint64_t contest, const ManifestContest& mc,
                  std::span<const std::uint64_t> ranks, std::span<const SecretScalar> nonces, EncryptedContest& out) {
  const std::size_t n = mc.options.size(), r = mc.option_range;
  std::vector<Ciphertext> cts;
  for (const EncryptedSelection& s : out.selections) cts.push_back(s.ciphertext);
  for (std::size_t i = 0; i < n; ++i) {
    const SecretScalar nonce(nonce_where(nonces, n, r, [&](std::size_t a, std::size_t) { return a == i; }));
    out.row_proofs.push_back(
        prove_range(ranked_row_statement(h, ctx.public_key, contest, r, cts, i + 1), ranks[i] != 0 ? 1 : 0, nonce));
  }
  std::vector<std::uint64_t> used(r, 0);
  for (std::uint64_t rank : ranks)
    if (rank != 0) used[rank - 1] = 1;
  std::vector<Scalar> column_nonces;
  for (std::size_t p = 0; p < r; ++p) {
    column_nonces.push_back(nonce_where(nonces, n, r, [&](std::size_t, std::size_t q) { return q == p; }));
    out.rank_proofs.push_back(prove_range(ranked_rank_statement(h, ctx.public_key, contest, r, cts, p + 1), used[p],
                                          SecretScalar(column_nonces.back())));
  }
  for (std::size_t p = 0; p + 1 < r; ++p)
    out.gap_proofs.push_back(prove_range(ranked_gap_statement(h, ctx.public_key, contest, r, cts, p + 1),
                                         used[p] - used[p + 1], SecretScalar(column_nonces[p] - column_nonces[p + 1])));
}

void check_ranked(const ElectionContext& ctx, const Bytes32& h, std::uint64_t contest, const ManifestContest& mc,
                  const EncryptedContest& ec, const std::string& name, ContestFindings& f) {
  const std::size_t n = mc.options.size(), r = mc.option_range;
  std::vector<Ciphertext> cts;
  for (std::size_t j = 0; j < ec.selections.size(); ++j) {
    const EncryptedSelection& s = ec.selections[j];
    cts.push_back(s.ciphertext);
    ++f.proofs;
    if (!verify_range({h, ctx.public_key, contest, j + 1, s.ciphertext, 1}, s.proof))
      f.own.push_back(name + " contest " + mc.id + " candidate " + mc.options[j / r].id + " rank " +
                      std::to_string(j % r + 1) + ": indicator proof 0..1 fails");
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!verify_range(ranked_row_statement(h, ctx.public_key, contest, r, cts, i + 1), ec.row_proofs[i]))
      f.sums.push_back(name + " contest " + mc.id + " candidate " + mc.options[i].id +
                       ": row proof fails (a candidate has at most one rank)");
  for (std::size_t p = 0; p < r; ++p)
    if (!verify_range(ranked_rank_statement(h, ctx.public_key, contest, r, cts, p + 1), ec.rank_proofs[p]))
      f.sums.push_back(name + " contest " + mc.id + " rank " + std::to_string(p + 1) +
                       ": rank proof fails (a rank holds at most one candidate)");
  for (std::size_t p = 0; p + 1 < r; ++p)
    if (!verify_range(ranked_gap_statement(h, ctx.public_key, contest, r, cts, p + 1), ec.gap_proofs[p]))
      f.sums.push_back(name + " contest " + mc.id + " rank " + std::to_string(p + 2) +
                       ": gap proof fails (rank " + std::to_string(p + 2) + " is used only if rank " +
                       std::to_string(p + 1) + " is)");
}

}  // namespace

std::optional<ChoiceProblem> contest_choice_problem(const ManifestContest& mc, std::span<const std::uint64_t> choices) {
  const std::uint64_t r = mc.option_range;
  auto problem = [](std::string option, std::string reason) {
    return std::optional<ChoiceProblem>(ChoiceProblem{std::move(option), std::move(reason)});
  };
  if (mc.kind == ContestKind::ranked) {
    std::vector<std::size_t> holder(r, 0);  // 1-based option at each rank, 0: none
    for (std::size_t o = 0; o < choices.size(); ++o) {
      const std::uint64_t rank = choices[o];
      if (rank == 0) continue;
      if (rank > r)
        return problem(mc.options[o].id, "rank " + std::to_string(rank) + " is above the " + std::to_string(r) +
                                             " ranks");
      if (holder[rank - 1] != 0)
        return problem("", "rank " + std::to_string(rank) + " is given to both " +
                               mc.options[holder[rank - 1] - 1].id + " and " + mc.options[o].id);
      holder[rank - 1] = o + 1;
    }
    for (std::size_t p = 1; p < r; ++p)
      if (holder[p] != 0 && holder[p - 1] == 0)
        return problem("", "rank " + std::to_string(p + 1) + " is used but rank " + std::to_string(p) + " is not");
    return std::nullopt;
  }
  if (mc.kind == ContestKind::quadratic) {
    std::uint64_t credits = 0;
    for (std::size_t o = 0; o < choices.size(); ++o) {
      if (choices[o] > 2 * r)
        return problem(mc.options[o].id, std::to_string(choices[o]) + " is above 2V = " + std::to_string(2 * r) +
                                             " (votes + V outside -V..V)");
      credits += square_of(choices[o], r);
    }
    if (credits > mc.selection_limit)
      return problem("", "the votes cost " + std::to_string(credits) + " credits, above the budget of " +
                             std::to_string(mc.selection_limit));
    return std::nullopt;
  }
  std::uint64_t total = 0;
  for (std::size_t o = 0; o < choices.size(); ++o) {
    if (choices[o] > r)
      return problem(mc.options[o].id,
                     std::to_string(choices[o]) + " is above option_range " + std::to_string(r));
    total += choices[o];
  }
  if (total > mc.selection_limit)
    return problem("", "selections add up to " + std::to_string(total) + ", above selection_limit " +
                           std::to_string(mc.selection_limit));
  return std::nullopt;
}

std::vector<std::uint64_t> contest_plaintexts(const ManifestContest& mc, std::span<const std::uint64_t> choices) {
  if (mc.kind == ContestKind::ranked) {
    const std::size_t r = mc.option_range;
    std::vector<std::uint64_t> x(choices.size() * r, 0);
    for (std::size_t i = 0; i < choices.size(); ++i)
      if (choices[i] != 0) x[i * r + choices[i] - 1] = 1;
    return x;
  }
  if (mc.kind == ContestKind::quadratic) {
    std::vector<std::uint64_t> x;
    for (std::uint64_t e : choices) {
      x.push_back(e);
      x.push_back(square_of(e, mc.option_range));
    }
    return x;
  }
  return {choices.begin(), choices.end()};
}

std::vector<Ciphertext> reencrypt_contest(const ElectionContext& ctx, const Bytes32& h, std::uint64_t contest,
                                          std::span<const std::uint64_t> choices, const SecretScalar& ballot_nonce) {
  const std::vector<std::uint64_t> values = contest_plaintexts(ctx.manifest.contests.at(contest - 1), choices);
  std::vector<Ciphertext> out;
  for (std::size_t j = 0; j < values.size(); ++j)
    out.push_back(encrypt(ctx.public_key, values[j], derive_nonce(h, contest, j + 1, ballot_nonce)));
  return out;
}

EncryptedContest encrypt_contest(const ElectionContext& ctx, const Bytes32& h, std::uint64_t contest,
                                 std::span<const std::uint64_t> choices, const SecretScalar& ballot_nonce) {
  const ManifestContest& mc = ctx.manifest.contests.at(contest - 1);
  const std::vector<std::uint64_t> values = contest_plaintexts(mc, choices);
  const std::vector<SecretScalar> nonces = derive_nonces(h, contest, values.size(), ballot_nonce);
  std::vector<Ciphertext> cts;
  for (std::size_t j = 0; j < values.size(); ++j) cts.push_back(encrypt(ctx.public_key, values[j], nonces[j]));
  EncryptedContest ec;
  if (mc.kind == ContestKind::quadratic) {
    const std::uint64_t v = mc.option_range;
    std::vector<SecretScalar> square_nonces;
    std::uint64_t spent = 0;
    for (std::size_t o = 0; o < choices.size(); ++o) {
      const QuadraticPairStatement st{h, ctx.public_key, contest, o + 1, v, cts[2 * o], cts[2 * o + 1]};
      ec.votes.push_back(
          {cts[2 * o], cts[2 * o + 1], prove_quadratic_pair(st, choices[o], nonces[2 * o], nonces[2 * o + 1])});
      square_nonces.emplace_back(nonces[2 * o + 1].reveal());
      spent += values[2 * o + 1];
    }
    ec.budget_proof = prove_budget(quadratic_budget_statement(h, ctx.public_key, contest, mc.selection_limit, ec.votes),
                                   spent, sum_secrets(square_nonces));
    return ec;
  }
  const std::uint64_t bound = mc.kind == ContestKind::ranked ? 1 : mc.option_range;
  for (std::size_t j = 0; j < values.size(); ++j)
    ec.selections.push_back(
        {cts[j], prove_range({h, ctx.public_key, contest, j + 1, cts[j], bound}, values[j], nonces[j])});
  if (mc.kind == ContestKind::ranked) {
    prove_ranked(ctx, h, contest, mc, choices, nonces, ec);
    return ec;
  }
  std::uint64_t total = 0;
  for (std::uint64_t x : values) total += x;
  ec.limit_proof =
      prove_range(limit_statement(h, ctx.public_key, contest, cts, mc.selection_limit), total, sum_secrets(nonces));
  return ec;
}

bool contest_fits(const ManifestContest& mc, const EncryptedContest& ec) {
  const std::size_t n = mc.options.size();
  const bool no_ranked = ec.row_proofs.empty() && ec.rank_proofs.empty() && ec.gap_proofs.empty();
  const bool no_quadratic = ec.votes.empty() && ec.budget_proof.spent_bits.empty() && ec.budget_proof.slack_bits.empty();
  const bool no_limit = ec.limit_proof.challenges.empty() && ec.limit_proof.responses.empty();
  switch (mc.kind) {
    case ContestKind::ranked: {
      const std::size_t r = mc.option_range;
      return ec.selections.size() == n * r && ec.row_proofs.size() == n && ec.rank_proofs.size() == r &&
             ec.gap_proofs.size() == r - 1 && no_quadratic && no_limit;
    }
    case ContestKind::quadratic:
      return ec.votes.size() == n && ec.selections.empty() && no_ranked && no_limit;
    default: return ec.selections.size() == n && no_ranked && no_quadratic;
  }
}

ContestFindings check_contest(const ElectionContext& ctx, const Bytes32& h, std::uint64_t contest,
                              const EncryptedContest& ec, const std::string& name) {
  const ManifestContest& mc = ctx.manifest.contests.at(contest - 1);
  ContestFindings f;
  if (mc.kind == ContestKind::ranked) {
    check_ranked(ctx, h, contest, mc, ec, name, f);
    return f;
  }
  if (mc.kind == ContestKind::quadratic) {
    for (std::size_t o = 0; o < ec.votes.size(); ++o) {
      const EncryptedQuadraticVote& v = ec.votes[o];
      ++f.proofs;
      if (!verify_quadratic_pair({h, ctx.public_key, contest, o + 1, mc.option_range, v.vote, v.square}, v.proof))
        f.own.push_back(name + " contest " + mc.id + " option " + mc.options[o].id +
                        ": vote pair proof fails (votes -V..V and their square)");
    }
    if (!verify_budget(quadratic_budget_statement(h, ctx.public_key, contest, mc.selection_limit, ec.votes),
                       ec.budget_proof))
      f.sums.push_back(name + " contest " + mc.id + ": budget proof fails (credits spent 0.." +
                       std::to_string(mc.selection_limit) + ")");
    return f;
  }
  std::vector<Ciphertext> cts;
  for (std::size_t o = 0; o < ec.selections.size(); ++o) {
    const EncryptedSelection& s = ec.selections[o];
    ++f.proofs;
    if (!verify_range({h, ctx.public_key, contest, o + 1, s.ciphertext, mc.option_range}, s.proof))
      f.own.push_back(name + " contest " + mc.id + " option " + mc.options[o].id + ": range proof fails");
    cts.push_back(s.ciphertext);
  }
  if (!verify_range(limit_statement(h, ctx.public_key, contest, cts, mc.selection_limit), ec.limit_proof))
    f.sums.push_back(name + " contest " + mc.id + ": limit proof fails");
  return f;
}

RangeStatement ranked_row_statement(const Bytes32& h, const Point& k, std::uint64_t contest, std::uint64_t ranks,
                                    std::span<const Ciphertext> cts, std::uint64_t candidate) {
  const Ciphertext row =
      sum_where(cts, cts.size() / ranks, ranks, [&](std::size_t i, std::size_t) { return i + 1 == candidate; });
  return ranked_statement(h, k, contest, Tag::ranked_row, candidate, row);
}

RangeStatement ranked_rank_statement(const Bytes32& h, const Point& k, std::uint64_t contest, std::uint64_t ranks,
                                     std::span<const Ciphertext> cts, std::uint64_t rank) {
  return ranked_statement(h, k, contest, Tag::ranked_rank, rank, column(cts, ranks, rank - 1));
}

RangeStatement ranked_gap_statement(const Bytes32& h, const Point& k, std::uint64_t contest, std::uint64_t ranks,
                                    std::span<const Ciphertext> cts, std::uint64_t rank) {
  return ranked_statement(h, k, contest, Tag::ranked_gap, rank,
                          difference(column(cts, ranks, rank - 1), column(cts, ranks, rank)));
}

BudgetStatement quadratic_budget_statement(const Bytes32& h, const Point& k, std::uint64_t contest,
                                           std::uint64_t budget, std::span<const EncryptedQuadraticVote> votes) {
  Ciphertext total;
  for (const EncryptedQuadraticVote& v : votes) total += v.square;
  return BudgetStatement{h, k, contest, total, budget};
}

std::vector<Ciphertext> contest_results(const ManifestContest& mc, std::span<const Ciphertext> sums) {
  if (sums.size() != contest_ciphertext_count(mc))
    throw Error(Errc::internal, "contest_results: " + std::to_string(sums.size()) + " sums for contest " + mc.id);
  const std::size_t n = mc.options.size();
  if (mc.kind == ContestKind::ranked) {
    const std::size_t r = mc.option_range;
    std::vector<Ciphertext> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(sums[i * r]);
    for (std::size_t i = 0; i < n; ++i) {
      Ciphertext points = sums[i * r];
      if (r > 1) points = scale(points, r);
      for (std::size_t p = 1; p < r; ++p) points += p + 1 == r ? sums[i * r + p] : scale(sums[i * r + p], r - p);
      out.push_back(points);
    }
    return out;
  }
  if (mc.kind == ContestKind::quadratic) {
    std::vector<Ciphertext> out;
    for (std::size_t o = 0; o < n; ++o) out.push_back(sums[2 * o]);
    for (std::size_t o = 0; o < n; ++o) out.push_back(sums[2 * o + 1]);
    return out;
  }
  return {sums.begin(), sums.end()};
}

std::uint64_t result_bound(const ManifestContest& mc, std::size_t result, std::uint64_t cast) {
  const std::size_t n = mc.options.size();
  const std::uint64_t r = mc.option_range, l = mc.selection_limit;
  switch (mc.kind) {
    case ContestKind::ranked: return result < n ? cast : cast * r;
    case ContestKind::quadratic: return result < n ? cast * 2 * r : cast * std::min(r * r, l);
    default: return cast * std::min(r, l);
  }
}

std::int64_t result_value(const ManifestContest& mc, std::size_t result, std::uint64_t total, std::uint64_t cast) {
  if (mc.kind == ContestKind::quadratic && result < mc.options.size())
    return static_cast<std::int64_t>(total) - static_cast<std::int64_t>(cast * mc.option_range);
  return static_cast<std::int64_t>(total);
}

}  // namespace minga::verify
