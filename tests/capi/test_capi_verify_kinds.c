/* SPDX-License-Identifier: Apache-2.0 */
/* tests/capi/test_capi_verify_kinds.c - ranked and quadratic contests of a verifiable election through the
 * C ABI from plain C99: ballots as JSON (ranks, signed votes), refusals naming the problem, a challenged
 * ballot's opening, the decrypted results worked by hand, the record verified and tampered with, and the
 * published test vector of both kinds.
 * argv[1]: a folder that does not exist yet (the election's); argv[2]: tests/data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "minga.h"

static const char *kManifest =
    "{\"schema\": \"minga.manifest/1\", \"election_id\": \"capi-kinds\", \"title\": \"C kinds\", \"contests\": ["
    "{\"id\": \"mayor\", \"title\": \"Mayor\", \"kind\": \"ranked\", \"option_range\": 2, \"selection_limit\": 2,"
    " \"options\": [{\"id\": \"ana\", \"label\": \"Ana\"}, {\"id\": \"bo\", \"label\": \"Bo\"}, {\"id\": \"cy\", \"label\": \"Cy\"}]},"
    "{\"id\": \"fund\", \"title\": \"Fund\", \"kind\": \"quadratic\", \"option_range\": 2, \"selection_limit\": 5,"
    " \"options\": [{\"id\": \"pool\", \"label\": \"Pool\"}, {\"id\": \"road\", \"label\": \"Road\"}]}]}";

/* The "total" values of a record, in order (contest by contest, result by result). */
static size_t totals(const char *record, unsigned long *out, size_t most) {
  size_t n = 0;
  const char *at = record;
  while (n < most && (at = strstr(at, "\"total\": ")) != NULL) {
    at += 9;
    out[n++] = strtoul(at, NULL, 10);
  }
  return n;
}

int main(int argc, char **argv) {
  minga_verifiable *e = NULL;
  char *out = NULL, *record = NULL, *report = NULL, *third;
  char path[1024];
  unsigned long t[16];
  const unsigned long expected[10] = {1, 1, 0, 3, 2, 0, 5, 3, 5, 1};
  const uint32_t decrypting[] = {1, 2};
  int all_ok = -1;
  size_t i, n;
  if (argc < 3) {
    fprintf(stderr, "usage: %s NEW_FOLDER TESTS_DATA\n", argv[0]);
    return 2;
  }
  CHECK(minga_init() >= 0);
  CHECK(minga_verifiable_create(&e, argv[1], kManifest, 2, 2) == MINGA_OK);

  /* Bo first, Ana second; pool +2, road -1 (5 credits): cast. */
  CHECK(minga_verifiable_encrypt(e, "kiosk", "{\"ballot_id\": \"k-1\", \"selections\": {\"mayor\": {\"bo\": 1, "
                                 "\"ana\": 2}, \"fund\": {\"pool\": 2, \"road\": -1}}}", &out) == MINGA_OK);
  minga_free(out);
  CHECK(minga_verifiable_cast(e, "k-1", &out) == MINGA_OK);
  minga_free(out);
  /* Cy first; road +2: challenged. Its opening lists ranks and votes + V. */
  CHECK(minga_verifiable_encrypt(e, "kiosk", "{\"ballot_id\": \"k-2\", \"selections\": {\"mayor\": {\"cy\": 1}, "
                                 "\"fund\": {\"road\": 2}}}", &out) == MINGA_OK);
  minga_free(out);
  CHECK(minga_verifiable_challenge(e, "k-2", &out) == MINGA_OK);
  CHECK(contains(out, "\"selections\":[[0,0,1],[2,4]]"));
  minga_free(out);
  /* Ana first; pool -1: cast. */
  CHECK(minga_verifiable_encrypt(e, "kiosk", "{\"ballot_id\": \"k-3\", \"selections\": {\"mayor\": {\"ana\": 1}, "
                                 "\"fund\": {\"pool\": -1}}}", &out) == MINGA_OK);
  minga_free(out);
  CHECK(minga_verifiable_cast(e, "k-3", &out) == MINGA_OK);
  minga_free(out);

  /* Refused, with the reason: two at one rank, a gap, over budget, votes outside -V..V. */
  CHECK(minga_verifiable_encrypt(e, "kiosk", "{\"ballot_id\": \"k-4\", \"selections\": {\"mayor\": {\"ana\": 1, "
                                 "\"bo\": 1}}}", &out) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "rank 1 is given to both ana and bo"));
  CHECK(minga_verifiable_encrypt(e, "kiosk", "{\"ballot_id\": \"k-4\", \"selections\": {\"mayor\": {\"cy\": 2}}}",
                                 &out) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "rank 2 is used but rank 1 is not"));
  CHECK(minga_verifiable_encrypt(e, "kiosk", "{\"ballot_id\": \"k-4\", \"selections\": {\"fund\": {\"pool\": 2, "
                                 "\"road\": 2}}}", &out) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "above the budget of 5"));
  CHECK(minga_verifiable_encrypt(e, "kiosk", "{\"ballot_id\": \"k-4\", \"selections\": {\"fund\": {\"pool\": -3}}}",
                                 &out) == MINGA_EPARSE);
  CHECK(contains(minga_last_error_message(), "selections.fund.pool"));

  CHECK(minga_verifiable_close(e) == MINGA_OK);
  CHECK(minga_verifiable_tally(e, NULL) == MINGA_OK);
  CHECK(minga_verifiable_decrypt(e, decrypting, 2, &record) == MINGA_OK);
  minga_verifiable_free(e);

  /* Worked by hand over k-1 and k-3: first preferences ana 1, bo 1, cy 0; Borda (rank 1: 2 points,
   * rank 2: 1) ana 3, bo 2, cy 0; sums of votes + V pool 4 + 1 = 5, road 1 + 2 = 3 (net +1 and -1
   * after 2 ballots x V = 2); credits pool 4 + 1 = 5, road 1 + 0 = 1. */
  n = totals(record, t, 16);
  CHECK(n == 10);
  for (i = 0; i < n && i < 10; ++i) CHECK(t[i] == expected[i]);

  CHECK(minga_record_verify(record, strlen(record), &all_ok, &report) == MINGA_OK);
  CHECK(all_ok == 1);
  minga_free(report);
  /* Ana's Borda points (the fourth total) changed: the decryption check fails. */
  third = record;
  for (i = 0; i < 4 && third != NULL; ++i) third = strstr(third + (i ? 1 : 0), "\"total\": ");
  CHECK(third != NULL && third[9] == '3');
  if (third != NULL) third[9] = '4';
  CHECK(minga_record_verify(record, strlen(record), &all_ok, &report) == MINGA_OK);
  CHECK(all_ok == 0);
  CHECK(contains(report, "\"check\": \"decryption\"") && contains(report, "ana.borda"));
  minga_free(report);

  snprintf(path, sizeof path, "%s/verify_record_kinds_vector.json", argv[2]);
  CHECK(minga_record_verify_file(path, &all_ok, &report) == MINGA_OK);
  CHECK(all_ok == 1);
  minga_free(report);
  minga_free(record);
  if (failures != 0) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("C ABI of ranked and quadratic verifiable contests: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
