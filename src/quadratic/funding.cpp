// SPDX-License-Identifier: Apache-2.0
// src/quadratic/funding.cpp - quadratic funding subsidies (clr, pairwise, cluster, cocm), pool fits and caps.
//
// The formulas and the rounding rule are stated in minga/quadratic/funding.hpp and
// docs/quadratic.md. Hot loops run on unsigned 128-bit integers when a bound
// computed up front proves nothing can overflow, and on GMP integers otherwise;
// both are instantiations of the same templates, so they agree by construction.
#include "minga/quadratic/funding.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

#include "io/text.hpp"
#include "minga/core/error.hpp"
#include "quadratic/records.hpp"

namespace minga {

namespace {

__extension__ typedef unsigned __int128 u128;

const Integer& two_pow(unsigned bits) {
  static const std::vector<Integer> powers = [] {
    std::vector<Integer> p(129);
    p[0] = 1;
    for (unsigned k = 1; k < p.size(); ++k) p[k] = p[k - 1] * 2;
    return p;
  }();
  return powers[bits];
}

u128 to_u128(const Integer& x);

Integer to_integer(u128 x) {
  Integer out = static_cast<std::uint64_t>(x >> 64);
  out <<= 64;
  out += static_cast<std::uint64_t>(x);
  return out;
}
Integer to_integer(std::uint64_t x) {
  return Integer(x);
}
const Integer& to_integer(const Integer& x) {
  return x;
}

/// Machine integers (64 or 128 bits) as opposed to Integer.
template <class T>
constexpr bool is_machine = std::is_same_v<T, u128> || std::is_same_v<T, std::uint64_t>;

template <class T>
T narrow(const Integer& x) {
  if constexpr (std::is_same_v<T, Integer>)
    return x;
  else
    return static_cast<T>(to_u128(x));
}

u128 to_u128(const Integer& x) {
  const Integer high = x >> 64;
  const Integer low = x - (high << 64);
  return (static_cast<u128>(static_cast<std::uint64_t>(high)) << 64) | static_cast<std::uint64_t>(low);
}

/// floor(sqrt(x)) for x < 2^127, exactly.
std::uint64_t isqrt(u128 x) {
  auto r = static_cast<std::uint64_t>(std::sqrt(static_cast<long double>(x)));
  while (static_cast<u128>(r) * r > x) --r;
  while (static_cast<u128>(r + 1) * (r + 1) <= x) ++r;
  return r;
}
Integer isqrt(const Integer& x) {
  return boost::multiprecision::sqrt(x);
}

/// floor of a non-negative rational.
Integer floor_of(const Rational& q) {
  return boost::multiprecision::numerator(q) / boost::multiprecision::denominator(q);
}

/// r(x) = floor(S sqrt(x)) = isqrt(floor(x S^2)) for a non-negative rational x.
Integer scaled_root(const Rational& x, const Integer& s2) {
  return isqrt(floor_of(x * s2));
}

// ---- contributions grouped by project --------------------------------------------------

/// c_ip for every project: cells [begin[p], begin[p+1]) sorted by donor, amounts summed.
struct Grouped {
  std::vector<std::size_t> begin;
  std::vector<std::uint32_t> donor;
  std::vector<u128> amount;
  std::size_t num_projects() const { return begin.size() - 1; }
};

Grouped group(const Contributions& c, const QfOptions& options, std::uint64_t& counted, std::uint64_t& dropped) {
  const std::size_t projects = c.projects().size();
  std::vector<std::optional<Rational>> coefficient(c.donors().size());
  for (const auto& [id, w] : options.donor_coefficients) {
    if (w < 0 || w > 1)
      throw Error(Errc::invalid_argument,
                  "donor '" + id + "': coefficient " + to_exact_string(w) + " is not in [0, 1]");
    if (auto i = c.find_donor(id)) coefficient[*i] = w;
  }
  if (options.minimum_contribution < 0) throw Error(Errc::invalid_argument, "minimum contribution is negative");
  const u128 minimum = options.minimum_contribution >= two_pow(126) ? ~u128(0) : to_u128(options.minimum_contribution);

  std::vector<u128> amount(c.size());
  std::vector<std::size_t> per_project(projects + 1, 0);
  std::vector<bool> keep(c.size(), true);
  counted = dropped = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    u128 a = (static_cast<u128>(c.amount_high(k)) << 64) | c.amount_low(k);
    if (a < minimum)
      a = 0;
    else if (const auto& w = coefficient[c.donor_of(k)]; w && *w != 1)
      a = to_u128(floor_of(*w * to_integer(a)));
    if (a == 0) {
      keep[k] = false;
      ++dropped;
      continue;
    }
    amount[k] = a;
    ++counted;
    ++per_project[c.project_of(k) + 1];
  }
  std::partial_sum(per_project.begin(), per_project.end(), per_project.begin());
  std::vector<std::pair<std::uint32_t, u128>> cells(counted);
  std::vector<std::size_t> fill(per_project.begin(), per_project.end() - 1);
  for (std::size_t k = 0; k < c.size(); ++k)
    if (keep[k]) cells[fill[c.project_of(k)]++] = {c.donor_of(k), amount[k]};

  Grouped g;
  g.begin.push_back(0);
  for (std::size_t p = 0; p < projects; ++p) {
    auto first = cells.begin() + static_cast<std::ptrdiff_t>(per_project[p]);
    auto last = cells.begin() + static_cast<std::ptrdiff_t>(per_project[p + 1]);
    std::sort(first, last, [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = first; it != last; ++it) {
      if (g.donor.size() > g.begin.back() && g.donor.back() == it->first) {
        if (g.amount.back() + it->second < g.amount.back() || g.amount.back() + it->second >= (u128(1) << 126))
          throw Error(Errc::limit,
                      "donor '" + c.donors()[it->first] + "' gives 2^126 or more to project '" + c.projects()[p] + "'");
        g.amount.back() += it->second;
      } else {
        g.donor.push_back(it->first);
        g.amount.push_back(it->second);
      }
    }
    g.begin.push_back(g.donor.size());
  }
  return g;
}

// ---- clr ----------------------------------------------------------------------------------

/// Roots r = floor(S sqrt(c)) of every cell, as T (u128 when they fit, else Integer).
template <class T>
std::vector<T> roots_of(const Grouped& g, const Integer& s2, bool fast) {
  std::vector<T> roots(g.amount.size());
  const u128 s2_small = fast ? to_u128(s2) : 0;
  for (std::size_t k = 0; k < g.amount.size(); ++k) {
    if constexpr (is_machine<T>)
      roots[k] = static_cast<T>(isqrt(g.amount[k] * s2_small));
    else
      roots[k] = isqrt(to_integer(g.amount[k]) * s2);
  }
  return roots;
}

/// (sum r)^2 - sum r^2 for one project's roots.
template <class T>
Integer clr_numerator(const T* first, const T* last) {
  T sum = 0;
  Integer squares = 0;
  if constexpr (std::is_same_v<T, u128>) {
    u128 chunk = 0;
    for (auto it = first; it != last; ++it) {
      sum += *it;
      const u128 sq = *it * *it;
      if (chunk + sq < chunk) {
        squares += to_integer(chunk);
        chunk = 0;
      }
      chunk += sq;
    }
    squares += to_integer(chunk);
  } else {
    for (auto it = first; it != last; ++it) {
      sum += *it;
      squares += *it * *it;
    }
  }
  const Integer total = to_integer(sum);
  return total * total - squares;
}

/// True when every amount times S^2 stays below 2^127 (roots then fit in 64 bits).
bool roots_fit(const Grouped& g, const Integer& s2) {
  u128 largest = 0;
  for (u128 a : g.amount) largest = std::max(largest, a);
  return to_integer(largest) * s2 < two_pow(127);
}

template <class T>
std::vector<Integer> clr_numerators(const Grouped& g, const std::vector<T>& roots) {
  std::vector<Integer> out(g.num_projects());
  for (std::size_t p = 0; p < out.size(); ++p)
    out[p] = clr_numerator(roots.data() + g.begin[p], roots.data() + g.begin[p + 1]);
  return out;
}

// ---- pairwise -------------------------------------------------------------------------------

/// s_p numerators: unbounded -> sum 2 r r (units 1/S^2); bounded -> sum floor(2 r r M / (M S^2 + P)) (units 1).
template <class T>
std::vector<Integer> pairwise_terms(const Grouped& g, const std::vector<T>& roots, std::size_t num_donors,
                                    const std::optional<Integer>& m, const Integer& s2) {
  const std::size_t projects = g.num_projects();
  // Donor-major index: for donor i, the cells (project, position) it holds.
  std::vector<std::size_t> donor_begin(num_donors + 1, 0);
  for (auto d : g.donor) ++donor_begin[d + 1];
  std::partial_sum(donor_begin.begin(), donor_begin.end(), donor_begin.begin());
  std::vector<std::pair<std::uint32_t, std::size_t>> held(g.donor.size());
  {
    std::vector<std::size_t> fill(donor_begin.begin(), donor_begin.end() - 1);
    for (std::size_t p = 0; p < projects; ++p)
      for (std::size_t k = g.begin[p]; k < g.begin[p + 1]; ++k)
        held[fill[g.donor[k]]++] = {static_cast<std::uint32_t>(p), k};
  }
  std::vector<T> sums(projects, T(0));
  std::vector<T> overlap(num_donors, T(0));
  std::vector<std::uint32_t> touched;
  T big_m = 0, m_s2 = 0;
  if (m) {
    big_m = narrow<T>(*m);
    m_s2 = narrow<T>(*m * s2);
  }
  for (std::size_t i = 0; i < num_donors; ++i) {
    const std::size_t first = donor_begin[i], last = donor_begin[i + 1];
    if (m) {
      for (std::size_t h = first; h < last; ++h) {
        const auto [q, pos] = held[h];
        const T& ri = roots[pos];
        for (std::size_t k = pos + 1; k < g.begin[q + 1]; ++k) {
          const std::uint32_t j = g.donor[k];
          if (overlap[j] == 0) touched.push_back(j);
          overlap[j] += ri * roots[k];
        }
      }
    }
    for (std::size_t h = first; h < last; ++h) {
      const auto [q, pos] = held[h];
      const T ri2 = roots[pos] * 2;
      T& sum = sums[q];
      for (std::size_t k = pos + 1; k < g.begin[q + 1]; ++k) {
        const T term = ri2 * roots[k];
        if (m)
          sum += term * big_m / (m_s2 + overlap[g.donor[k]]);
        else
          sum += term;
      }
    }
    for (auto j : touched) overlap[j] = 0;
    touched.clear();
  }
  std::vector<Integer> out(projects);
  for (std::size_t p = 0; p < projects; ++p) out[p] = to_integer(sums[p]);
  return out;
}

/// True when the pairwise loop on `bits`-bit integers cannot overflow (P_ij bounded by Cauchy-Schwarz).
bool pairwise_fits(const Grouped& g, const std::vector<u128>& roots, std::size_t num_donors,
                   const std::optional<Integer>& m, const Integer& s2, unsigned bits) {
  Integer largest_root = 0, largest_sum_sq = 0, total = 0;
  std::vector<Integer> per_donor(num_donors, Integer(0));
  for (std::size_t k = 0; k < roots.size(); ++k) {
    const Integer r = to_integer(roots[k]);
    largest_root = std::max(largest_root, r);
    per_donor[g.donor[k]] += r * r;
  }
  for (const auto& v : per_donor) largest_sum_sq = std::max(largest_sum_sq, v);
  for (std::size_t p = 0; p < g.num_projects(); ++p) {
    Integer sum = 0;
    for (std::size_t k = g.begin[p]; k < g.begin[p + 1]; ++k) sum += to_integer(roots[k]);
    total = std::max(total, Integer(2 * sum * sum));
  }
  const Integer& limit = two_pow(bits);
  if (total >= limit) return false;
  if (!m) return true;
  return 2 * largest_root * largest_root * *m < limit && *m * s2 + largest_sum_sq < limit;
}

// ---- clusters -------------------------------------------------------------------------------

/// Row-normalised memberships: for each donor, (group, W_ig) and raw weights (group, M_ig).
struct Groups {
  std::size_t count = 0;
  std::vector<std::vector<std::pair<std::uint32_t, Rational>>> normalised, raw;
};

Groups make_groups(const Contributions& c, const Grouped& g, const QfOptions& options) {
  Groups out;
  out.normalised.resize(c.donors().size());
  out.raw.resize(c.donors().size());
  std::map<std::string, std::uint32_t> names;
  auto intern = [&](const std::string& name) {
    auto [it, fresh] = names.emplace(name, static_cast<std::uint32_t>(names.size()));
    (void)fresh;
    return it->second;
  };
  for (const auto& m : options.clusters) {
    if (m.weight <= 0)
      throw Error(Errc::invalid_argument,
                  "donor '" + m.donor + "' in cluster '" + m.cluster + "': weight must be positive");
    auto i = c.find_donor(m.donor);
    if (!i) continue;  // a member who gave nothing
    out.raw[*i].emplace_back(intern("c:" + m.cluster), m.weight);
  }
  // Donors without a membership: their donation profile (with no clusters given) or themselves.
  std::vector<std::vector<std::uint32_t>> funded(c.donors().size());
  for (std::size_t p = 0; p < g.num_projects(); ++p)
    for (std::size_t k = g.begin[p]; k < g.begin[p + 1]; ++k)
      funded[g.donor[k]].push_back(static_cast<std::uint32_t>(p));
  for (std::uint32_t i = 0; i < c.donors().size(); ++i) {
    if (!out.raw[i].empty() || funded[i].empty()) continue;
    std::string key;
    if (options.clusters.empty())
      for (auto p : funded[i]) key += std::to_string(p) + ",";
    else
      key = "d:" + c.donors()[i];
    out.raw[i].emplace_back(intern("p:" + key), Rational(1));
  }
  out.count = names.size();
  for (std::size_t i = 0; i < out.raw.size(); ++i) {
    std::map<std::uint32_t, Rational> merged;
    for (const auto& [grp, w] : out.raw[i]) merged[grp] += w;
    out.raw[i].assign(merged.begin(), merged.end());
    Rational total = 0;
    for (const auto& [grp, w] : out.raw[i]) total += w;
    for (const auto& [grp, w] : out.raw[i]) out.normalised[i].emplace_back(grp, w / total);
  }
  return out;
}

std::vector<Rational> cluster_subsidies(const Grouped& g, const Groups& groups, const Integer& s2) {
  std::vector<Rational> out(g.num_projects());
  for (std::size_t p = 0; p < g.num_projects(); ++p) {
    std::map<std::uint32_t, Rational> amount;
    for (std::size_t k = g.begin[p]; k < g.begin[p + 1]; ++k)
      for (const auto& [grp, w] : groups.normalised[g.donor[k]]) amount[grp] += w * to_integer(g.amount[k]);
    std::vector<Integer> roots;
    for (const auto& [grp, x] : amount) roots.push_back(scaled_root(x, s2));
    out[p] = Rational(clr_numerator(roots.data(), roots.data() + roots.size()), s2);
  }
  return out;
}

std::vector<Rational> cocm_subsidies(const Grouped& g, const Groups& groups, const Integer& scale) {
  const std::size_t n = groups.count;
  if (n > 4096) throw Error(Errc::limit, "cocm: " + std::to_string(n) + " groups (at most 4096)");
  const Integer s2 = scale * scale;
  // U_gj = M_jg / sum_i M_ig; T_gh = sum_j U_gj W_jh (how much of g's weight also sits in h).
  std::vector<Rational> column(n, Rational(0));
  for (const auto& row : groups.raw)
    for (const auto& [grp, w] : row) column[grp] += w;
  std::vector<Rational> t(n * n, Rational(0));
  for (std::size_t j = 0; j < groups.raw.size(); ++j)
    for (const auto& [grp, m] : groups.raw[j])
      for (const auto& [h, w] : groups.normalised[j]) t[grp * n + h] += m / column[grp] * w;
  std::vector<Rational> out(g.num_projects());
  std::vector<Rational> k(n), pp(n * n);
  for (std::size_t p = 0; p < g.num_projects(); ++p) {
    std::fill(pp.begin(), pp.end(), Rational(0));
    for (std::size_t c = g.begin[p]; c < g.begin[p + 1]; ++c) {
      const auto& row = groups.normalised[g.donor[c]];
      // k_ih = max(B_ih, sum_g W_ig T_gh); K_ih = (1 - k_ih) c_ip (harsh).
      std::fill(k.begin(), k.end(), Rational(0));
      for (const auto& [grp, w] : row)
        for (std::size_t h = 0; h < n; ++h)
          if (t[grp * n + h] != 0) k[h] += w * t[grp * n + h];
      for (const auto& [grp, w] : row) k[grp] = 1;
      const Integer amount = to_integer(g.amount[c]);
      for (const auto& [grp, w] : row)
        for (std::size_t h = 0; h < n; ++h)
          if (k[h] != 1) pp[grp * n + h] += w * (1 - k[h]) * amount;
    }
    Integer sum = 0;
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = a + 1; b < n; ++b)
        if (pp[a * n + b] != 0 && pp[b * n + a] != 0) sum += 2 * scaled_root(pp[a * n + b] * pp[b * n + a], s2);
    out[p] = Rational(sum, scale);
  }
  return out;
}

std::string amount_text(const Integer& x) {
  return x.str();
}

}  // namespace

// ---- names ------------------------------------------------------------------------------------

const char* qf_variant_name(QfVariant v) noexcept {
  switch (v) {
    case QfVariant::clr: return "clr";
    case QfVariant::pairwise: return "pairwise";
    case QfVariant::cluster: return "cluster";
    case QfVariant::cocm: return "cocm";
  }
  return "?";
}

const char* qf_fit_name(QfFit f) noexcept {
  switch (f) {
    case QfFit::scale: return "scale";
    case QfFit::saturate: return "saturate";
    case QfFit::alpha: return "alpha";
  }
  return "?";
}

QfVariant qf_variant_from_name(std::string_view name) {
  for (auto v : {QfVariant::clr, QfVariant::pairwise, QfVariant::cluster, QfVariant::cocm})
    if (io::iequals(name, qf_variant_name(v))) return v;
  throw Error(Errc::invalid_argument, "unknown quadratic funding variant '" + std::string(name) +
                                          "' (expected clr, pairwise, cluster or cocm)");
}

QfFit qf_fit_from_name(std::string_view name) {
  for (auto f : {QfFit::scale, QfFit::saturate, QfFit::alpha})
    if (io::iequals(name, qf_fit_name(f))) return f;
  throw Error(Errc::invalid_argument,
              "unknown pool fit '" + std::string(name) + "' (expected scale, saturate or alpha)");
}

// ---- contributions ------------------------------------------------------------------------------

std::uint32_t Contributions::donor(std::string_view id) {
  auto [it, fresh] = donor_index_.emplace(std::string(id), static_cast<std::uint32_t>(donor_ids_.size()));
  if (fresh) donor_ids_.emplace_back(id);
  return it->second;
}

std::optional<std::uint32_t> Contributions::find_donor(std::string_view id) const {
  auto it = donor_index_.find(std::string(id));
  if (it == donor_index_.end()) return std::nullopt;
  return it->second;
}

std::uint32_t Contributions::project(std::string_view id) {
  auto [it, fresh] = project_index_.emplace(std::string(id), static_cast<std::uint32_t>(project_ids_.size()));
  if (fresh) project_ids_.emplace_back(id);
  return it->second;
}

void Contributions::add(std::uint32_t donor, std::uint32_t project, std::uint64_t amount) {
  if (donor >= donor_ids_.size()) throw Error(Errc::invalid_argument, "unknown donor index " + std::to_string(donor));
  if (project >= project_ids_.size())
    throw Error(Errc::invalid_argument, "unknown project index " + std::to_string(project));
  donor_.push_back(donor);
  project_.push_back(project);
  low_.push_back(amount);
  high_.push_back(0);
}

void Contributions::add(std::uint32_t donor, std::uint32_t project, const Integer& amount) {
  if (amount < 0) throw Error(Errc::invalid_argument, "negative contribution " + amount.str());
  if (amount >= two_pow(126)) throw Error(Errc::limit, "contribution " + amount.str() + " is 2^126 or more");
  const u128 a = to_u128(amount);
  add(donor, project, static_cast<std::uint64_t>(a));
  high_.back() = static_cast<std::uint64_t>(a >> 64);
}

void Contributions::add(std::string_view donor_id, std::string_view project_id, const Integer& amount) {
  add(donor(donor_id), project(project_id), amount);
}

void Contributions::reserve(std::size_t n) {
  donor_.reserve(n);
  project_.reserve(n);
  low_.reserve(n);
  high_.reserve(n);
}

Integer Contributions::amount_of(std::size_t k) const {
  return to_integer((static_cast<u128>(high_[k]) << 64) | low_[k]);
}

Rational eligibility_coefficient(const Rational& score, const Rational& low, const Rational& high,
                                 const Rational& at_low) {
  if (!(low < high)) throw Error(Errc::invalid_argument, "eligibility: low threshold must be below the high one");
  if (score < low) return 0;
  if (score >= high) return 1;
  return at_low + (1 - at_low) * (score - low) / (high - low);
}

// ---- subsidies ------------------------------------------------------------------------------------

std::vector<QfSubsidy> qf_subsidies(const Contributions& c, const QfOptions& options, std::uint64_t* counted,
                                    std::uint64_t* dropped) {
  if (options.sqrt_scale < 1) throw Error(Errc::invalid_argument, "sqrt scale must be at least 1");
  if (options.pairwise_m && *options.pairwise_m <= 0)
    throw Error(Errc::invalid_argument, "pairwise M must be positive");
  std::uint64_t n_counted = 0, n_dropped = 0;
  const Grouped g = group(c, options, n_counted, n_dropped);
  if (counted) *counted = n_counted;
  if (dropped) *dropped = n_dropped;
  const Integer s2 = options.sqrt_scale * options.sqrt_scale;
  const bool fast = roots_fit(g, s2);

  std::vector<Rational> subsidy(g.num_projects());
  switch (options.variant) {
    case QfVariant::clr: {
      std::vector<Integer> num =
          fast ? clr_numerators(g, roots_of<u128>(g, s2, true)) : clr_numerators(g, roots_of<Integer>(g, s2, false));
      for (std::size_t p = 0; p < num.size(); ++p) subsidy[p] = Rational(num[p], s2);
      break;
    }
    case QfVariant::pairwise: {
      std::vector<Integer> num;
      const std::size_t donors = c.donors().size();
      if (fast) {
        auto roots = roots_of<u128>(g, s2, true);
        if (pairwise_fits(g, roots, donors, options.pairwise_m, s2, 64))
          num = pairwise_terms(g, roots_of<std::uint64_t>(g, s2, true), donors, options.pairwise_m, s2);
        else if (pairwise_fits(g, roots, donors, options.pairwise_m, s2, 127))
          num = pairwise_terms(g, roots, donors, options.pairwise_m, s2);
      }
      if (num.empty() && g.num_projects() > 0)
        num = pairwise_terms(g, roots_of<Integer>(g, s2, false), donors, options.pairwise_m, s2);
      for (std::size_t p = 0; p < num.size(); ++p)
        subsidy[p] = options.pairwise_m ? Rational(num[p]) : Rational(num[p], s2);
      break;
    }
    case QfVariant::cluster: subsidy = cluster_subsidies(g, make_groups(c, g, options), s2); break;
    case QfVariant::cocm: subsidy = cocm_subsidies(g, make_groups(c, g, options), options.sqrt_scale); break;
  }
  std::vector<QfSubsidy> out(g.num_projects());
  for (std::size_t p = 0; p < out.size(); ++p) {
    out[p].id = c.projects()[p];
    out[p].donors = g.begin[p + 1] - g.begin[p];
    u128 total = 0;
    for (std::size_t k = g.begin[p]; k < g.begin[p + 1]; ++k) total += g.amount[k];
    out[p].contributions = to_integer(total);
    out[p].subsidy = subsidy[p];
  }
  return out;
}

// ---- fitting to the pool ----------------------------------------------------------------------------

QfResult fit_qf(const std::vector<QfSubsidy>& subsidies, const QfOptions& options) {
  if (options.pool < 0) throw Error(Errc::invalid_argument, "pool " + options.pool.str() + " is negative");
  if (options.cap && (*options.cap <= 0 || *options.cap > 1))
    throw Error(Errc::invalid_argument, "cap " + to_exact_string(*options.cap) + " is not a fraction in (0, 1]");
  if (options.cap_amount && *options.cap_amount < 0) throw Error(Errc::invalid_argument, "cap amount is negative");
  if (options.alpha_precision < 1) throw Error(Errc::invalid_argument, "alpha precision must be at least 1");
  QfResult r;
  r.variant = options.variant;
  r.fit = options.fit;
  r.pool = options.pool;
  r.sqrt_scale = options.sqrt_scale;
  r.pairwise_m = options.pairwise_m;
  r.alpha_precision = options.alpha_precision;
  const Integer& pool = options.pool;
  for (const auto& s : subsidies) {
    if (s.subsidy < 0) throw Error(Errc::internal, "negative subsidy for project '" + s.id + "'");
    r.raw_total += s.subsidy;
  }
  r.saturated = r.raw_total >= pool;
  const bool scale = options.fit == QfFit::scale || (options.fit == QfFit::saturate && r.raw_total > pool);
  if (options.fit == QfFit::alpha && r.raw_total > 0) r.alpha = floor_of(pool * options.alpha_precision / r.raw_total);

  r.projects.resize(subsidies.size());
  for (std::size_t p = 0; p < subsidies.size(); ++p) {
    const QfSubsidy& s = subsidies[p];
    QfProjectResult& out = r.projects[p];
    out.id = s.id;
    out.contributions = s.contributions;
    out.donors = s.donors;
    out.raw_match = s.subsidy;
    if (s.subsidy == 0) {
      out.match = 0;
      out.why = s.donors == 1                           ? "one donor: no match"
                : s.donors == 0 && s.contributions == 0 ? "no contributions"
                                                        : "no raw match";
      continue;
    }
    if (options.fit == QfFit::alpha) {
      out.match = floor_of(*r.alpha * s.subsidy / options.alpha_precision);
      out.why = "alpha fit: floor(alpha * raw / precision)";
    } else if (scale) {
      out.match = floor_of(s.subsidy * pool / r.raw_total);
      out.why = options.fit == QfFit::scale ? "scaled to the pool: floor(raw * pool / total raw)"
                                            : "pool saturated: scaled down, floor(raw * pool / total raw)";
    } else {
      out.match = floor_of(s.subsidy);
      out.why = "pool not saturated: raw match paid";
    }
  }

  // Cap with iterative redistribution of the overflow.
  if (options.cap || options.cap_amount) {
    Integer cap = options.cap_amount ? *options.cap_amount : pool;
    if (options.cap) cap = std::min(cap, floor_of(*options.cap * pool));
    r.cap_amount = cap;
    std::vector<bool> capped(r.projects.size(), false);
    for (;;) {
      Integer overflow = 0, uncapped = 0;
      for (std::size_t p = 0; p < r.projects.size(); ++p) {
        auto& m = r.projects[p].match;
        if (m > cap) {
          overflow += m - cap;
          m = cap;
          capped[p] = true;
        }
      }
      if (overflow == 0) break;
      ++r.cap_rounds;
      for (std::size_t p = 0; p < r.projects.size(); ++p)
        if (!capped[p]) uncapped += r.projects[p].match;
      if (uncapped == 0) break;
      for (std::size_t p = 0; p < r.projects.size(); ++p)
        if (!capped[p] && r.projects[p].match > 0) {
          r.projects[p].match += overflow * r.projects[p].match / uncapped;
          if (r.projects[p].why.find("overflow") == std::string::npos)
            r.projects[p].why += "; received a share of the capped overflow";
        }
    }
    for (std::size_t p = 0; p < r.projects.size(); ++p)
      if (capped[p]) {
        r.projects[p].capped = true;
        r.projects[p].why += "; capped at " + cap.str() + ", overflow shared among uncapped projects";
      }
  }
  for (auto& p : r.projects) {
    r.matched += p.match;
    p.share = pool > 0 ? Rational(p.match, pool) : Rational(0);
  }
  if (r.matched > pool) throw Error(Errc::internal, "matches exceed the pool");
  r.unallocated = pool - r.matched;
  return r;
}

QfResult match_qf(const Contributions& contributions, const QfOptions& options) {
  std::uint64_t counted = 0, dropped = 0;
  auto subsidies = qf_subsidies(contributions, options, &counted, &dropped);
  QfResult r = fit_qf(subsidies, options);
  r.contributions_counted = counted;
  r.contributions_dropped = dropped;
  return r;
}

// ---- MACI tallies -------------------------------------------------------------------------------------

MaciTally read_maci_tally(std::istream& in, const std::string& name) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::parse, Location{name, 0, ""}, e.what());
  }
  auto number = [&](const nlohmann::json& v, const std::string& field) -> Integer {
    std::string text = v.is_string()            ? v.get<std::string>()
                       : v.is_number_unsigned() ? std::to_string(v.get<std::uint64_t>())
                                                : "";
    if (text.empty()) throw Error(Errc::parse, Location{name, 0, field}, "expected a non-negative integer");
    try {
      Integer x = parse_integer(text, field);
      if (x < 0) throw Error(Errc::parse, "negative");
      return x;
    } catch (const Error& e) {
      throw Error(Errc::parse, Location{name, 0, field}, e.reason());
    }
  };
  auto array = [&](const char* object, const char* key) {
    std::vector<Integer> out;
    if (!j.is_object() || !j.contains(object) || !j[object].contains(key) || !j[object][key].is_array())
      throw Error(Errc::parse, Location{name, 0, std::string(object) + "." + key}, "missing (not a MACI tally)");
    const auto& a = j[object][key];
    for (std::size_t k = 0; k < a.size(); ++k)
      out.push_back(number(a[k], std::string(object) + "." + key + "[" + std::to_string(k) + "]"));
    return out;
  };
  MaciTally t;
  t.votes = array("results", "tally");
  t.spent = array("perVOSpentVoiceCredits", "tally");
  const std::size_t n = std::max(t.votes.size(), t.spent.size());
  t.votes.resize(n, Integer(0));
  t.spent.resize(n, Integer(0));
  if (j.contains("totalSpentVoiceCredits") && j["totalSpentVoiceCredits"].contains("spent"))
    t.total_spent = number(j["totalSpentVoiceCredits"]["spent"], "totalSpentVoiceCredits.spent");
  else
    for (const auto& s : t.spent) t.total_spent += s;
  return t;
}

MaciTally read_maci_tally(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{path.string(), 0, ""}, "cannot open file");
  return read_maci_tally(in, path.string());
}

bool is_maci_tally_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c))
    if (c == '[' || c == '{' ||
        (c != ' ' && c != '\n' && c != '\r' && c != '\t' && static_cast<unsigned char>(c) < 0x80))
      break;
  return c == '{';
}

std::vector<QfSubsidy> maci_subsidies(const MaciTally& t, const Integer& vcf) {
  if (vcf < 1) throw Error(Errc::invalid_argument, "voice credit factor must be at least 1");
  std::vector<QfSubsidy> out(t.votes.size());
  for (std::size_t p = 0; p < out.size(); ++p) {
    const Integer square = t.votes[p] * t.votes[p];
    if (square < t.spent[p])
      throw Error(Errc::parse,
                  "project " + std::to_string(p) + ": tally^2 below spent voice credits (not a quadratic tally)");
    out[p].id = std::to_string(p);
    out[p].contributions = vcf * t.spent[p];
    out[p].subsidy = vcf * (square - t.spent[p]);
  }
  return out;
}

// ---- reading ------------------------------------------------------------------------------------------

namespace {

Contributions contributions_from(const std::string& name,
                                 const std::function<void(const quadratic::RecordSink&)>& read) {
  Contributions c;
  read([&](const std::vector<std::string_view>& v, std::uint64_t line) {
    Integer amount;
    try {
      amount = parse_integer(v[2], "amount");
    } catch (const Error& e) {
      throw Error(Errc::parse, Location{name, line, "amount"},
                  e.reason() + " (amounts are integers in the smallest unit)");
    }
    if (amount < 0) throw Error(Errc::parse, Location{name, line, "amount"}, "negative amount " + amount.str());
    if (v[0].empty()) throw Error(Errc::parse, Location{name, line, "donor"}, "empty donor id");
    if (v[1].empty()) throw Error(Errc::parse, Location{name, line, "project"}, "empty project id");
    try {
      c.add(v[0], v[1], amount);
    } catch (const Error& e) {
      throw Error(e.code(), Location{name, line, "amount"}, e.reason());
    }
  });
  return c;
}

const std::vector<quadratic::Field>& contribution_fields() {
  static const std::vector<quadratic::Field> fields{
      {{"donor", "contributor", "sender", "voter", "from", "donor_id"}, true},
      {{"project", "recipient", "grant", "to", "project_id", "application"}, true},
      {{"amount", "value", "contribution"}, true},
  };
  return fields;
}

}  // namespace

Contributions read_contributions(std::istream& in, const std::string& name, bool json) {
  return contributions_from(name, [&](const quadratic::RecordSink& sink) {
    quadratic::read_records(in, name, json, contribution_fields(), sink);
  });
}

Contributions read_contributions(const std::filesystem::path& path) {
  return contributions_from(path.string(), [&](const quadratic::RecordSink& sink) {
    quadratic::read_records(path, contribution_fields(), sink);
  });
}

std::vector<ClusterMembership> read_clusters(const std::filesystem::path& path) {
  static const std::vector<quadratic::Field> fields{
      {{"donor", "contributor", "sender", "voter", "donor_id"}, true},
      {{"cluster", "group", "community"}, true},
      {{"weight"}, false},
  };
  std::vector<ClusterMembership> out;
  quadratic::read_records(path, fields, [&](const std::vector<std::string_view>& v, std::uint64_t line) {
    Rational w = 1;
    if (!v[2].empty()) {
      try {
        w = parse_decimal(v[2], "weight");
      } catch (const Error& e) {
        throw Error(Errc::parse, Location{path.string(), line, "weight"}, e.reason());
      }
      if (w <= 0) throw Error(Errc::parse, Location{path.string(), line, "weight"}, "weight must be positive");
    }
    out.push_back(ClusterMembership{std::string(v[0]), std::string(v[1]), w});
  });
  return out;
}

// ---- JSON ---------------------------------------------------------------------------------------------

std::string qf_result_to_json(const QfResult& r, int indent) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["schema"] = "minga.qf/1";
  j["variant"] = qf_variant_name(r.variant);
  j["fit"] = qf_fit_name(r.fit);
  j["pool"] = amount_text(r.pool);
  j["cap_amount"] = r.cap_amount ? ordered_json(amount_text(*r.cap_amount)) : ordered_json(nullptr);
  j["sqrt_scale"] = r.sqrt_scale.str();
  j["pairwise_m"] = r.pairwise_m ? ordered_json(r.pairwise_m->str()) : ordered_json(nullptr);
  j["raw_total"] = to_exact_string(r.raw_total);
  j["saturated"] = r.saturated;
  j["matched"] = amount_text(r.matched);
  j["unallocated"] = amount_text(r.unallocated);
  j["alpha"] = r.alpha ? ordered_json(r.alpha->str()) : ordered_json(nullptr);
  j["alpha_precision"] = r.alpha_precision.str();
  j["cap_rounds"] = r.cap_rounds;
  j["contributions"] = {{"counted", r.contributions_counted}, {"dropped", r.contributions_dropped}};
  ordered_json matches = ordered_json::object();
  for (const auto& p : r.projects) matches[p.id] = amount_text(p.match);
  j["matches"] = std::move(matches);
  ordered_json projects = ordered_json::array();
  for (const auto& p : r.projects)
    projects.push_back({{"id", p.id},
                        {"contributions", amount_text(p.contributions)},
                        {"donors", p.donors},
                        {"raw_match", to_exact_string(p.raw_match)},
                        {"match", amount_text(p.match)},
                        {"funding", amount_text(p.contributions + p.match)},
                        {"capped", p.capped},
                        {"share", to_exact_string(p.share)},
                        {"why", p.why}});
  j["projects"] = std::move(projects);
  return j.dump(indent);
}

}  // namespace minga
