// SPDX-License-Identifier: Apache-2.0
// src/capi/capi_internal.hpp - what the C ABI's source files share: the election handle, the error state, the firewall.
//
// Not installed. Every src/capi/capi_*.cpp runs its entry points inside
// guarded() and reports bad arguments with require(), so all of minga.h fails
// the same way (status code, thread-local message, nothing thrown into C).
#pragma once

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "minga.h"
#include "minga/ballot/election.hpp"
#include "minga/core/error.hpp"

// The handle is the C++ object, nothing more.
struct minga_election {
  minga::Election election;
};

namespace minga::capi {

// ---- the thread's error state ------------------------------------------------

struct LastError {
  int code = MINGA_OK;
  std::string message;
};

/// Defined in capi.cpp.
extern thread_local LastError last_error;

inline int record_failure(int code, const char* message, const char* detail = "") noexcept {
  last_error.code = code;
  try {
    last_error.message.assign(message);
    last_error.message.append(detail);
  } catch (...) {
    last_error.message.clear();  // no memory even for the message: the code still tells
  }
  return code;
}

/// The exception firewall around every entry point. `body` returns a status.
template <class Body>
int guarded(const char* function, Body&& body) noexcept {
  try {
    return body();
  } catch (const Error& e) {
    int code = static_cast<int>(e.code());
    return record_failure(code < 0 ? code : MINGA_EINTERNAL, e.what());
  } catch (const std::bad_alloc&) {
    return record_failure(MINGA_ENOMEM, "out of memory in ", function);
  } catch (const std::exception& e) {
    try {
      return record_failure(MINGA_EINTERNAL, (std::string(function) + ": internal error: ").c_str(), e.what());
    } catch (...) {
      return record_failure(MINGA_EINTERNAL, "internal error in ", function);
    }
  } catch (...) {
    return record_failure(MINGA_EINTERNAL, "internal error (unknown exception) in ", function);
  }
}

// ---- argument conversion -----------------------------------------------------

/// Error(invalid_argument) "<function>: '<parameter>' is NULL" for a NULL pointer.
inline void require(const void* pointer, const char* function, const char* parameter) {
  if (pointer == nullptr) throw Error(Errc::invalid_argument, std::string(function) + ": '" + parameter + "' is NULL");
}

/// Hands `bytes` to the caller as a NUL-terminated malloc'ed buffer (freed with minga_free()).
template <class Byte>
void copy_out(const std::string& bytes, Byte** out, std::size_t* out_len) {
  auto* buffer = static_cast<Byte*>(std::malloc(bytes.size() + 1));
  if (buffer == nullptr) throw std::bad_alloc();
  std::memcpy(buffer, bytes.data(), bytes.size());
  buffer[bytes.size()] = 0;
  *out = buffer;
  if (out_len != nullptr) *out_len = bytes.size();
}

}  // namespace minga::capi
