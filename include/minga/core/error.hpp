// SPDX-License-Identifier: Apache-2.0
// minga/core/error.hpp - the one error type of the C++ API.
//
// Every failure inside minga is thrown as minga::Error. It carries a code
// (the same numbers as the MINGA_E* status codes of the C ABI) and, when the
// failure is about input, where it happened: file, line and field. The C
// facade catches it and turns it into a status code plus a thread-local
// message; nothing else crosses the C boundary.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace minga {

/// Error codes. Pinned and append-only: they are the C ABI's status codes.
enum class Errc : int {
  ok = 0,
  invalid_argument = -1,  ///< a caller passed something the API forbids
  parse = -2,             ///< input text or bytes are malformed
  io = -3,                ///< a file could not be opened, read or written
  unsupported = -4,       ///< a well-formed input uses something minga does not support
  mismatch = -5,          ///< inputs disagree (merging profiles over different candidates, ...)
  out_of_memory = -6,
  limit = -7,             ///< a number or size is beyond a documented limit
  internal = -8,          ///< a bug in minga: please report it
  tie = -9,               ///< a rule met a tie its tie-break policy was told not to resolve
  verification = -10,     ///< a signature, proof, hash or code does not verify (a receipt, a submitted ballot)
};

/// Where in an input an error was found. Empty fields are simply not printed.
struct Location {
  std::string file;       ///< file name, or "<string>" / "<buffer>" for in-memory input
  std::uint64_t line = 0; ///< 1-based line (or record) number; 0 when not applicable
  std::string field;      ///< column, key or field name
};

/// The exception type of minga. what() reads "file:line: field: reason".
class MINGA_EXPORT Error : public std::runtime_error {
 public:
  Error(Errc code, const std::string& reason);
  Error(Errc code, Location where, const std::string& reason);

  Errc code() const noexcept { return code_; }
  const Location& where() const noexcept { return where_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  Errc code_;
  Location where_;
  std::string reason_;
};

/// Shorthand for the most common throw: malformed input at a known place.
[[noreturn]] MINGA_EXPORT void throw_parse_error(const Location& where, const std::string& reason);

/// Name of a code, e.g. "parse" (stable; used in messages and bindings).
MINGA_EXPORT const char* errc_name(Errc code) noexcept;

}  // namespace minga
