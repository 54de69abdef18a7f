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

/* Whether the optional file `path` (the team's shared data) is there; says visibly that the
 * caller's test is skipped when it is not. */
static inline int optional_file_present(const char *path) {
  FILE *probe = fopen(path, "r");
  if (probe == NULL) {
    printf("WARN: skipped: %s is absent (the team's shared data is optional)\n", path);
    return 0;
  }
  fclose(probe);
  return 1;
}

#endif
