// SPDX-License-Identifier: Apache-2.0
// bench/rational_backends.cpp - times boost::multiprecision cpp_rational against mpq_rational (GMP) on MES-style exact arithmetic.
//
// The workload is what an exact Method of Equal Shares round does: voters hold
// budgets (rationals); for a project of cost c supported by k voters, find the
// smallest rho with sum(min(budget, rho)) = c (sort by budget, divide the rest of
// the cost among those who can still pay, compare), then charge the
// supporters. Budgets restart every `rounds_per_election` rounds, the way one
// election starts from B/n, so denominators stay bounded (products of at most
// that many supporter counts). Both backends see the same pseudo-random
// sequence and must end with the same checksum.
//
//   rational_backends [elections]     (default 200)
#include <boost/multiprecision/cpp_int.hpp>
#include <boost/multiprecision/gmp.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr int kVoters = 400;
constexpr int kProjects = 60;
constexpr int kRoundsPerElection = 12;

struct Totals {
  std::uint64_t additions = 0, divisions = 0, comparisons = 0;
};

/// One election: budgets start at budget/voters; each round offers a project
/// to a random set of supporters and charges them if they can afford it.
template <class Q>
std::string run_elections(int elections, Totals& ops) {
  std::mt19937_64 random(20240917);
  Q checksum = 0;
  std::vector<Q> budget(kVoters);
  std::vector<int> supporters;
  std::vector<Q*> by_budget;
  for (int e = 0; e < elections; ++e) {
    const long long total_budget = static_cast<long long>(1000000 + random() % 9000000);
    for (Q& b : budget) b = Q(total_budget) / kVoters;
    ++ops.divisions;
    for (int round = 0; round < kRoundsPerElection; ++round) {
      const long long cost = total_budget / (kProjects / 8) * static_cast<long long>(20 + random() % 80) / 100;
      supporters.clear();
      const int k = 40 + static_cast<int>(random() % 160);
      for (int i = 0; i < k; ++i) supporters.push_back(static_cast<int>(random() % kVoters));
      std::sort(supporters.begin(), supporters.end());
      supporters.erase(std::unique(supporters.begin(), supporters.end()), supporters.end());

      // Can the supporters afford it at all?
      Q available = 0;
      for (int v : supporters) available += budget[v];
      ops.additions += supporters.size();
      ++ops.comparisons;
      if (available < Q(cost)) continue;

      // Smallest rho: poorer supporters pay everything, the rest split what remains.
      by_budget.clear();
      for (int v : supporters) by_budget.push_back(&budget[v]);
      std::sort(by_budget.begin(), by_budget.end(), [&](const Q* a, const Q* b) {
        ++ops.comparisons;
        return *a < *b;
      });
      Q remaining = Q(cost);
      Q rho = 0;
      std::size_t payers = by_budget.size();
      for (Q* b : by_budget) {
        rho = remaining / static_cast<long long>(payers);
        ++ops.divisions;
        ++ops.comparisons;
        if (*b >= rho) break;
        remaining -= *b;
        ++ops.additions;
        --payers;
      }
      // Charge: everyone pays min(budget, rho).
      for (Q* b : by_budget) {
        ++ops.comparisons;
        if (*b < rho) *b = 0;
        else *b -= rho;
        ++ops.additions;
      }
      checksum += rho / Q(cost);
      ops.additions += 1;
      ops.divisions += 1;
    }
    // Keep the checksum's denominator bounded too: fold it to an integer part.
    checksum = Q(static_cast<long long>(numerator(checksum) % 1000000007));
  }
  return checksum.str();
}

template <class Q>
double best_of(int repeats, int elections, std::string& result, Totals& ops) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    Totals counted;
    auto start = std::chrono::steady_clock::now();
    result = run_elections<Q>(elections, counted);
    auto end = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(end - start).count());
    ops = counted;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int elections = argc > 1 ? std::atoi(argv[1]) : 200;
  using boost::multiprecision::cpp_rational;
  using boost::multiprecision::mpq_rational;
  std::string cpp_result, gmp_result;
  Totals ops;
  const double gmp = best_of<mpq_rational>(3, elections, gmp_result, ops);
  const double cpp = best_of<cpp_rational>(3, elections, cpp_result, ops);
  std::printf("workload: %d elections x %d rounds, %d voters: %llu additions/subtractions, %llu divisions, "
              "%llu comparisons\n",
              elections, kRoundsPerElection, kVoters, static_cast<unsigned long long>(ops.additions),
              static_cast<unsigned long long>(ops.divisions), static_cast<unsigned long long>(ops.comparisons));
  std::printf("%-28s %10s\n", "backend (best of 3)", "seconds");
  std::printf("%-28s %10.3f\n", "mpq_rational (GMP)", gmp);
  std::printf("%-28s %10.3f\n", "cpp_rational (header-only)", cpp);
  std::printf("ratio cpp_rational / mpq_rational: %.2fx\n", cpp / gmp);
  const bool agree = cpp_result == gmp_result;
  std::printf("results agree: %s (checksum %s)\n", agree ? "yes" : "NO", gmp_result.c_str());
  return agree ? 0 : 1;
}
