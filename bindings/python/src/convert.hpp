// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/convert.hpp - Python <-> C++ conversions: text, exact numbers, integer arrays, errors.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/core/number.hpp"

namespace minga::python {

namespace py = pybind11;

// ---- errors ----------------------------------------------------------------------
/// Creates minga.MingaError (a ValueError) in `module` and translates every
/// minga::Error into it, with the attributes code, status, file, line, field, reason.
void register_minga_error(py::module_& module);

/// An Error(invalid_argument) about a named Python argument, e.g. field "ballots[3]".
[[noreturn]] void throw_argument_error(const std::string& field, const std::string& reason);

/// Runs fn(); a minga::Error without a field gets `field` (used to say which argument was bad).
template <class F>
auto with_field(const std::string& field, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Error& e) {
    if (!e.where().field.empty() || !e.where().file.empty()) throw;
    throw Error(e.code(), Location{{}, 0, field}, e.reason());
  }
}

// ---- text ------------------------------------------------------------------------
/// The UTF-8 bytes of a Python str (no copy; valid while the str lives).
std::string_view utf8_view(py::handle text, const char* what);
/// A Python str from UTF-8 text (invalid bytes are an error).
py::str to_py_str(std::string_view text);
/// The bytes of a str (as UTF-8) or of any bytes-like object.
std::string text_or_bytes(py::handle data, const char* what);

// ---- exact numbers ---------------------------------------------------------------
py::int_ to_py_int(const Integer& value);
py::object to_fraction(const Rational& value);
/// An int or anything with __index__ (numpy integers).
Integer to_integer(py::handle value, const std::string& what);
/// int, fractions.Fraction (or any numbers.Rational), decimal.Decimal or a decimal
/// string such as "1546168.66" or "1/3". Floats are refused: they are not exact.
Rational to_rational(py::handle value, const std::string& what);
std::int64_t to_int64(py::handle value, const std::string& what);
std::uint64_t to_count(py::handle value, const std::string& what);

// ---- integer arrays (buffer protocol: numpy, array.array, memoryview) --------------
bool is_buffer(py::handle object);
/// The items of a one-dimensional integer buffer. Float or bool buffers are refused.
std::vector<std::int64_t> int64_array(py::handle buffer, const std::string& what);

}  // namespace minga::python
