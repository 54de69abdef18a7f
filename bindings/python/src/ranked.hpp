// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/ranked.hpp - registers ranked tallies (_ranked_tally, _pairwise) in minga._minga.
#pragma once

#include <pybind11/pybind11.h>

namespace minga::python {

/// Adds _ranked_tally(), _ranked_methods() and _pairwise() (the friendly wrapper is minga.tally in minga/_ranked.py).
void define_ranked(pybind11::module_& m);

}  // namespace minga::python
