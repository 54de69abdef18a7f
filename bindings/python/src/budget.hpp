// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/budget.hpp - registers participatory budgeting (_budget_run) in minga._minga.
#pragma once

#include <pybind11/pybind11.h>

namespace minga::python {

/// Adds _budget_run() to the module (the friendly wrapper is minga.budget in minga/_budget.py).
void define_budget(pybind11::module_& m);

}  // namespace minga::python
