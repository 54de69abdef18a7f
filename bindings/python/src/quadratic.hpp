// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/quadratic.hpp - registers quadratic voting and funding (_qv_*, _qf_*) in minga._minga.
#pragma once

#include <pybind11/pybind11.h>

namespace minga::python {

/// Adds _qv_tally, _qv_tally_rows, _qv_tally_file, _qf_match and _qf_match_file
/// (the friendly wrappers are minga.qv and minga.qf in minga/_quadratic.py).
void define_quadratic(pybind11::module_& m);

}  // namespace minga::python
