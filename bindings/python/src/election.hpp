// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/election.hpp - minga.Election as the module holds it, and how code reads it without the GIL.
//
// Every mutation of an Election happens with the GIL held. Long reads (writing
// files, JSON, bytes, summaries, budgeting rules) release the GIL under a
// ReadLease; a mutation attempted while a lease is out raises RuntimeError
// instead of racing.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <stdexcept>
#include <utility>

#include "minga/ballot/election.hpp"
#include "src/ballots.hpp"

namespace minga::python {

namespace py = pybind11;

struct PyElection {
  explicit PyElection(Election e) : election(std::move(e)), ids(election.alternatives) {}
  PyElection(const PyElection&) = delete;
  PyElection& operator=(const PyElection&) = delete;

  /// The election, for a change made with the GIL held.
  Election& for_change() {
    if (readers.load() != 0)
      throw std::runtime_error(
          "this Election is being read by another thread (written to a file, JSON or bytes); change it afterwards");
    return election;
  }

  Election election;
  IdIndex ids;  // alternatives never change once an Election exists in Python
  mutable std::atomic<int> readers{0};
};

/// Marks an election as read by code running without the GIL.
class ReadLease {
 public:
  explicit ReadLease(const PyElection& e) : e_(e) { ++e_.readers; }
  ~ReadLease() { --e_.readers; }
  ReadLease(const ReadLease&) = delete;
  ReadLease& operator=(const ReadLease&) = delete;

 private:
  const PyElection& e_;
};

/// Runs fn() on `e` without the GIL.
template <class F>
auto reading(const PyElection& e, F&& fn) {
  ReadLease lease(e);
  py::gil_scoped_release no_gil;
  return fn(e.election);
}

}  // namespace minga::python
