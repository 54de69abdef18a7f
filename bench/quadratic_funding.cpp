// SPDX-License-Identifier: Apache-2.0
// bench/quadratic_funding.cpp - a synthetic quadratic funding round matched by minga, timed (bench/quadratic runs it).
//
//   minga_bench_qf [--contributions N] [--donors D] [--projects P] [--seed S] [--pool AMOUNT]
//                  [--cap FRACTION] [--m M] [--skip-pairwise] [--csv FILE] [--json FILE] [--pairwise-json FILE]
//
// The round is generated from a SplitMix64 stream (bench/quadratic_funding.py generates the
// same round from the same seed): contribution k goes from donor x % D to project y % P with
// amount (1 + z % 9) * 10^(5 + w % 5) (USDC-like units: 0.1 to 9,000 dollars). It prints the
// wall time of building the round, of CLR with a cap (saturate fit) and of pairwise-bounded
// matching, peak memory, and writes the CLR matches as JSON for the Python reference to compare.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>

#include "minga/core/error.hpp"
#include "minga/quadratic/funding.hpp"

namespace {

struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// Wall and CPU time since a start point, as "1.234 s wall, 1.200 s CPU" (CPU is what one core gives on a shared
/// machine).
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_seconds();
  std::string text() const {
    const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    return std::to_string(w) + " s wall, " + std::to_string(cpu_seconds() - cpu) + " s CPU";
  }
};

long peak_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t n = 1'000'000, donors = 200'000, projects = 2'000, seed = 2026;
  std::string pool = "1000000000000", cap = "3/5000", m = "25000000", csv, json, pairwise_json;
  bool pairwise = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(64);
      }
      return argv[++i];
    };
    if (a == "--contributions")
      n = std::stoull(value());
    else if (a == "--donors")
      donors = std::stoull(value());
    else if (a == "--projects")
      projects = std::stoull(value());
    else if (a == "--seed")
      seed = std::stoull(value());
    else if (a == "--pool")
      pool = value();
    else if (a == "--cap")
      cap = value();
    else if (a == "--m")
      m = value();
    else if (a == "--csv")
      csv = value();
    else if (a == "--json")
      json = value();
    else if (a == "--pairwise-json")
      pairwise_json = value();
    else if (a == "--skip-pairwise")
      pairwise = false;
    else {
      std::cerr << "unknown argument " << a << '\n';
      return 64;
    }
  }
  try {
    Stopwatch t0;
    minga::Contributions round;
    for (std::uint64_t d = 0; d < donors; ++d) round.donor("d" + std::to_string(d));
    for (std::uint64_t p = 0; p < projects; ++p) round.project("p" + std::to_string(p));
    round.reserve(n);
    SplitMix rng{seed};
    static const std::uint64_t pow10[] = {100000ull, 1000000ull, 10000000ull, 100000000ull, 1000000000ull};
    for (std::uint64_t k = 0; k < n; ++k) {
      const auto d = static_cast<std::uint32_t>(rng.next() % donors);
      const auto p = static_cast<std::uint32_t>(rng.next() % projects);
      const std::uint64_t amount = (1 + rng.next() % 9) * pow10[rng.next() % 5];
      round.add(d, p, amount);
    }
    const std::string build = t0.text();
    if (!csv.empty()) {
      std::ofstream out(csv);
      out << "donor,project,amount\n";
      for (std::size_t k = 0; k < round.size(); ++k)
        out << round.donors()[round.donor_of(k)] << ',' << round.projects()[round.project_of(k)] << ','
            << round.amount_low(k) << '\n';
    }

    minga::QfOptions clr;
    clr.pool = minga::Integer(pool);
    clr.fit = minga::QfFit::saturate;
    clr.cap = minga::parse_decimal(cap, "cap");
    Stopwatch t1;
    minga::QfResult r = minga::match_qf(round, clr);
    const std::string clr_time = t1.text();
    std::size_t capped = 0;
    for (const auto& p : r.projects) capped += p.capped ? 1 : 0;
    std::cout << "round: " << n << " contributions, " << donors << " donors, " << projects << " projects (seed " << seed
              << ")\n";
    std::cout << "build: " << build << "\n";
    std::cout << "clr+cap: " << clr_time << "  matched " << r.matched.str() << " of " << r.pool.str() << ", " << capped
              << " projects capped, " << r.cap_rounds << " cap rounds\n";
    if (!json.empty()) std::ofstream(json) << minga::qf_result_to_json(r) << '\n';

    if (pairwise) {
      minga::QfOptions pw = clr;
      pw.variant = minga::QfVariant::pairwise;
      pw.pairwise_m = minga::Integer(m);
      Stopwatch t2;
      minga::QfResult pr = minga::match_qf(round, pw);
      std::cout << "pairwise(M=" << m << "): " << t2.text() << "  matched " << pr.matched.str() << '\n';
      if (!pairwise_json.empty()) std::ofstream(pairwise_json) << minga::qf_result_to_json(pr) << '\n';
    }
    std::cout << "peak memory: " << peak_kib() / 1024 << " MiB\n";
  } catch (const minga::Error& e) {
    std::cerr << "minga_bench_qf: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
