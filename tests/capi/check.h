/* SPDX-License-Identifier: Apache-2.0 */
/* tests/capi/check.h - the checks the C ABI's test programs share: CHECK counts a failure and goes on. */
#ifndef MINGA_TESTS_CAPI_CHECK_H
#define MINGA_TESTS_CAPI_CHECK_H

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

/* Whether `text` (may be NULL) holds `part`. */
static int contains(const char *text, const char *part) {
  return text != NULL && strstr(text, part) != NULL;
}

#endif
