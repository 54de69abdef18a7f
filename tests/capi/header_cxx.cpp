// SPDX-License-Identifier: Apache-2.0
// tests/capi/header_cxx.cpp - minga.h compiles on its own as C++11 (strict warnings) with C linkage.
#include "minga.h"

static_assert(MINGA_OK == 0 && MINGA_EINTERNAL == -8, "pinned status codes");
static_assert(MINGA_MARK_WRITE_IN == 0xFFFFFFFEu, "pinned mark token");
static_assert(MINGA_CHANNEL_PAPER == 3, "pinned channel");

// Function pointers with C linkage types prove the declarations are usable from C++.
extern "C" {
typedef int (*minga_new_fn)(minga_election**, const char*, size_t, const char* const*);
}
minga_new_fn minga_header_cxx_probe() {
  return &minga_election_new;
}
