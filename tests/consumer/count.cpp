// SPDX-License-Identifier: Apache-2.0
// tests/consumer/count.cpp - a C++ program using an installed minga's C++ API: reads an election and prints its counts.
#include <minga.h>

#include <exception>
#include <iostream>
#include <minga/ballot/summary.hpp>
#include <minga/io/format.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " ELECTION-FILE\n";
    return 2;
  }
  try {
    std::cout << "cxx minga=" << minga_version_string() << "\n";
    minga::Election election = minga::read_election(argv[1]);
    minga::ElectionSummary summary = minga::summarize(election);
    std::cout << "cxx file alternatives=" << summary.num_alternatives << " ballots=" << summary.num_ballots
              << " first=" << election.alternatives.at(0).id << "\n";
    // Exact numbers cross the installed headers too (Boost.Multiprecision on GMP).
    std::cout << "cxx budget=" << (summary.budget ? minga::to_exact_string(*summary.budget) : "none") << "\n";
  } catch (const minga::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "unexpected: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
