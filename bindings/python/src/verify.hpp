// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/verify.hpp - registers verifiable elections (_Verifiable, _verify_*) in minga._minga.
#pragma once

#include <pybind11/pybind11.h>

namespace minga::python {

/// Adds the class _Verifiable (an election folder) and _verify_record, _verify_ballots,
/// _add_tallies, _verify_receipt, _short_code, _short_code_check (the friendly
/// wrappers are in minga/_verify.py). JSON text in and out.
void define_verify(pybind11::module_& m);

}  // namespace minga::python
