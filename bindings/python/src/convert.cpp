// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/convert.cpp - Python <-> C++ conversions: text, exact numbers, integer arrays, errors.
#include "convert.hpp"

#include <cstring>
#include <limits>

namespace minga::python {

namespace {

// Python objects looked up once at import time (never lazily: a lazy static
// initialised while another thread waits on the GIL can deadlock).
PyObject* g_error_type = nullptr;
PyObject* g_fraction_type = nullptr;
PyObject* g_rational_abc = nullptr;  // numbers.Rational (int, Fraction, gmpy2.mpq...)
PyObject* g_complex_abc = nullptr;   // numbers.Complex (float, complex, numpy floats...)

py::str lenient_str(std::string_view text) {
  PyObject* s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (!s) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

py::object text_or_none(const std::string& text) {
  return text.empty() ? py::object(py::none()) : py::object(lenient_str(text));
}

void set_python_error(const Error& e) {
  py::object type = py::reinterpret_borrow<py::object>(g_error_type);
  py::object error = type(lenient_str(e.what()));
  error.attr("code") = py::str(errc_name(e.code()));
  error.attr("status") = py::int_(static_cast<int>(e.code()));
  error.attr("file") = text_or_none(e.where().file);
  error.attr("line") = e.where().line ? py::object(py::int_(e.where().line)) : py::object(py::none());
  error.attr("field") = text_or_none(e.where().field);
  error.attr("reason") = lenient_str(e.reason());
  PyErr_SetObject(g_error_type, error.ptr());
}

py::handle import_attribute(const char* module, const char* name) {
  return py::object(py::module_::import(module).attr(name)).release();
}

std::string type_name(py::handle value) {
  return Py_TYPE(value.ptr())->tp_name;
}

bool isinstance_of(py::handle value, PyObject* type) {
  int r = PyObject_IsInstance(value.ptr(), type);
  if (r < 0) throw py::error_already_set();
  return r == 1;
}

}  // namespace

// ---- errors ----------------------------------------------------------------------

void register_minga_error(py::module_& module) {
  g_fraction_type = import_attribute("fractions", "Fraction").ptr();
  g_rational_abc = import_attribute("numbers", "Rational").ptr();
  g_complex_abc = import_attribute("numbers", "Complex").ptr();

  py::dict defaults;
  for (const char* attribute : {"code", "status", "file", "line", "field", "reason"}) defaults[attribute] = py::none();
  g_error_type =
      PyErr_NewExceptionWithDoc("minga.MingaError",
                                "An error raised by minga: bad input, an unsupported feature, a mismatch...\n\n"
                                "A ValueError. Attributes: code (a stable name such as 'parse', 'io',\n"
                                "'invalid_argument', 'unsupported', 'mismatch', 'limit'), status (the C ABI's\n"
                                "negative status number), file, line and field (where the input was bad, or None)\n"
                                "and reason (the message without the location).",
                                PyExc_ValueError, defaults.ptr());
  if (!g_error_type) throw py::error_already_set();
  module.add_object("MingaError", py::handle(g_error_type));

  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const Error& e) {
      try {
        set_python_error(e);
      } catch (py::error_already_set& failed) {
        failed.restore();
      }
    }
  });
}

void throw_argument_error(const std::string& field, const std::string& reason) {
  throw Error(Errc::invalid_argument, Location{{}, 0, field}, reason);
}

// ---- text ------------------------------------------------------------------------

std::string_view utf8_view(py::handle text, const char* what) {
  if (!PyUnicode_Check(text.ptr())) throw py::type_error(std::string(what) + " must be a str, not " + type_name(text));
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (!data) throw py::error_already_set();
  return std::string_view(data, static_cast<std::size_t>(size));
}

py::str to_py_str(std::string_view text) {
  PyObject* s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict");
  if (!s) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

std::string text_or_bytes(py::handle data, const char* what) {
  if (PyUnicode_Check(data.ptr())) return std::string(utf8_view(data, what));
  if (!PyObject_CheckBuffer(data.ptr()))
    throw py::type_error(std::string(what) + " must be str or bytes-like, not " + type_name(data));
  Py_buffer view;
  if (PyObject_GetBuffer(data.ptr(), &view, PyBUF_SIMPLE) != 0) throw py::error_already_set();
  std::string bytes(static_cast<const char*>(view.buf), static_cast<std::size_t>(view.len));
  PyBuffer_Release(&view);
  return bytes;
}

// ---- exact numbers ---------------------------------------------------------------

py::int_ to_py_int(const Integer& value) {
  constexpr auto lo = std::numeric_limits<long long>::min();
  constexpr auto hi = std::numeric_limits<long long>::max();
  PyObject* i = (value >= lo && value <= hi) ? PyLong_FromLongLong(value.convert_to<long long>())
                                             : PyLong_FromString(value.str().c_str(), nullptr, 10);
  if (!i) throw py::error_already_set();
  return py::reinterpret_steal<py::int_>(i);
}

py::object to_fraction(const Rational& value) {
  return py::reinterpret_borrow<py::object>(g_fraction_type)(to_py_int(numerator(value)),
                                                             to_py_int(denominator(value)));
}

Integer to_integer(py::handle value, const std::string& what) {
  if (!PyIndex_Check(value.ptr())) throw py::type_error(what + " must be an int, not " + type_name(value));
  py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr()));
  if (!index) throw py::error_already_set();
  int overflow = 0;
  long long small = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
  if (small == -1 && PyErr_Occurred()) throw py::error_already_set();
  if (!overflow) return Integer(small);
  return Integer(py::str(index).cast<std::string>());
}

Rational to_rational(py::handle value, const std::string& what) {
  if (PyIndex_Check(value.ptr())) return Rational(to_integer(value, what));
  if (PyUnicode_Check(value.ptr()))
    return with_field(what, [&] { return parse_decimal(utf8_view(value, what.c_str())); });
  if (isinstance_of(value, g_rational_abc)) {
    Integer num = to_integer(value.attr("numerator"), what + ".numerator");
    Integer den = to_integer(value.attr("denominator"), what + ".denominator");
    if (den == 0) throw_argument_error(what, "zero denominator");
    return Rational(num, den);
  }
  if (isinstance_of(value, g_complex_abc))
    throw py::type_error(
        what + ": " + type_name(value) +
        " is not exact; pass an int, a fractions.Fraction, a decimal.Decimal or a str such as '12.50'");
  if (py::hasattr(value, "as_integer_ratio")) {  // decimal.Decimal
    py::tuple ratio = value.attr("as_integer_ratio")();
    return Rational(to_integer(ratio[0], what), to_integer(ratio[1], what));
  }
  throw py::type_error(what + " must be an int, a fractions.Fraction, a decimal.Decimal or a str, not " +
                       type_name(value));
}

std::int64_t to_int64(py::handle value, const std::string& what) {
  Integer v = to_integer(value, what);
  if (v > std::numeric_limits<std::int64_t>::max() || v < -std::numeric_limits<std::int64_t>::max())
    throw Error(Errc::limit, Location{{}, 0, what}, "does not fit in 63 bits");
  return v.convert_to<std::int64_t>();
}

std::uint64_t to_count(py::handle value, const std::string& what) {
  Integer v = to_integer(value, what);
  if (v < 0) throw_argument_error(what, "a count cannot be negative");
  if (v > std::numeric_limits<std::uint64_t>::max())
    throw Error(Errc::limit, Location{{}, 0, what}, "count does not fit in 64 bits");
  return v.convert_to<std::uint64_t>();
}

// ---- integer arrays --------------------------------------------------------------

bool is_buffer(py::handle object) {
  return PyObject_CheckBuffer(object.ptr()) && !PyUnicode_Check(object.ptr());
}

namespace {

bool host_is_little_endian() {
  const std::uint16_t probe = 1;
  unsigned char first;
  std::memcpy(&first, &probe, 1);
  return first == 1;
}

template <class T>
std::int64_t load(const char* at) {
  T v;
  std::memcpy(&v, at, sizeof v);
  if constexpr (std::is_unsigned_v<T> && sizeof(T) == 8) {
    if (v > static_cast<T>(std::numeric_limits<std::int64_t>::max()))
      throw Error(Errc::limit, "array value does not fit in 63 bits");
  }
  return static_cast<std::int64_t>(v);
}

}  // namespace

std::vector<std::int64_t> int64_array(py::handle buffer, const std::string& what) {
  Py_buffer view;
  if (PyObject_GetBuffer(buffer.ptr(), &view, PyBUF_STRIDES | PyBUF_FORMAT) != 0) throw py::error_already_set();
  struct Release {
    Py_buffer* view;
    ~Release() { PyBuffer_Release(view); }
  } release{&view};

  if (view.ndim != 1) throw_argument_error(what, "must be a one-dimensional array");
  std::string_view format = view.format ? view.format : "B";
  char order = '@';
  if (!format.empty() && std::string_view("@=<>!").find(format[0]) != std::string_view::npos) {
    order = format[0];
    format.remove_prefix(1);
  }
  const bool swapped =
      (host_is_little_endian() && (order == '>' || order == '!')) || (!host_is_little_endian() && order == '<');
  const bool is_signed = format.size() == 1 && std::string_view("bhilqn").find(format[0]) != std::string_view::npos;
  const bool is_unsigned = format.size() == 1 && std::string_view("BHILQN").find(format[0]) != std::string_view::npos;
  if (!(is_signed || is_unsigned) || swapped)
    throw py::type_error(what + " must be an array of native integers (got format '" +
                         std::string(view.format ? view.format : "") + "')");

  std::vector<std::int64_t> out(static_cast<std::size_t>(view.shape[0]));
  const char* base = static_cast<const char*>(view.buf);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char* at = base + static_cast<Py_ssize_t>(i) * view.strides[0];
    switch (view.itemsize) {
      case 1: out[i] = is_signed ? load<std::int8_t>(at) : load<std::uint8_t>(at); break;
      case 2: out[i] = is_signed ? load<std::int16_t>(at) : load<std::uint16_t>(at); break;
      case 4: out[i] = is_signed ? load<std::int32_t>(at) : load<std::uint32_t>(at); break;
      case 8:
        out[i] = is_signed ? load<std::int64_t>(at) : with_field(what, [&] { return load<std::uint64_t>(at); });
        break;
      default: throw py::type_error(what + ": unsupported integer size " + std::to_string(view.itemsize));
    }
  }
  return out;
}

}  // namespace minga::python
