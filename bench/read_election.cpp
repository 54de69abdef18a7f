// SPDX-License-Identifier: Apache-2.0
// bench/read_election.cpp - reads one election file with minga and prints time and memory as one JSON line (used by read_formats.py).
//
//   minga_bench_read FILE
//
// Prints {"seconds": ..., "baseline_kib": ..., "peak_kib": ..., "profile_bytes": ...,
// "ballots": ..., "entries": ..., "alternatives": ...}: seconds is the wall time of
// read_election alone; baseline_kib and peak_kib are VmHWM (peak resident set)
// before and after it, so peak - baseline is what reading cost.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "minga/core/error.hpp"
#include "minga/io/format.hpp"

namespace {

long peak_resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  const long baseline = peak_resident_kib();
  try {
    auto start = std::chrono::steady_clock::now();
    minga::Election election = minga::read_election(argv[1]);
    auto end = std::chrono::steady_clock::now();
    const long peak = peak_resident_kib();
    std::printf(
        "{\"seconds\": %.6f, \"baseline_kib\": %ld, \"peak_kib\": %ld, \"profile_bytes\": %zu, "
        "\"ballots\": %llu, \"entries\": %zu, \"alternatives\": %u}\n",
        std::chrono::duration<double>(end - start).count(), baseline, peak, election.profile.memory_bytes(),
        static_cast<unsigned long long>(election.profile.num_ballots()), election.profile.num_entries(),
        election.num_alternatives());
  } catch (const minga::Error& e) {
    std::fprintf(stderr, "minga_bench_read: %s\n", e.what());
    return 1;
  }
  return 0;
}
