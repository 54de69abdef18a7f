// SPDX-License-Identifier: Apache-2.0
// src/core/error.cpp - the one error type.
#include "minga/core/error.hpp"

namespace minga {

namespace {
std::string describe(const Location& where, const std::string& reason) {
  std::string text;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) text += ":" + std::to_string(where.line);
    text += ": ";
  } else if (where.line > 0) {
    text += "line " + std::to_string(where.line) + ": ";
  }
  if (!where.field.empty()) text += where.field + ": ";
  return text + reason;
}
}  // namespace

Error::Error(Errc code, const std::string& reason) : Error(code, Location{}, reason) {}

Error::Error(Errc code, Location where, const std::string& reason)
    : std::runtime_error(describe(where, reason)), code_(code), where_(std::move(where)), reason_(reason) {}

void throw_parse_error(const Location& where, const std::string& reason) { throw Error(Errc::parse, where, reason); }

const char* errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::ok: return "ok";
    case Errc::invalid_argument: return "invalid_argument";
    case Errc::parse: return "parse";
    case Errc::io: return "io";
    case Errc::unsupported: return "unsupported";
    case Errc::mismatch: return "mismatch";
    case Errc::out_of_memory: return "out_of_memory";
    case Errc::limit: return "limit";
    case Errc::internal: return "internal";
    case Errc::tie: return "tie";
    case Errc::verification: return "verification";
  }
  return "unknown";
}

}  // namespace minga
