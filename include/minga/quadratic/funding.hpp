// SPDX-License-Identifier: Apache-2.0
// minga/quadratic/funding.hpp - quadratic funding: every matching variant, exact to the smallest unit.
//
// Contributions are (donor, project, amount) with amounts in the smallest unit
// of the currency (wei, cents) as integers. c_ip is donor i's total to project p
// (contributions are summed per donor and project first, as every anchor does).
//
// Square roots are rounded by one documented rule. With a scale S >= 1
// (QfOptions::sqrt_scale, default 1), the root of an amount x is r(x) =
// floor(S * sqrt(x)) = isqrt(floor(x * S^2)), computed exactly. A subsidy is
// then an exact rational in the smallest unit; each rounded root is at most the
// true root, so every subsidy is at most the true (irrational) one.
//
//   clr        s_p = ((sum_i r_ip)^2 - sum_i r_ip^2) / S^2
//              (= sum over i != j of r_ip r_jp / S^2; one donor -> 0. With S = 1 this
//              is Gitcoin Grants Stack's "integer sqrt with the remainder carried").
//   pairwise   s_p = sum over donor pairs i < j of floor(2 r_ip r_jp M / (M S^2 + P_ij)),
//              P_ij = sum_q r_iq r_jq (Buterin's pairwise-bounded match with parameter M;
//              each pair term floored to the smallest unit). M unset = unbounded: the
//              terms are 2 r_ip r_jp / S^2 exactly and pairwise equals clr.
//   cluster    Miller-Weyl-Erichsen cluster match: C_gp = sum_i W_ig c_ip with W the
//              row-normalised memberships; s_p = ((sum_g r(C_gp))^2 - sum_g r(C_gp)^2) / S^2.
//   cocm       connection-oriented cluster match (qf-calculator's 'markov', harsh):
//              k_ih = max(B_ih, (W U W)_ih), K_ih = (1 - k_ih) c_ip,
//              P'_gh = sum_i W_ig K_ih, s_p = sum over g != h of r(P'_gh P'_hg) / S.
//   Without memberships, cluster and cocm group donors by donation profile (the
//   set of projects they fund); a donor without a membership is its own group.
//
// Fitting the subsidies to the pool B (matches are integers, never above B in total):
//   scale      m_p = floor(s_p B / sum_q s_q) always (Gitcoin "ignoreSaturation")
//   saturate   as scale when sum s > B, otherwise m_p = floor(s_p) (raw subsidies)
//   alpha      clr.fund / MACI_QF: alpha = floor(B P / sum s) with precision P (1e18),
//              m_p = floor(alpha s_p / P); a project's payout is its contributions + m_p.
// Cap (an amount, or a fraction of B, the smaller if both): repeat { clip every match
// above the cap to the cap; share the overflow among the projects not clipped, in
// proportion to their current match, each share floored } until nothing overflows
// (Gitcoin's iterative redistribution). Overflow nobody can take stays unallocated.
// Proof that sum m_p <= B: every fit floors a share of at most B, and the cap loop only
// moves (floored parts of) amounts that were already allocated.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minga/core/number.hpp"
#include "minga/export.h"

namespace minga {

enum class QfVariant : std::uint8_t { clr = 0, pairwise = 1, cluster = 2, cocm = 3 };
enum class QfFit : std::uint8_t { scale = 0, saturate = 1, alpha = 2 };

MINGA_EXPORT const char* qf_variant_name(QfVariant variant) noexcept;
MINGA_EXPORT const char* qf_fit_name(QfFit fit) noexcept;
/// Throw Error(invalid_argument) on an unknown name.
MINGA_EXPORT QfVariant qf_variant_from_name(std::string_view name);
MINGA_EXPORT QfFit qf_fit_from_name(std::string_view name);

/// The contributions of a round. Donors and projects are interned by id (in
/// first-seen order); amounts are non-negative integers below 2^126.
class MINGA_EXPORT Contributions {
 public:
  std::uint32_t donor(std::string_view id);    ///< index of a donor, added if new
  std::uint32_t project(std::string_view id);  ///< index of a project, added if new
  /// Adds one contribution. Throws Error(invalid_argument) on a negative amount,
  /// Error(limit) on 2^126 or more, Error(invalid_argument) on an unknown index.
  void add(std::uint32_t donor, std::uint32_t project, const Integer& amount);
  void add(std::uint32_t donor, std::uint32_t project, std::uint64_t amount);
  void add(std::string_view donor, std::string_view project, const Integer& amount);
  void reserve(std::size_t contributions);

  /// Index of a donor, if known.
  std::optional<std::uint32_t> find_donor(std::string_view id) const;
  const std::vector<std::string>& donors() const noexcept { return donor_ids_; }
  const std::vector<std::string>& projects() const noexcept { return project_ids_; }
  std::size_t size() const noexcept { return donor_.size(); }
  std::uint32_t donor_of(std::size_t k) const { return donor_[k]; }
  std::uint32_t project_of(std::size_t k) const { return project_[k]; }
  Integer amount_of(std::size_t k) const;
  /// Low and high 64-bit halves of amount k (for the matching code).
  std::uint64_t amount_low(std::size_t k) const { return low_[k]; }
  std::uint64_t amount_high(std::size_t k) const { return high_[k]; }

 private:
  std::vector<std::string> donor_ids_, project_ids_;
  std::unordered_map<std::string, std::uint32_t> donor_index_, project_index_;
  std::vector<std::uint32_t> donor_, project_;
  std::vector<std::uint64_t> low_, high_;
};

/// A donor's membership of a cluster (group), with a positive weight.
struct ClusterMembership {
  std::string donor;
  std::string cluster;
  Rational weight = 1;
};

struct QfOptions {
  QfVariant variant = QfVariant::clr;
  QfFit fit = QfFit::saturate;
  Integer pool = 0;                                ///< matching pool B, smallest unit
  std::optional<Rational> cap;                     ///< cap as a fraction of the pool (0 < cap <= 1)
  std::optional<Integer> cap_amount;               ///< cap as an amount
  Integer sqrt_scale = 1;                          ///< S of the rounding rule
  std::optional<Integer> pairwise_m;               ///< M of the pairwise variant (unset: unbounded)
  Integer alpha_precision{"1000000000000000000"};  ///< P of the alpha fit
  Integer minimum_contribution = 0;                ///< contributions below it (as given) are dropped
  /// Donor coefficients in [0, 1] (donor weights, or eligibility from scores via
  /// eligibility_coefficient()); a contribution counts floor(amount * coefficient).
  std::map<std::string, Rational> donor_coefficients;
  std::vector<ClusterMembership> clusters;  ///< for cluster and cocm
};

/// Gitcoin Passport's rule: 0 below `low`, 1 at or above `high`, and linear
/// from `at_low` to 1 in between (defaults 15, 25, 1/2).
MINGA_EXPORT Rational eligibility_coefficient(const Rational& score, const Rational& low = 15,
                                              const Rational& high = 25, const Rational& at_low = Rational(1, 2));

/// A project's subsidy before fitting (the input of the fit step).
struct QfSubsidy {
  std::string id;
  Integer contributions = 0;  ///< sum of counted contributions
  std::uint64_t donors = 0;   ///< distinct donors (0 when unknown, e.g. from a tally)
  Rational subsidy = 0;       ///< raw match s_p under the rounding rule
};

struct QfProjectResult {
  std::string id;
  Integer contributions;
  std::uint64_t donors = 0;
  Rational raw_match;  ///< s_p, exact
  Integer match;       ///< final match paid from the pool
  bool capped = false;
  Rational share;  ///< match / pool (0 when the pool is 0)
  std::string why;
};

struct QfResult {
  QfVariant variant = QfVariant::clr;
  QfFit fit = QfFit::saturate;
  Integer pool;
  std::optional<Integer> cap_amount;
  Integer sqrt_scale = 1;
  std::optional<Integer> pairwise_m;
  Rational raw_total;            ///< sum of s_p
  bool saturated = false;        ///< raw_total >= pool
  Integer matched;               ///< sum of matches (<= pool)
  Integer unallocated;           ///< pool - matched
  std::optional<Integer> alpha;  ///< fit alpha: alpha, in units of 1/alpha_precision
  Integer alpha_precision;
  std::uint32_t cap_rounds = 0;  ///< redistribution rounds of the cap loop
  std::uint64_t contributions_counted = 0;
  std::uint64_t contributions_dropped = 0;  ///< below the minimum or with coefficient 0
  std::vector<QfProjectResult> projects;    ///< in project order
};

/// Raw subsidies of every project under options.variant (and coefficients, minimum, clusters).
MINGA_EXPORT std::vector<QfSubsidy> qf_subsidies(const Contributions& contributions, const QfOptions& options,
                                                 std::uint64_t* counted = nullptr, std::uint64_t* dropped = nullptr);

/// Fits subsidies to the pool (options.fit, cap) and explains each project.
MINGA_EXPORT QfResult fit_qf(const std::vector<QfSubsidy>& subsidies, const QfOptions& options);

/// qf_subsidies() then fit_qf().
MINGA_EXPORT QfResult match_qf(const Contributions& contributions, const QfOptions& options);

/// A MACI / clr.fund tally: per project the sum of votes T_p and of spent voice
/// credits S_p (= sum of votes^2), and the round's total spent voice credits.
struct MaciTally {
  std::vector<Integer> votes;
  std::vector<Integer> spent;
  Integer total_spent;
};

/// Reads a MACI tally JSON (results.tally, perVOSpentVoiceCredits.tally,
/// totalSpentVoiceCredits.spent; numbers as decimal strings).
MINGA_EXPORT MaciTally read_maci_tally(const std::filesystem::path& path);
MINGA_EXPORT MaciTally read_maci_tally(std::istream& in, const std::string& name);
/// True when the file is a JSON object (a MACI tally) rather than contributions (CSV or a JSON array).
MINGA_EXPORT bool is_maci_tally_file(const std::filesystem::path& path);

/// Subsidies of a MACI tally in token units with voice-credit factor VCF:
/// contributions_p = VCF S_p and s_p = VCF (T_p^2 - S_p), projects named "0".."n-1".
/// With fit alpha and pool = budget - VCF * total_spent this is clr.fund's
/// FundingRound allocation: payout_p = contributions_p + match_p.
MINGA_EXPORT std::vector<QfSubsidy> maci_subsidies(const MaciTally& tally, const Integer& voice_credit_factor);

/// Contributions from a file: CSV with a header or a JSON array of objects with
/// donor ("donor", "contributor", "sender", "voter"), project ("project",
/// "recipient", "grant") and amount ("amount", "value") in the smallest unit.
MINGA_EXPORT Contributions read_contributions(const std::filesystem::path& path);
MINGA_EXPORT Contributions read_contributions(std::istream& in, const std::string& name, bool json);

/// Cluster memberships from a file: donor, cluster[, weight].
MINGA_EXPORT std::vector<ClusterMembership> read_clusters(const std::filesystem::path& path);

/// The result as JSON, schema "minga.qf/1": "matches" maps project -> exact amount (string).
MINGA_EXPORT std::string qf_result_to_json(const QfResult& result, int indent = -1);

}  // namespace minga
