// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/progress.hpp - a Python callable as the library's progress callback.
//
// Long calls run with the GIL released; the library calls its progress callback
// on the calling thread. progress_callback() wraps a Python callable so that it
// runs with the GIL held, and so that Ctrl-C (a pending signal) or an exception
// raised by the callable stops the call and reaches Python as that exception.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <utility>

namespace minga::python {

namespace py = pybind11;

/// A callable fn(args...) that calls `callback(*args)` under the GIL and then
/// checks for pending signals; an empty function when `callback` is None. The
/// library may copy or drop it without the GIL: the Python object is held
/// through a shared_ptr that takes the GIL to release it.
template <class Function>
Function progress_callback(py::handle callback) {
  if (callback.is_none()) return {};
  std::shared_ptr<py::object> held(new py::object(py::reinterpret_borrow<py::object>(callback)), [](py::object* o) {
    py::gil_scoped_acquire gil;
    delete o;
  });
  return [held = std::move(held)](auto... args) {
    py::gil_scoped_acquire gil;
    (*held)(args...);
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  };
}

}  // namespace minga::python
