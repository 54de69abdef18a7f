/* SPDX-License-Identifier: Apache-2.0 */
/* tests/capi/test_capi.c - every function of minga.h, from plain C99, including its error paths. */
#define _POSIX_C_SOURCE 200809L

#include "minga.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a tiny check framework ------------------------------------------------ */

static int checks = 0;
static int failures = 0;

#define CHECK(cond)                                                           \
  do {                                                                        \
    ++checks;                                                                 \
    if (!(cond)) {                                                            \
      ++failures;                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                         \
  } while (0)

/* The call returns `expected`; on a failure the thread's error state agrees. */
#define CHECK_STATUS(call, expected)                                                           \
  do {                                                                                         \
    int got_ = (call);                                                                         \
    ++checks;                                                                                  \
    if (got_ != (expected)) {                                                                  \
      ++failures;                                                                              \
      fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d; last error: %s\n", __FILE__,  \
              __LINE__, #call, got_, minga_status_name(got_), (expected),                      \
              minga_last_error_message());                                                     \
    } else if ((expected) < 0) {                                                               \
      CHECK(minga_last_error_code() == (expected));                                            \
    }                                                                                          \
  } while (0)

/* The last error message contains `needle`. */
#define CHECK_MESSAGE(needle)                                                                   \
  do {                                                                                          \
    ++checks;                                                                                   \
    if (strstr(minga_last_error_message(), (needle)) == NULL) {                                 \
      ++failures;                                                                               \
      fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, __LINE__,             \
              minga_last_error_message(), (needle));                                            \
    }                                                                                           \
  } while (0)

static const char *scratch_dir = ".";
static const char *data_dir = NULL; /* tests/data, the second argument (tests/capi/CMakeLists.txt) */

static void path_in_scratch(char *buffer, size_t size, const char *name) {
  snprintf(buffer, size, "%s/%s", scratch_dir, name);
}

static uint64_t ballots_of(const minga_election *e) {
  uint64_t n = 12345;
  CHECK_STATUS(minga_election_num_ballots(e, &n), MINGA_OK);
  return n;
}

static size_t distinct_of(const minga_election *e) {
  size_t n = 12345;
  CHECK_STATUS(minga_election_num_distinct(e, &n), MINGA_OK);
  return n;
}

static char *json_of(const minga_election *e) {
  char *json = NULL;
  CHECK_STATUS(minga_election_to_json(e, &json, NULL), MINGA_OK);
  return json;
}

/* An approval election over ids a, b, c with ballots {a,c} x2, {b} x1, {} x5. */
static minga_election *make_abc(void) {
  static const char *const ids[] = {"a", "b", "c"};
  static const size_t offsets[] = {0, 2, 3, 3};
  static const uint32_t alternatives[] = {0, 2, 1};
  static const uint64_t counts[] = {2, 1, 5};
  minga_election *e = NULL;
  CHECK_STATUS(minga_election_new(&e, "approval", 3, ids), MINGA_OK);
  CHECK_STATUS(minga_election_add_approvals(e, 3, offsets, alternatives, counts, NULL, NULL), MINGA_OK);
  return e;
}

/* ---- init (run first, from several threads at once) ------------------------- */

static void *call_init(void *result) {
  *(int *)result = minga_init();
  return NULL;
}

static void test_init_concurrently(void) {
  pthread_t threads[4];
  int results[4];
  int zeros = 0, ones = 0, i;
  for (i = 0; i < 4; ++i) CHECK(pthread_create(&threads[i], NULL, call_init, &results[i]) == 0);
  for (i = 0; i < 4; ++i) pthread_join(threads[i], NULL);
  for (i = 0; i < 4; ++i) {
    zeros += results[i] == 0;
    ones += results[i] == 1;
  }
  CHECK(zeros == 1); /* exactly one call initialised */
  CHECK(ones == 3);
  CHECK(minga_init() == 1);
}

/* ---- versions, codes, constants ------------------------------------------------ */

static void test_versions(void) {
  CHECK(strcmp(minga_version_string(), MINGA_VERSION_STRING) == 0);
  CHECK(minga_version_number() == MINGA_VERSION_NUMBER);
  CHECK(minga_version_major() == MINGA_VERSION_MAJOR);
  CHECK(minga_version_minor() == MINGA_VERSION_MINOR);
  CHECK(minga_version_patch() == MINGA_VERSION_PATCH);
  CHECK(minga_version_number() == minga_version_major() * 10000 + minga_version_minor() * 100 + minga_version_patch());
  CHECK(minga_abi_version() == MINGA_ABI_VERSION);
  {
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", MINGA_VERSION_MAJOR, MINGA_VERSION_MINOR, MINGA_VERSION_PATCH);
    CHECK(strcmp(MINGA_VERSION_STRING, expected) == 0);
  }
}

static void test_status_codes(void) {
  /* Pinned values: changing any of them breaks the ABI. */
  CHECK(MINGA_OK == 0 && minga_ok() == 0);
  CHECK(MINGA_EINVAL == -1 && minga_einval() == -1);
  CHECK(MINGA_EPARSE == -2 && minga_eparse() == -2);
  CHECK(MINGA_EIO == -3 && minga_eio() == -3);
  CHECK(MINGA_EUNSUPPORTED == -4 && minga_eunsupported() == -4);
  CHECK(MINGA_EMISMATCH == -5 && minga_emismatch() == -5);
  CHECK(MINGA_ENOMEM == -6 && minga_enomem() == -6);
  CHECK(MINGA_ELIMIT == -7 && minga_elimit() == -7);
  CHECK(MINGA_EINTERNAL == -8 && minga_einternal() == -8);
  CHECK(MINGA_ETIE == -9 && minga_etie() == -9);
  CHECK(MINGA_EVERIFY == -10 && minga_everify() == -10);
  CHECK(strcmp(minga_status_name(MINGA_OK), "ok") == 0);
  CHECK(strcmp(minga_status_name(MINGA_EINVAL), "invalid_argument") == 0);
  CHECK(strcmp(minga_status_name(MINGA_EPARSE), "parse") == 0);
  CHECK(strcmp(minga_status_name(MINGA_EIO), "io") == 0);
  CHECK(strcmp(minga_status_name(MINGA_EUNSUPPORTED), "unsupported") == 0);
  CHECK(strcmp(minga_status_name(MINGA_EMISMATCH), "mismatch") == 0);
  CHECK(strcmp(minga_status_name(MINGA_ENOMEM), "out_of_memory") == 0);
  CHECK(strcmp(minga_status_name(MINGA_ELIMIT), "limit") == 0);
  CHECK(strcmp(minga_status_name(MINGA_EINTERNAL), "internal") == 0);
  CHECK(strcmp(minga_status_name(MINGA_ETIE), "tie") == 0);
  CHECK(strcmp(minga_status_name(MINGA_EVERIFY), "verification") == 0);
  CHECK(strcmp(minga_status_name(-11), "unknown") == 0);
  CHECK(strcmp(minga_status_name(1), "unknown") == 0);
  CHECK(strcmp(minga_status_name(INT32_MIN), "unknown") == 0);
}

static void test_constants(void) {
  CHECK(MINGA_CHANNEL_UNSPECIFIED == 0 && minga_channel_unspecified() == 0);
  CHECK(MINGA_CHANNEL_ONLINE == 1 && minga_channel_online() == 1);
  CHECK(MINGA_CHANNEL_KIOSK == 2 && minga_channel_kiosk() == 2);
  CHECK(MINGA_CHANNEL_PAPER == 3 && minga_channel_paper() == 3);
  CHECK(MINGA_CHANNEL_SMS == 4 && minga_channel_sms() == 4);
  CHECK(MINGA_CHANNEL_OTHER == 5 && minga_channel_other() == 5);
  CHECK(strcmp(minga_channel_name(MINGA_CHANNEL_UNSPECIFIED), "unspecified") == 0);
  CHECK(strcmp(minga_channel_name(MINGA_CHANNEL_ONLINE), "online") == 0);
  CHECK(strcmp(minga_channel_name(MINGA_CHANNEL_KIOSK), "kiosk") == 0);
  CHECK(strcmp(minga_channel_name(MINGA_CHANNEL_PAPER), "paper") == 0);
  CHECK(strcmp(minga_channel_name(MINGA_CHANNEL_SMS), "sms") == 0);
  CHECK(strcmp(minga_channel_name(MINGA_CHANNEL_OTHER), "other") == 0);
  CHECK(strcmp(minga_channel_name(6), "unknown") == 0);
  CHECK(strcmp(minga_channel_name(-1), "unknown") == 0);
  CHECK(MINGA_MARK_OVERVOTE == 0xFFFFFFFFu && minga_mark_overvote() == 0xFFFFFFFFu);
  CHECK(MINGA_MARK_WRITE_IN == 0xFFFFFFFEu && minga_mark_write_in() == 0xFFFFFFFEu);
}

/* ---- the error state ----------------------------------------------------------------- */

static void *fail_once(void *message_out) {
  minga_election *e = NULL;
  /* A fresh thread starts without an error, whatever other threads did. */
  int before = minga_last_error_code();
  int status = minga_election_new(&e, "no-such-kind", 1, NULL);
  snprintf((char *)message_out, 256, "%d %d %d %s", before, status, minga_last_error_code(),
           minga_last_error_message());
  return NULL;
}

static void test_error_state(void) {
  minga_election *e = NULL;
  char other_thread[256] = "";
  pthread_t thread;
  const char *message;

  minga_clear_error();
  CHECK(minga_last_error_code() == MINGA_OK);
  CHECK(strcmp(minga_last_error_message(), "") == 0);

  CHECK_STATUS(minga_election_new(&e, "plurality", 2, NULL), MINGA_EINVAL);
  CHECK(e == NULL);
  CHECK_MESSAGE("plurality");
  message = minga_last_error_message();
  /* A successful call keeps the last failure (like errno). */
  e = make_abc();
  CHECK(minga_last_error_code() == MINGA_EINVAL);
  CHECK(strstr(message, "plurality") != NULL);

  /* Errors are per thread. */
  CHECK(pthread_create(&thread, NULL, fail_once, other_thread) == 0);
  pthread_join(thread, NULL);
  CHECK(strncmp(other_thread, "0 -1 -1 ", 8) == 0);
  CHECK(strstr(other_thread, "no-such-kind") != NULL);
  CHECK(minga_last_error_code() == MINGA_EINVAL);
  CHECK_MESSAGE("plurality");

  minga_clear_error();
  CHECK(minga_last_error_code() == MINGA_OK);
  CHECK(strcmp(minga_last_error_message(), "") == 0);
  minga_election_free(e);
}

/* ---- creating and inspecting --------------------------------------------------------- */

static void test_new_and_accessors(void) {
  static const char *const ids[] = {"north-park", "library", "bike-lanes"};
  minga_election *e = NULL;
  size_t n = 0;
  uint64_t ballots = 1;
  const char *id = NULL;

  CHECK_STATUS(minga_election_new(&e, "ranked", 3, ids), MINGA_OK);
  CHECK(e != NULL);
  CHECK(strcmp(minga_election_kind(e), "ranked") == 0);
  CHECK_STATUS(minga_election_num_alternatives(e, &n), MINGA_OK);
  CHECK(n == 3);
  CHECK_STATUS(minga_election_num_ballots(e, &ballots), MINGA_OK);
  CHECK(ballots == 0);
  CHECK(distinct_of(e) == 0);
  CHECK_STATUS(minga_election_alternative_id(e, 0, &id), MINGA_OK);
  CHECK(id != NULL && strcmp(id, "north-park") == 0);
  CHECK_STATUS(minga_election_alternative_id(e, 2, &id), MINGA_OK);
  CHECK(id != NULL && strcmp(id, "bike-lanes") == 0);
  CHECK_STATUS(minga_election_alternative_id(e, 3, &id), MINGA_EINVAL);
  CHECK(id == NULL);
  CHECK_MESSAGE("index 3 is out of range (3 alternatives)");

  /* NULL arguments are refused, naming the parameter. */
  CHECK(minga_election_kind(NULL) == NULL);
  CHECK(minga_last_error_code() == MINGA_EINVAL);
  CHECK_MESSAGE("'election' is NULL");
  CHECK_STATUS(minga_election_num_alternatives(NULL, &n), MINGA_EINVAL);
  CHECK_MESSAGE("minga_election_num_alternatives: 'election' is NULL");
  CHECK_STATUS(minga_election_num_alternatives(e, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("'out' is NULL");
  CHECK_STATUS(minga_election_num_ballots(NULL, &ballots), MINGA_EINVAL);
  CHECK_STATUS(minga_election_num_ballots(e, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("minga_election_num_ballots: 'out' is NULL");
  CHECK_STATUS(minga_election_num_distinct(NULL, &n), MINGA_EINVAL);
  CHECK_STATUS(minga_election_num_distinct(e, NULL), MINGA_EINVAL);
  CHECK_STATUS(minga_election_alternative_id(NULL, 0, &id), MINGA_EINVAL);
  CHECK_STATUS(minga_election_alternative_id(e, 0, NULL), MINGA_EINVAL);
  minga_election_free(e);

  /* Default ids "1".."n". */
  CHECK_STATUS(minga_election_new(&e, "score", 12, NULL), MINGA_OK);
  CHECK(strcmp(minga_election_kind(e), "score") == 0);
  CHECK_STATUS(minga_election_alternative_id(e, 0, &id), MINGA_OK);
  CHECK(strcmp(id, "1") == 0);
  CHECK_STATUS(minga_election_alternative_id(e, 11, &id), MINGA_OK);
  CHECK(strcmp(id, "12") == 0);
  minga_election_free(e);

  CHECK_STATUS(minga_election_new(&e, "quadratic", 0, NULL), MINGA_OK);
  CHECK(strcmp(minga_election_kind(e), "quadratic") == 0);
  CHECK_STATUS(minga_election_num_alternatives(e, &n), MINGA_OK);
  CHECK(n == 0);
  minga_election_free(e);

  CHECK_STATUS(minga_election_new(&e, "approval", 1, NULL), MINGA_OK);
  CHECK(strcmp(minga_election_kind(e), "approval") == 0);
  minga_election_free(e);

  /* Bad arguments leave *out NULL. */
  e = (minga_election *)&n; /* a non-NULL value that must be overwritten */
  CHECK_STATUS(minga_election_new(&e, NULL, 2, NULL), MINGA_EINVAL);
  CHECK(e == NULL);
  CHECK_MESSAGE("minga_election_new: 'kind' is NULL");
  CHECK_STATUS(minga_election_new(NULL, "approval", 2, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("'out' is NULL");
  {
    static const char *const repeated[] = {"x", "y", "x"};
    static const char *const with_null[] = {"x", NULL};
    static const char *const with_empty[] = {"x", ""};
    static const char *const bad_utf8[] = {"x", "caf\xC3"};
    CHECK_STATUS(minga_election_new(&e, "approval", 3, repeated), MINGA_EINVAL);
    CHECK(e == NULL);
    CHECK_MESSAGE("ids[2] 'x' repeats an earlier id");
    CHECK_STATUS(minga_election_new(&e, "approval", 2, with_null), MINGA_EINVAL);
    CHECK_MESSAGE("'ids[1]' is NULL");
    CHECK_STATUS(minga_election_new(&e, "approval", 2, with_empty), MINGA_EINVAL);
    CHECK_MESSAGE("'ids[1]' is empty");
    CHECK_STATUS(minga_election_new(&e, "approval", 2, bad_utf8), MINGA_EINVAL);
    CHECK_MESSAGE("'ids[1]' is not valid UTF-8");
  }
  CHECK_STATUS(minga_election_new(&e, "approval", SIZE_MAX, NULL), MINGA_EINVAL);
  CHECK(e == NULL);
  CHECK_MESSAGE("too many alternatives");
  CHECK_STATUS(minga_election_new(&e, "approval", (size_t)0xFFFFFFF1u, NULL), MINGA_EINVAL);
  CHECK(e == NULL);

  /* Freeing NULL does nothing. */
  minga_election_free(NULL);
  minga_free(NULL);
}

/* ---- bulk adds ------------------------------------------------------------------------ */

static void test_add_approvals(void) {
  minga_election *e = make_abc();
  static const size_t offsets[] = {10, 11, 11, 12};
  static const uint32_t items[] = {99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 1, 1};
  static const uint8_t channels[] = {MINGA_CHANNEL_ONLINE, MINGA_CHANNEL_PAPER, MINGA_CHANNEL_PAPER};
  static const char *const districts[] = {"North", NULL, "South"};
  char *before;

  CHECK(ballots_of(e) == 8);  /* 2 + 1 + 5 */
  CHECK(distinct_of(e) == 3); /* {a,c}, {b}, {} */

  /* offsets need not start at 0; strata keep otherwise equal ballots apart. */
  CHECK_STATUS(minga_election_add_approvals(e, 3, offsets, items, NULL, channels, districts), MINGA_OK);
  CHECK(ballots_of(e) == 11);
  CHECK(distinct_of(e) == 6); /* {b}@online/North, {}@paper, {b}@paper/South */

  /* The same ballot in the same stratum is counted, not stored again. */
  {
    static const size_t o[] = {0, 2};
    static const uint32_t reversed[] = {2, 0};
    static const uint64_t c[] = {4};
    CHECK_STATUS(minga_election_add_approvals(e, 1, o, reversed, c, NULL, NULL), MINGA_OK);
    CHECK(ballots_of(e) == 15);
    CHECK(distinct_of(e) == 6);
  }
  /* Zero ballots, and an item array that may be NULL when no item is read. */
  {
    static const size_t o0[] = {7};
    static const size_t empty_ballots[] = {0, 0, 0};
    CHECK_STATUS(minga_election_add_approvals(e, 0, o0, NULL, NULL, NULL, NULL), MINGA_OK);
    CHECK_STATUS(minga_election_add_approvals(e, 2, empty_ballots, NULL, NULL, NULL, NULL), MINGA_OK);
    CHECK(ballots_of(e) == 17);
  }

  /* All or nothing: a bad last ballot adds nothing, and the message names it. */
  before = json_of(e);
  {
    static const size_t o[] = {0, 1, 2, 4};
    static const uint32_t bad_index[] = {0, 1, 2, 3};
    static const uint32_t twice[] = {0, 1, 2, 2};
    static const size_t decreasing[] = {0, 2, 1, 4};
    static const uint8_t bad_channel[] = {0, 0, 6};
    static const char *const bad_district[] = {"ok", "ok", "\xFF"};
    static const uint64_t huge[] = {UINT64_MAX - 10, 0, 0};
    char *after;

    CHECK_STATUS(minga_election_add_approvals(e, 3, o, bad_index, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("ballot 2: ");
    CHECK_MESSAGE("alternative index 3 out of range");
    CHECK_STATUS(minga_election_add_approvals(e, 3, o, twice, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("ballot 2: alternative index 2 approved twice");
    CHECK_STATUS(minga_election_add_approvals(e, 3, decreasing, bad_index, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("offsets[2] = 1 is below offsets[1] = 2");
    CHECK_STATUS(minga_election_add_approvals(e, 3, o, twice + 0, NULL, bad_channel, NULL), MINGA_EINVAL);
    CHECK_STATUS(minga_election_add_approvals(e, 2, o, bad_index, NULL, bad_channel, NULL), MINGA_OK);
    CHECK(ballots_of(e) == 19); /* the first two ballots were fine */
    minga_free(before);
    before = json_of(e);
    {
      static const uint32_t fine[] = {0, 1, 2, 0};
      CHECK_STATUS(minga_election_add_approvals(e, 3, o, fine, NULL, bad_channel, NULL), MINGA_EINVAL);
      CHECK_MESSAGE("ballot 2: channels[2] = 6 is not a minga_channel");
      CHECK_STATUS(minga_election_add_approvals(e, 3, o, fine, NULL, NULL, bad_district), MINGA_EINVAL);
      CHECK_MESSAGE("'districts[2]' is not valid UTF-8");
      /* The whole batch would pass 2^64 - 1 ballots. */
      CHECK_STATUS(minga_election_add_approvals(e, 3, o, fine, huge, NULL, NULL), MINGA_ELIMIT);
      CHECK_MESSAGE("2^64");
    }
    CHECK_STATUS(minga_election_add_approvals(e, 3, o, NULL, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'alternatives' is NULL");
    CHECK_STATUS(minga_election_add_approvals(e, 3, NULL, bad_index, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'offsets' is NULL");
    CHECK_STATUS(minga_election_add_approvals(NULL, 3, o, bad_index, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("minga_election_add_approvals: 'election' is NULL");
    /* Another kind's ballots. */
    {
      static const size_t ranks[] = {0, 1};
      static const uint32_t mark[] = {0};
      static const int64_t one[] = {1};
      CHECK_STATUS(minga_election_add_rankings(e, 1, o, ranks, mark, NULL, NULL, NULL), MINGA_EINVAL);
      CHECK_MESSAGE("ranked ballot added to a approval profile");
      CHECK_STATUS(minga_election_add_scores(e, 1, o, mark, one, NULL, NULL, NULL, NULL), MINGA_EINVAL);
      CHECK_STATUS(minga_election_add_quadratic(e, 1, o, mark, one, NULL, NULL, NULL), MINGA_EINVAL);
    }
    after = json_of(e);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    CHECK(ballots_of(e) == 19);
    minga_free(after);
  }
  minga_free(before);
  minga_election_free(e);
}

static void test_add_rankings(void) {
  /* The example of minga.h: "A > B" x3 and "C, skipped, A = B" x1. */
  static const char *const ids[] = {"A", "B", "C"};
  static const size_t ballot_offsets[] = {0, 2, 5};
  static const size_t rank_offsets[] = {0, 1, 2, 3, 3, 5};
  static const uint32_t marks[] = {0, 1, 2, 0, 1};
  static const uint64_t counts[] = {3, 1};
  minga_election *e = NULL;
  char *json;

  CHECK_STATUS(minga_election_new(&e, "ranked", 3, ids), MINGA_OK);
  CHECK_STATUS(minga_election_add_rankings(e, 2, ballot_offsets, rank_offsets, marks, counts, NULL, NULL), MINGA_OK);
  CHECK(ballots_of(e) == 4);
  CHECK(distinct_of(e) == 2);
  json = json_of(e);
  CHECK(json != NULL && strstr(json, "\"A\"") != NULL);
  minga_free(json);

  {
    /* Four ballots, three by SMS and one at a kiosk: "A, skipped rank", "B = A", "A > C", an overvote. */
    static const size_t bo[] = {0, 2, 3, 5, 6};
    static const size_t ro[] = {0, 1, 1, 3, 4, 5, 6};
    static const uint32_t m[] = {0, 1, 0, 0, 2, MINGA_MARK_OVERVOTE};
    static const uint8_t channels[] = {MINGA_CHANNEL_SMS, MINGA_CHANNEL_SMS, MINGA_CHANNEL_SMS, MINGA_CHANNEL_KIOSK};
    CHECK_STATUS(minga_election_add_rankings(e, 4, bo, ro, m, NULL, channels, NULL), MINGA_OK);
    CHECK(ballots_of(e) == 8);
    CHECK(distinct_of(e) == 6);
  }
  {
    /* "A" is "A, skipped rank" (trailing skips carry nothing) and "A = B" is "B = A":
       both are counted on the entries above. A write-in is a mark of its own. */
    static const size_t bo[] = {0, 1, 2, 3};
    static const size_t ro[] = {0, 1, 3, 4};
    static const uint32_t m[] = {0, 0, 1, MINGA_MARK_WRITE_IN};
    static const uint8_t channels[] = {MINGA_CHANNEL_SMS, MINGA_CHANNEL_SMS, MINGA_CHANNEL_SMS};
    CHECK_STATUS(minga_election_add_rankings(e, 3, bo, ro, m, NULL, channels, NULL), MINGA_OK);
    CHECK(ballots_of(e) == 11);
    CHECK(distinct_of(e) == 7);
  }
  {
    static const size_t bo[] = {0, 1};
    static const size_t ro[] = {0, 2};
    static const uint32_t twice[] = {1, 1};
    static const uint32_t out_of_range[] = {0, 3};
    CHECK_STATUS(minga_election_add_rankings(e, 1, bo, ro, twice, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("ballot 0: a candidate is marked twice at rank 1");
    CHECK_STATUS(minga_election_add_rankings(e, 1, bo, ro, out_of_range, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("candidate index 3 out of range");
    CHECK_STATUS(minga_election_add_rankings(e, 1, bo, NULL, twice, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'rank_offsets' is NULL");
    CHECK_STATUS(minga_election_add_rankings(e, 1, bo, ro, NULL, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'marks' is NULL");
    CHECK_STATUS(minga_election_add_rankings(e, 1, NULL, ro, twice, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'ballot_offsets' is NULL");
    CHECK_STATUS(minga_election_add_rankings(NULL, 1, bo, ro, twice, NULL, NULL, NULL), MINGA_EINVAL);
  }
  {
    static const size_t bo[] = {1, 3};
    static const size_t decreasing[] = {99, 0, 2, 1};
    static const uint32_t m[] = {0, 1};
    CHECK_STATUS(minga_election_add_rankings(e, 1, bo, decreasing, m, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("rank_offsets[3] = 1 is below rank_offsets[2] = 2");
  }
  {
    /* A ballot with no ranks at all (fully blank), and rank arrays unused. */
    static const size_t bo[] = {4, 4};
    CHECK_STATUS(minga_election_add_rankings(e, 1, bo, NULL, NULL, NULL, NULL, NULL), MINGA_OK);
    CHECK(ballots_of(e) == 12);
    CHECK(distinct_of(e) == 8);
  }
  minga_election_free(e);
}

static void test_add_scores(void) {
  static const size_t offsets[] = {0, 2, 4, 5};
  static const uint32_t alternatives[] = {0, 1, 1, 0, 2};
  static const int64_t numerators[] = {5, 3, 6, 10, -1};
  static const int64_t denominators[] = {2, 1, 2, 4, 3};
  minga_election *e = NULL;
  char *json;

  CHECK_STATUS(minga_election_new(&e, "score", 3, NULL), MINGA_OK);
  CHECK_STATUS(minga_election_add_scores(e, 3, offsets, alternatives, numerators, denominators, NULL, NULL, NULL),
               MINGA_OK);
  /* {1: 5/2, 2: 3} and {2: 6/2, 1: 10/4} are the same ballot. */
  CHECK(ballots_of(e) == 3);
  CHECK(distinct_of(e) == 2);
  json = json_of(e);
  CHECK(json != NULL && strstr(json, "\"2.5\"") != NULL && strstr(json, "\"-1/3\"") != NULL);
  minga_free(json);
  /* Integer points without denominators. */
  {
    static const size_t o[] = {0, 1};
    static const uint32_t a[] = {2};
    static const int64_t n[] = {7};
    CHECK_STATUS(minga_election_add_scores(e, 1, o, a, n, NULL, NULL, NULL, NULL), MINGA_OK);
    CHECK(ballots_of(e) == 4);
    CHECK(distinct_of(e) == 3);
  }
  {
    static const int64_t zero_den[] = {2, 1, 2, 4, 0};
    static const int64_t negative_den[] = {2, -1, 2, 4, 3};
    static const uint32_t twice[] = {0, 0, 1, 0, 2};
    static const int64_t too_big[] = {5, 3, 6, 10, INT64_MIN};
    CHECK_STATUS(minga_election_add_scores(e, 3, offsets, alternatives, numerators, zero_den, NULL, NULL, NULL),
                 MINGA_EINVAL);
    CHECK_MESSAGE("ballot 2: denominators[4] = 0 is not positive");
    CHECK_STATUS(minga_election_add_scores(e, 3, offsets, alternatives, numerators, negative_den, NULL, NULL, NULL),
                 MINGA_EINVAL);
    CHECK_MESSAGE("ballot 0: denominators[1] = -1 is not positive");
    CHECK_STATUS(minga_election_add_scores(e, 3, offsets, twice, numerators, denominators, NULL, NULL, NULL),
                 MINGA_EINVAL);
    CHECK_MESSAGE("scored twice");
    CHECK_STATUS(minga_election_add_scores(e, 3, offsets, alternatives, too_big, NULL, NULL, NULL, NULL), MINGA_ELIMIT);
    CHECK_MESSAGE("ballot 2: ");
    CHECK_STATUS(minga_election_add_scores(e, 3, offsets, alternatives, NULL, NULL, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'numerators' is NULL");
    CHECK_STATUS(minga_election_add_scores(e, 3, offsets, NULL, numerators, NULL, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'alternatives' is NULL");
    CHECK_STATUS(minga_election_add_scores(NULL, 3, offsets, alternatives, numerators, NULL, NULL, NULL, NULL),
                 MINGA_EINVAL);
  }
  CHECK(ballots_of(e) == 4);
  CHECK(distinct_of(e) == 3);
  minga_election_free(e);
}

static void test_add_quadratic(void) {
  static const size_t offsets[] = {0, 2, 3};
  static const uint32_t options[] = {0, 1, 1};
  static const int64_t votes[] = {3, -2, 4};
  static const uint64_t counts[] = {1, 2};
  static const char *const districts[] = {"Ward 1", "Ward 2"};
  minga_election *e = NULL;
  char *json;

  CHECK_STATUS(minga_election_new(&e, "quadratic", 2, NULL), MINGA_OK);
  CHECK_STATUS(minga_election_add_quadratic(e, 2, offsets, options, votes, counts, NULL, districts), MINGA_OK);
  CHECK(ballots_of(e) == 3);
  CHECK(distinct_of(e) == 2);
  json = json_of(e);
  CHECK(json != NULL && strstr(json, "Ward 2") != NULL && strstr(json, "-2") != NULL);
  minga_free(json);
  {
    static const int64_t bad[] = {3, -2, INT64_MIN};
    static const uint32_t twice[] = {1, 1, 0};
    CHECK_STATUS(minga_election_add_quadratic(e, 2, offsets, options, bad, NULL, NULL, NULL), MINGA_ELIMIT);
    CHECK_MESSAGE("ballot 1: ");
    CHECK_STATUS(minga_election_add_quadratic(e, 2, offsets, twice, votes, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("ballot 0: option index 1 voted twice");
    CHECK_STATUS(minga_election_add_quadratic(e, 2, offsets, options, NULL, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_MESSAGE("'votes' is NULL");
    CHECK_STATUS(minga_election_add_quadratic(e, 2, offsets, NULL, votes, NULL, NULL, NULL), MINGA_EINVAL);
    CHECK_STATUS(minga_election_add_quadratic(NULL, 2, offsets, options, votes, NULL, NULL, NULL), MINGA_EINVAL);
  }
  CHECK(ballots_of(e) == 3);
  minga_election_free(e);
}

/* ---- JSON, binary, files ---------------------------------------------------------------- */

static void test_json(void) {
  static const char malformed[] = "{\n\"schema\": \"minga.election/1\",\n  oops\n}";
  static const char unknown_id[] =
      "{\"schema\":\"minga.election/1\",\"kind\":\"approval\",\"alternatives\":[\"a\"],"
      "\"ballots\":[{\"approve\":[\"z\"]}]}";
  minga_election *e = make_abc(), *back = NULL;
  char *json = NULL, *again = NULL;
  size_t len = 0;
  const char *id = NULL;

  CHECK_STATUS(minga_election_to_json(e, &json, &len), MINGA_OK);
  CHECK(json != NULL && len == strlen(json));
  CHECK(strstr(json, "\"minga.election/1\"") != NULL);
  /* Read from a buffer that is not NUL-terminated where `len` ends. */
  {
    char *copy = (char *)malloc(len + 8);
    memcpy(copy, json, len);
    memcpy(copy + len, "garbage", 8);
    CHECK_STATUS(minga_election_from_json(&back, copy, len), MINGA_OK);
    free(copy);
  }
  CHECK(back != NULL);
  CHECK(strcmp(minga_election_kind(back), "approval") == 0);
  CHECK(ballots_of(back) == 8);
  CHECK(distinct_of(back) == 3);
  CHECK_STATUS(minga_election_alternative_id(back, 2, &id), MINGA_OK);
  CHECK(strcmp(id, "c") == 0);
  /* Reading marks the election's source format as "json"; from then on the text is a fixed point. */
  again = json_of(back);
  minga_election_free(back);
  back = NULL;
  CHECK(again != NULL);
  if (again) {
    char *third;
    CHECK_STATUS(minga_election_from_json(&back, again, strlen(again)), MINGA_OK);
    third = json_of(back);
    CHECK(third != NULL && strcmp(again, third) == 0);
    minga_free(third);
    minga_election_free(back);
  }
  minga_free(again);

  /* Malformed JSON: a parse error naming "<json>" and the line. */
  back = (minga_election *)&len;
  CHECK_STATUS(minga_election_from_json(&back, malformed, strlen(malformed)), MINGA_EPARSE);
  CHECK(back == NULL);
  CHECK_MESSAGE("<json>:3: ");
  CHECK_STATUS(minga_election_from_json(&back, unknown_id, strlen(unknown_id)), MINGA_EPARSE);
  CHECK_MESSAGE("unknown alternative 'z'");
  CHECK_STATUS(minga_election_from_json(&back, "", 0), MINGA_EPARSE);
  CHECK_STATUS(minga_election_from_json(&back, NULL, 0), MINGA_EINVAL);
  CHECK_MESSAGE("minga_election_from_json: 'json' is NULL");
  CHECK_STATUS(minga_election_from_json(NULL, json, len), MINGA_EINVAL);
  CHECK_STATUS(minga_election_to_json(NULL, &again, &len), MINGA_EINVAL);
  CHECK(again == NULL && len == 0);
  CHECK_STATUS(minga_election_to_json(e, NULL, &len), MINGA_EINVAL);
  CHECK_MESSAGE("minga_election_to_json: 'out' is NULL");
  minga_free(json);
  minga_election_free(e);
}

static void test_binary(void) {
  minga_election *e = make_abc(), *back = NULL;
  unsigned char *bytes = NULL, *broken;
  size_t len = 0;
  char *json_a, *json_b;

  CHECK_STATUS(minga_election_to_binary(e, &bytes, &len), MINGA_OK);
  CHECK(bytes != NULL && len > 4);
  CHECK(memcmp(bytes, "MNGB", 4) == 0);
  CHECK_STATUS(minga_election_from_binary(&back, bytes, len), MINGA_OK);
  CHECK(back != NULL && ballots_of(back) == 8 && distinct_of(back) == 3);
  json_a = json_of(e);
  json_b = json_of(back);
  CHECK(json_a && json_b && strcmp(json_a, json_b) == 0);
  minga_free(json_a);
  minga_free(json_b);
  minga_election_free(back);

  /* A flipped byte in the middle and a truncated copy are both caught. */
  broken = (unsigned char *)malloc(len);
  memcpy(broken, bytes, len);
  broken[len / 2] ^= 0x5A;
  back = (minga_election *)&len;
  CHECK_STATUS(minga_election_from_binary(&back, broken, len), MINGA_EPARSE);
  CHECK(back == NULL);
  CHECK_MESSAGE("<binary>");
  CHECK_STATUS(minga_election_from_binary(&back, bytes, len - 1), MINGA_EPARSE);
  CHECK_STATUS(minga_election_from_binary(&back, bytes, 0), MINGA_EPARSE);
  free(broken);

  CHECK_STATUS(minga_election_from_binary(&back, NULL, 3), MINGA_EINVAL);
  CHECK_MESSAGE("'bytes' is NULL");
  CHECK_STATUS(minga_election_from_binary(NULL, bytes, len), MINGA_EINVAL);
  CHECK_STATUS(minga_election_to_binary(e, NULL, &len), MINGA_EINVAL);
  CHECK_STATUS(minga_election_to_binary(e, &broken, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("'out_len' is NULL");
  CHECK(broken == NULL);
  CHECK_STATUS(minga_election_to_binary(NULL, &broken, &len), MINGA_EINVAL);
  minga_free(bytes);
  minga_election_free(e);
}

static void test_files(void) {
  minga_election *e = make_abc(), *back = NULL;
  char path[1024], missing[1024], bad_dir[1024], odd[1024], blt[1024];
  FILE *f;

  path_in_scratch(path, sizeof path, "capi_roundtrip.json");
  path_in_scratch(missing, sizeof missing, "no_such_file.pb");
  path_in_scratch(bad_dir, sizeof bad_dir, "no_such_dir/x.json");
  path_in_scratch(odd, sizeof odd, "capi_roundtrip.xyz");
  path_in_scratch(blt, sizeof blt, "capi_approval.blt");

  remove(path);
  CHECK_STATUS(minga_election_write_file(e, path, NULL), MINGA_OK);
  CHECK_STATUS(minga_election_read_file(&back, path, NULL), MINGA_OK);
  CHECK(back != NULL && ballots_of(back) == 8);
  minga_election_free(back);
  CHECK_STATUS(minga_election_read_file(&back, path, "auto"), MINGA_OK);
  CHECK(back != NULL && distinct_of(back) == 3);
  minga_election_free(back);
  CHECK_STATUS(minga_election_read_file(&back, path, "json"), MINGA_OK);
  minga_election_free(back);
  CHECK_STATUS(minga_election_write_file(e, odd, "binary"), MINGA_OK);
  CHECK_STATUS(minga_election_read_file(&back, odd, "binary"), MINGA_OK);
  CHECK(back != NULL && ballots_of(back) == 8);
  minga_election_free(back);
  CHECK_STATUS(minga_election_read_file(&back, odd, NULL), MINGA_OK); /* told by its content */
  minga_election_free(back);

  /* A missing file: EIO naming the path. */
  back = (minga_election *)&f;
  CHECK_STATUS(minga_election_read_file(&back, missing, NULL), MINGA_EIO);
  CHECK(back == NULL);
  CHECK_MESSAGE(missing);
  CHECK_STATUS(minga_election_write_file(e, bad_dir, NULL), MINGA_EIO);
  CHECK_MESSAGE("no_such_dir");
  /* Format names. */
  CHECK_STATUS(minga_election_read_file(&back, path, "xml"), MINGA_EINVAL);
  CHECK_MESSAGE("unknown format 'xml'");
  CHECK_STATUS(minga_election_write_file(e, odd, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("extension");
  CHECK_STATUS(minga_election_write_file(e, odd, "xml"), MINGA_EINVAL);
  /* BLT holds ranked ballots only. */
  CHECK_STATUS(minga_election_write_file(e, blt, NULL), MINGA_EUNSUPPORTED);
  /* Bad content: a parse error with file and line. */
  f = fopen(path, "w");
  CHECK(f != NULL);
  if (f) {
    fputs("{\"schema\": \"minga.election/1\",\n \"kind\": \"approval\",\n \"alternatives\": [1]\n}\n", f);
    fclose(f);
  }
  CHECK_STATUS(minga_election_read_file(&back, path, NULL), MINGA_EPARSE);
  CHECK_MESSAGE(path);
  CHECK_MESSAGE("alternatives[0]");
  /* NULL arguments. */
  CHECK_STATUS(minga_election_read_file(NULL, path, NULL), MINGA_EINVAL);
  CHECK_STATUS(minga_election_read_file(&back, NULL, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("minga_election_read_file: 'path' is NULL");
  CHECK_STATUS(minga_election_write_file(NULL, path, NULL), MINGA_EINVAL);
  CHECK_STATUS(minga_election_write_file(e, NULL, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("minga_election_write_file: 'path' is NULL");
  remove(path);
  remove(odd);
  minga_election_free(e);
}

/* ---- merge ------------------------------------------------------------------------------- */

static void test_merge(void) {
  static const char *const cab[] = {"c", "a", "b"};
  static const char *const abd[] = {"a", "b", "d"};
  minga_election *into = make_abc(), *other = NULL, *ranked = NULL, *different = NULL;
  char *before, *after;

  /* other's alternatives in another order: {c} there is index 0, here index 2. */
  CHECK_STATUS(minga_election_new(&other, "approval", 3, cab), MINGA_OK);
  {
    static const size_t o[] = {0, 2, 3};
    static const uint32_t a[] = {1, 0, 2}; /* {a, c} and {b} */
    static const uint64_t c[] = {10, 1};
    CHECK_STATUS(minga_election_add_approvals(other, 2, o, a, c, NULL, NULL), MINGA_OK);
  }
  CHECK_STATUS(minga_election_merge(into, other), MINGA_OK);
  CHECK(ballots_of(into) == 19);
  CHECK(distinct_of(into) == 3); /* renumbered by id: the same three ballots */
  CHECK(ballots_of(other) == 11);

  /* Merging with itself counts every ballot twice. */
  CHECK_STATUS(minga_election_merge(other, other), MINGA_OK);
  CHECK(ballots_of(other) == 22);

  /* Mismatches leave the target unchanged. */
  before = json_of(into);
  CHECK_STATUS(minga_election_new(&ranked, "ranked", 3, cab), MINGA_OK);
  CHECK_STATUS(minga_election_merge(into, ranked), MINGA_EMISMATCH);
  CHECK_MESSAGE("cannot merge ranked ballots into a approval election");
  CHECK_STATUS(minga_election_new(&different, "approval", 3, abd), MINGA_OK);
  CHECK_STATUS(minga_election_merge(into, different), MINGA_EMISMATCH);
  CHECK_MESSAGE("'d'");
  after = json_of(into);
  CHECK(before && after && strcmp(before, after) == 0);
  CHECK(ballots_of(into) == 19);

  CHECK_STATUS(minga_election_merge(NULL, other), MINGA_EINVAL);
  CHECK_MESSAGE("'into' is NULL");
  CHECK_STATUS(minga_election_merge(into, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("'other' is NULL");
  minga_free(before);
  minga_free(after);
  minga_election_free(into);
  minga_election_free(other);
  minga_election_free(ranked);
  minga_election_free(different);
}

/* ---- the summary -------------------------------------------------------------------------- */

static void test_info(void) {
  /* A pabulib-like approval election with a budget, costs and a length rule. */
  static const char doc[] =
      "{\"schema\": \"minga.election/1\", \"kind\": \"approval\", \"title\": \"Park budget\","
      " \"budget\": \"1000.50\","
      " \"alternatives\": [{\"id\": \"p1\", \"cost\": \"600\"}, {\"id\": \"p2\", \"cost\": \"400.25\"},"
      "                    {\"id\": \"p3\", \"cost\": \"300\", \"withdrawn\": true}],"
      " \"rules\": {\"max_length\": 2},"
      " \"strata\": [{\"channel\": \"online\", \"district\": \"North\"}, {\"channel\": \"paper\"}],"
      " \"ballots\": [{\"approve\": [\"p1\", \"p2\", \"p3\"], \"count\": 2, \"stratum\": 1},"
      "               {\"approve\": [\"p1\"], \"count\": 5, \"stratum\": 0},"
      "               {\"approve\": [\"p2\", \"p3\"], \"count\": 1, \"stratum\": 1}]}";
  minga_election *e = NULL;
  char *info = NULL;
  size_t len = 0;

  CHECK_STATUS(minga_election_from_json(&e, doc, strlen(doc)), MINGA_OK);
  CHECK_STATUS(minga_election_info_json(e, &info, &len), MINGA_OK);
  CHECK(info != NULL && len == strlen(info));
  if (info) {
    CHECK(strstr(info, "\"schema\": \"minga.summary/1\"") != NULL);
    CHECK(strstr(info, "\"kind\": \"approval\"") != NULL);
    CHECK(strstr(info, "\"title\": \"Park budget\"") != NULL);
    CHECK(strstr(info, "\"alternatives\": 3") != NULL);
    CHECK(strstr(info, "\"withdrawn\": 1") != NULL);
    CHECK(strstr(info, "\"ballots\": 8") != NULL);
    CHECK(strstr(info, "\"distinct_ballots\": 3") != NULL);
    CHECK(strstr(info, "\"budget\": \"1000.5\"") != NULL);
    CHECK(strstr(info, "\"total_cost\": \"1300.25\"") != NULL);
    CHECK(strstr(info, "\"seats\": null") != NULL);
    CHECK(strstr(info, "\"max_length\": 2") != NULL);
    CHECK(strstr(info, "\"online\": 5") != NULL);
    CHECK(strstr(info, "\"paper\": 3") != NULL);
    CHECK(strstr(info, "\"district\": \"North\"") != NULL);
    CHECK(strstr(info, "\"rule\": \"max_length\"") != NULL);
    CHECK(strstr(info, "\"distinct_ballots\": 1") != NULL); /* one distinct ballot breaks it */
  }
  minga_free(info);
  info = (char *)&len;
  CHECK_STATUS(minga_election_info_json(NULL, &info, &len), MINGA_EINVAL);
  CHECK(info == NULL && len == 0);
  CHECK_STATUS(minga_election_info_json(e, NULL, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("minga_election_info_json: 'out' is NULL");
  CHECK_STATUS(minga_election_info_json(e, &info, NULL), MINGA_OK); /* out_len is optional */
  minga_free(info);
  minga_election_free(e);
}

/* ---- several threads reading one election ----------------------------------------------- */

struct reader_job {
  const minga_election *election;
  const char *expected_json;
  int mismatches;
};

static void *read_repeatedly(void *argument) {
  struct reader_job *job = (struct reader_job *)argument;
  int i;
  for (i = 0; i < 20; ++i) {
    char *json = NULL, *info = NULL;
    const char *id = NULL;
    if (minga_election_to_json(job->election, &json, NULL) != MINGA_OK || strcmp(json, job->expected_json) != 0)
      ++job->mismatches;
    if (minga_election_info_json(job->election, &info, NULL) != MINGA_OK) ++job->mismatches;
    if (minga_election_alternative_id(job->election, 1, &id) != MINGA_OK || strcmp(id, "b") != 0) ++job->mismatches;
    minga_free(json);
    minga_free(info);
  }
  return NULL;
}

static void test_concurrent_readers(void) {
  minga_election *e = make_abc();
  char *expected = json_of(e);
  struct reader_job jobs[4];
  pthread_t threads[4];
  int i;
  for (i = 0; i < 4; ++i) {
    jobs[i].election = e;
    jobs[i].expected_json = expected;
    jobs[i].mismatches = 0;
    CHECK(pthread_create(&threads[i], NULL, read_repeatedly, &jobs[i]) == 0);
  }
  for (i = 0; i < 4; ++i) {
    pthread_join(threads[i], NULL);
    CHECK(jobs[i].mismatches == 0);
  }
  minga_free(expected);
  minga_election_free(e);
}

/* ---- participatory budgeting ------------------------------------------------------------ */

/* The ids of the "selected" array of a minga.budget.result/1 document, as
 * "1,2,4" (written into `out`), so a check compares one string. */
static const char *selected_ids(const char *result, char *out, size_t size) {
  const char *p = result ? strstr(result, "\"selected\"") : NULL;
  size_t n = 0;
  out[0] = '\0';
  if (p == NULL || (p = strchr(p, '[')) == NULL) return "<no selected array>";
  for (++p; *p != '\0' && *p != ']' && n + 2 < size; ++p) {
    if (*p == '"' || *p == ' ' || *p == '\n') continue;
    out[n++] = *p;
  }
  out[n] = '\0';
  return out;
}

static char *budget_run(const minga_election *e, const char *spec, int expected) {
  char *result = (char *)"untouched";
  CHECK_STATUS(minga_budget_run(e, spec, &result), expected);
  if (expected != MINGA_OK) CHECK(result == NULL); /* out-parameters are NULL after a failure */
  return result;
}

/* tests/data/tiny_approval.pb, by hand: budget 1000, 6 voters,
 *   project  cost  approved by         votes
 *   1        400   v1 v2 v5 v6         4
 *   2        350   v1 v2 v4            3
 *   3        600   v3 v6               2
 *   4        150   v4 v6               2
 * (v6 approves 3 projects although max_length is 2: every ballot counts.) */
static void test_budget(void) {
  char path[4096], ids[256];
  minga_election *e = NULL;
  char *result;
  if (data_dir == NULL) {
    printf("SKIPPED test_budget: no tests/data folder given as the second argument\n");
    return;
  }
  snprintf(path, sizeof path, "%s/tiny_approval.pb", data_dir);
  CHECK_STATUS(minga_election_read_file(&e, path, NULL), MINGA_OK);
  if (e == NULL) return;

  /* Greedy by votes, skipping what does not fit: 1 (400, left 600), 2 (350,
   * left 250); 3 and 4 tie at 2 votes and min_cost puts 4 first: 4 (150, left
   * 100); 3 (600) does not fit. Selected 1, 2, 4 at 900. */
  result = budget_run(e, "{\"rule\": \"greedy\"}", MINGA_OK);
  CHECK(strcmp(selected_ids(result, ids, sizeof ids), "1,2,4") == 0);
  CHECK(result != NULL && strstr(result, "\"schema\": \"minga.budget.result/1\"") != NULL);
  CHECK(result != NULL && strstr(result, "\"total_cost\": \"900\"") != NULL);
  CHECK(result != NULL && strstr(result, "\"left_over\": \"100\"") != NULL);
  minga_free(result);

  /* The file's META says rule greedy: NULL and "{}" run it. */
  result = budget_run(e, NULL, MINGA_OK);
  CHECK(strcmp(selected_ids(result, ids, sizeof ids), "1,2,4") == 0);
  minga_free(result);
  result = budget_run(e, " {} ", MINGA_OK);
  CHECK(strcmp(selected_ids(result, ids, sizeof ids), "1,2,4") == 0);
  minga_free(result);

  /* Budget 700: 1 (left 300), 2 (350) does not fit, 4 (150) does: 1, 4. Without
   * skip the rule stops at 2: only 1. */
  result = budget_run(e, "{\"rule\": \"greedy\", \"budget\": \"700\"}", MINGA_OK);
  CHECK(strcmp(selected_ids(result, ids, sizeof ids), "1,4") == 0);
  minga_free(result);
  result = budget_run(e, "{\"rule\": \"greedy-no-skip\", \"budget\": 700}", MINGA_OK);
  CHECK(strcmp(selected_ids(result, ids, sizeof ids), "1") == 0);
  minga_free(result);

  /* MES, cost utility, no completion: each voter gets 1000/6. Per unit of
   * satisfaction, 1 costs each supporter 100/400 = 1/4, 2 costs 350/3/350 = 1/3,
   * 4 costs 75/150 = 1/2, 3 is unaffordable (2 x 1000/6 < 600): fund 1; v1 v2
   * v5 v6 keep 200/3. Then 2 is unaffordable (200/3 + 200/3 + 1000/6 < 350) and
   * 4 is affordable (v6 pays 200/3, v4 250/3): fund 4; nothing else fits. */
  result = budget_run(e, "{\"rule\": \"mes\", \"completion\": \"none\"}", MINGA_OK);
  CHECK(strcmp(selected_ids(result, ids, sizeof ids), "1,4") == 0);
  CHECK(result != NULL && strstr(result, "\"endowment\": \"500/3\"") != NULL);
  CHECK(result != NULL && strstr(result, "\"analysis\"") == NULL); /* only when asked */
  minga_free(result);

  /* The same, checked: 1 and 4 leave v3 (who approves 3 only) empty-handed; the
   * payments above (supporters of 1 pay 100 each, v6 200/3 and v4 250/3 for 4)
   * stay within 500/3 each and nobody can afford 2 or 3: a valid price system. */
  result = budget_run(e, "{\"rule\": \"mes\", \"completion\": \"none\", \"check\": true}", MINGA_OK);
  CHECK(result != NULL && strstr(result, "\"analysis\"") != NULL);
  CHECK(result != NULL && strstr(result, "\"empty_handed\": 1,") != NULL);
  CHECK(result != NULL && strstr(result, "\"ejr\": {\n") != NULL);
  CHECK(result != NULL && strstr(result, "\"valid\": true") != NULL);
  minga_free(result);
  result = budget_run(e, "{\"rule\": \"mes\", \"check\": \"yes\"}", MINGA_EINVAL);
  CHECK_MESSAGE("check");

  /* A bad spec names the key. */
  result = budget_run(e, "{\"rule\": \"greedy\", \"tie_brake\": \"by_id\"}", MINGA_EINVAL);
  CHECK_MESSAGE("tie_brake");
  result = budget_run(e, "{\"rule\": \"lottery\"}", MINGA_EINVAL);
  CHECK_MESSAGE("rule");
  CHECK_MESSAGE("lottery");
  result = budget_run(e, "{\"rule\": \"mes\", \"step\": 0.5}", MINGA_EINVAL);
  CHECK_MESSAGE("step");
  result = budget_run(e, "{\"rule\": \"mes\", \"exhaustive_stop\": \"yes\"}", MINGA_EINVAL);
  CHECK_MESSAGE("exhaustive_stop");
  result = budget_run(e, "[\"greedy\"]", MINGA_EINVAL);
  result = budget_run(e, "{\"rule\": ", MINGA_EPARSE);

  /* 3 and 4 tie at 2 votes: "refuse" will not break it. */
  result = budget_run(e, "{\"rule\": \"greedy\", \"tie_break\": \"refuse\"}", MINGA_ETIE);
  CHECK_MESSAGE("refuse");
  /* by_id alone breaks it the other way: 3 (600) first does not fit in 250 left. */
  result = budget_run(e, "{\"rule\": \"greedy\", \"tie_break\": \"by_id\"}", MINGA_OK);
  CHECK(strcmp(selected_ids(result, ids, sizeof ids), "1,2,4") == 0);
  minga_free(result);

  result = budget_run(NULL, NULL, MINGA_EINVAL);
  CHECK_MESSAGE("minga_budget_run: 'election' is NULL");
  CHECK_STATUS(minga_budget_run(e, NULL, NULL), MINGA_EINVAL);
  CHECK_MESSAGE("'result_json' is NULL");
  minga_election_free(e);

  /* An election without a budget cannot be budgeted. */
  e = make_abc();
  result = budget_run(e, "{\"rule\": \"greedy\"}", MINGA_EINVAL);
  minga_election_free(e);
}

int main(int argc, char **argv) {
  if (argc > 1) scratch_dir = argv[1];
  if (argc > 2) data_dir = argv[2];
  test_init_concurrently();
  test_versions();
  test_status_codes();
  test_constants();
  test_error_state();
  test_new_and_accessors();
  test_add_approvals();
  test_add_rankings();
  test_add_scores();
  test_add_quadratic();
  test_json();
  test_binary();
  test_files();
  test_merge();
  test_info();
  test_concurrent_readers();
  test_budget();
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
