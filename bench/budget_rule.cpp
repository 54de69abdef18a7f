// SPDX-License-Identifier: Apache-2.0
// bench/budget_rule.cpp - one budgeting rule on one file, timed (bench/budget_rules.py runs it against pabutools).
//
//   minga_bench_budget FILE RULE [--add1] [--cardinality] [--repeats N]
//
// RULE is greedy, mes, max-welfare or phragmen. The instance is built as
// pabutools builds it (no META threshold, ties by id). "seconds" times the
// rule alone (as the peer's rule call on its prebuilt profile is timed);
// "instance_seconds" building the instance (distinct ballots, satisfaction)
// and "read_seconds" reading the file are reported apart. Best of N.
// Prints one JSON object: seconds, instance_seconds, read_seconds, selected, cost.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <iostream>

#include "minga/budget/rule.hpp"
#include "minga/io/format.hpp"

int main(int argc, char** argv) {
  using namespace minga::budget;
  if (argc < 3) {
    std::cerr << "usage: minga_bench_budget FILE greedy|mes|max-welfare|phragmen [--add1] [--cardinality] [--repeats N]\n";
    return 64;
  }
  try {
    RuleSpec spec;
    spec.rule = parse_rule(argv[2]);
    spec.tie_break = TieBreakChain::parse("by_id");
    spec.instance.apply_score_threshold = false;
    spec.greedy.order = GreedyOrder::welfare_per_cost;
    int repeats = 3;
    for (int k = 3; k < argc; ++k) {
      if (!std::strcmp(argv[k], "--add1")) {
        spec.equal_shares.completion = Completion::add1;
        spec.equal_shares.add1_exhaustive_stop = true;  // pabutools' voter_budget_increment stops when exhaustive
        spec.equal_shares.add1_integral_start = false;
      } else if (!std::strcmp(argv[k], "--cardinality")) {
        spec.instance.satisfaction = Satisfaction::cardinality;
      } else if (!std::strcmp(argv[k], "--repeats") && k + 1 < argc) {
        repeats = std::max(1, std::atoi(argv[++k]));
      }
    }
    auto t0 = std::chrono::steady_clock::now();
    minga::Election election = minga::read_election(std::string(argv[1]));
    double read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double best = 1e300, best_instance = 1e300;
    Allocation a;
    for (int r = 0; r < repeats; ++r) {
      auto start = std::chrono::steady_clock::now();
      BudgetInstance instance(election, spec.instance);
      auto built = std::chrono::steady_clock::now();
      a = run_rule(instance, spec);
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - built).count());
      best_instance = std::min(best_instance, std::chrono::duration<double>(built - start).count());
      if (r + 1 == repeats) {
        std::cout << "{\"seconds\": " << best << ", \"instance_seconds\": " << best_instance
                  << ", \"read_seconds\": " << read_seconds << ", \"cost\": \""
                  << minga::to_exact_string(a.total_cost) << "\", \"selected\": [";
        for (std::size_t k = 0; k < a.selected.size(); ++k)
          std::cout << (k ? ", " : "") << '"' << instance.id(a.selected[k]) << '"';
        std::cout << "]}\n";
      }
    }
  } catch (const minga::Error& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
  return 0;
}
