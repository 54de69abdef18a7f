/* SPDX-License-Identifier: Apache-2.0 */
/* tests/capi/header_c99.c - minga.h compiles on its own as strict C99 (and twice: include guard). */
#include "minga.h"
#include "minga.h"

/* Every kind of declaration is usable: types, enums, macros. */
typedef int minga_header_checks[(MINGA_OK == 0 && MINGA_EINTERNAL == -8 && MINGA_CHANNEL_OTHER == 5 &&
                                 MINGA_MARK_OVERVOTE == 0xFFFFFFFFu && MINGA_VERSION_NUMBER >= 0 &&
                                 MINGA_ABI_VERSION >= 0)
                                    ? 1
                                    : -1];

int minga_header_c99_probe(minga_election **out, minga_channel channel);
int minga_header_c99_probe(minga_election **out, minga_channel channel) {
  minga_header_checks checks = {0};
  (void)out;
  return (int)channel + checks[0];
}
