/* SPDX-License-Identifier: Apache-2.0 */
/* tests/capi/test_capi_verify.c - verifiable elections through the C ABI from plain C99: an election folder
 * step by step (minga_verifiable_*), receipts and short codes, the record's verifier, partitions that add up.
 * argv[1]: a folder that does not exist yet (the election's); argv[2]: tests/data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "minga.h"

/* The whole file, NUL-terminated (NULL when it cannot be read). */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *text = NULL;
  long size;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    text = (char *)malloc((size_t)size + 1);
    if (text != NULL && fread(text, 1, (size_t)size, f) == (size_t)size) {
      text[size] = '\0';
      if (len != NULL) *len = (size_t)size;
    } else {
      free(text);
      text = NULL;
    }
  }
  fclose(f);
  return text;
}

/* The string value of "key": "value" in a flat JSON document, copied into out. */
static int json_string(const char *json, const char *key, char *out, size_t size) {
  char pattern[64];
  const char *start, *end;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  start = strstr(json, pattern);
  if (start == NULL) return 0;
  start += strlen(pattern);
  end = strchr(start, '"');
  if (end == NULL || (size_t)(end - start) >= size) return 0;
  memcpy(out, start, (size_t)(end - start));
  out[end - start] = '\0';
  return 1;
}

static const char *kManifest =
    "{\"schema\": \"minga.manifest/1\", \"election_id\": \"capi-test\", \"title\": \"C test\", \"contests\": ["
    "{\"id\": \"council\", \"title\": \"Council\", \"kind\": \"approval\", \"option_range\": 1, \"selection_limit\": 2,"
    " \"options\": [{\"id\": \"ana\", \"label\": \"Ana\"}, {\"id\": \"bo\", \"label\": \"Bo\"}, {\"id\": \"cy\", \"label\": \"Cy\"}]},"
    "{\"id\": \"park\", \"title\": \"Park\", \"kind\": \"score\", \"option_range\": 3, \"selection_limit\": 4,"
    " \"options\": [{\"id\": \"pond\", \"label\": \"Pond\"}, {\"id\": \"trees\", \"label\": \"Trees\"}]}]}";

int main(int argc, char **argv) {
  minga_verifiable *e = NULL;
  char *codes1 = NULL, *codes2 = NULL, *receipt = NULL, *opened = NULL, *out = NULL, *record = NULL;
  char code1[65], code2[65], short1[16], path[1024];
  char *election = NULL, *ballots = NULL, *tally = NULL, *tampered;
  size_t election_len = 0, ballots_len = 0;
  int all_ok = -1;
  const uint32_t decrypting[] = {3, 1};
  const char *folder;
  if (argc < 3) {
    fprintf(stderr, "usage: %s NEW_FOLDER TESTS_DATA\n", argv[0]);
    return 2;
  }
  folder = argv[1];
  CHECK(minga_init() >= 0);
  CHECK(minga_everify() == MINGA_EVERIFY);
  CHECK(strcmp(minga_status_name(MINGA_EVERIFY), "verification") == 0);

  /* init, encrypt, cast, challenge */
  CHECK(minga_verifiable_create(&e, folder, kManifest, 3, 2) == MINGA_OK);
  CHECK(minga_verifiable_encrypt(e, "kiosk-1",
                                 "{\"ballot_id\": \"b-1\", \"selections\": {\"council\": {\"ana\": 1, \"cy\": 1}, "
                                 "\"park\": {\"pond\": 3}}}",
                                 &codes1) == MINGA_OK);
  CHECK(minga_verifiable_encrypt(e, "kiosk-2", "{\"ballot_id\": \"b-3\", \"selections\": {\"council\": {\"bo\": 1}}}",
                                 &out) == MINGA_OK);
  minga_free(out);
  /* kiosk-1 serves one voter at a time: b-2 waits until b-1 is cast or challenged */
  out = (char *)"untouched";
  CHECK(minga_verifiable_encrypt(e, "kiosk-1", "{\"ballot_id\": \"b-2\", \"selections\": {\"council\": {\"bo\": 1}}}",
                                 &out) == MINGA_EINVAL);
  CHECK(out == NULL);
  CHECK(contains(minga_last_error_message(), "'b-1' is pending on device kiosk-1"));
  CHECK(json_string(codes1, "confirmation_code", code1, sizeof code1));
  CHECK(json_string(codes1, "short_code", short1, sizeof short1));
  CHECK(minga_verifiable_cast(e, "b-1", &receipt) == MINGA_OK);
  CHECK(contains(receipt, "\"schema\": \"minga.receipt/1\""));
  CHECK(contains(receipt, code1));
  CHECK(minga_verifiable_encrypt(e, "kiosk-1",
                                 "{\"ballot_id\": \"b-2\", \"selections\": {\"council\": {\"bo\": 1}, "
                                 "\"park\": {\"pond\": 1, \"trees\": 3}}}",
                                 &codes2) == MINGA_OK);
  CHECK(json_string(codes2, "confirmation_code", code2, sizeof code2));
  CHECK(minga_verifiable_challenge(e, "b-2", &opened) == MINGA_OK);
  CHECK(contains(opened, "\"state\":\"spoiled\""));
  CHECK(contains(opened, "[[0,1,0],[1,3]]"));
  CHECK(minga_verifiable_cast(e, "b-3", &out) == MINGA_OK);
  minga_free(out);

  /* bad input: named, and nothing accepted is lost */
  out = (char *)"untouched";
  CHECK(minga_verifiable_encrypt(e, "kiosk-1", "{\"ballot_id\": \"b-4\", \"selections\": {\"council\": {\"zed\": 1}}}",
                                 &out) == MINGA_EPARSE);
  CHECK(out == NULL);
  CHECK(contains(minga_last_error_message(), "selections.council.zed"));
  CHECK(minga_verifiable_cast(e, "b-1", &out) == MINGA_EINVAL); /* already decided */
  CHECK(minga_verifiable_cast(NULL, "b-1", &out) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "'election' is NULL"));
  CHECK(minga_verifiable_cast(e, "b-1", NULL) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "'receipt_json' is NULL"));

  /* short codes */
  CHECK(minga_short_code(code1, &out) == MINGA_OK);
  CHECK(out != NULL && strcmp(out, short1) == 0);
  minga_free(out);
  CHECK(minga_short_code_check(short1, code1) == MINGA_OK);
  CHECK(minga_short_code_check(short1, code2) == MINGA_EVERIFY);
  short1[0] = short1[0] == '7' ? '8' : '7'; /* one character mistyped: the check character catches it */
  CHECK(minga_short_code_check(short1, code1) == MINGA_EPARSE);
  CHECK(minga_short_code("12ab", &out) == MINGA_EPARSE);

  /* the receipt, checked offline against the published election.json; then forged */
  snprintf(path, sizeof path, "%s/election.json", folder);
  election = slurp(path, &election_len);
  CHECK(election != NULL);
  CHECK(minga_receipt_verify(receipt, election, election_len, &out) == MINGA_OK);
  CHECK(contains(out, "\"tree_size\":1"));
  minga_free(out);
  {
    char *sig = strstr(receipt, "\"signature\": \"");
    CHECK(sig != NULL);
    if (sig != NULL) sig[14] = sig[14] == '0' ? '1' : '0';
  }
  CHECK(minga_receipt_verify(receipt, election, election_len, &out) == MINGA_EVERIFY);
  CHECK(out == NULL);

  /* the folder reopens (the lock is released by free); stages in order */
  minga_verifiable_free(e);
  e = NULL;
  CHECK(minga_verifiable_open(&e, folder) == MINGA_OK);
  CHECK(minga_verifiable_status_json(e, &out) == MINGA_OK);
  CHECK(contains(out, "\"stage\":\"open\"") && contains(out, "\"cast\":2") && contains(out, "\"spoiled\":1"));
  minga_free(out);
  CHECK(minga_verifiable_decrypt(e, decrypting, 2, &record) == MINGA_EINVAL); /* not tallied */
  CHECK(minga_verifiable_close(e) == MINGA_OK);
  CHECK(minga_verifiable_cast(e, "b-9", &out) == MINGA_EINVAL);
  CHECK(minga_verifiable_tally(e, &tally) == MINGA_OK);
  CHECK(contains(tally, "\"cast_ballots\":2"));
  CHECK(minga_verifiable_decrypt(e, decrypting, 1, &record) == MINGA_EINVAL); /* below the quorum */
  CHECK(minga_verifiable_decrypt(e, decrypting, 2, &record) == MINGA_OK);
  minga_verifiable_free(e);

  /* the record verifies; changed, it does not, and the report names the check */
  CHECK(minga_record_verify(record, strlen(record), &all_ok, &out) == MINGA_OK);
  CHECK(all_ok == 1);
  CHECK(contains(out, "\"passed\": true"));
  minga_free(out);
  tampered = strstr(record, "\"total\": 1");
  CHECK(tampered != NULL); /* ana got 1 (b-1; b-2 was spoiled, b-3 chose bo) */
  if (tampered != NULL) tampered[9] = '2';
  CHECK(minga_record_verify(record, strlen(record), &all_ok, &out) == MINGA_OK);
  CHECK(all_ok == 0);
  CHECK(contains(out, "\"check\": \"decryption\""));
  minga_free(out);
  CHECK(minga_record_verify("{\"schema\": 1}", 13, &all_ok, &out) == MINGA_EPARSE);
  CHECK(out == NULL);
  snprintf(path, sizeof path, "%s/verify_record_vector.json", argv[2]);
  CHECK(minga_record_verify_file(path, &all_ok, &out) == MINGA_OK);
  CHECK(all_ok == 1);
  minga_free(out);
  /* the same record in its binary form (bytes, with NULs inside) */
  snprintf(path, sizeof path, "%s/verify_record_vector.cbor", argv[2]);
  {
    size_t binary_len = 0;
    char *binary = slurp(path, &binary_len);
    CHECK(binary != NULL && binary_len > 3 && (unsigned char)binary[0] == 0xd9);
    if (binary != NULL) {
      CHECK(minga_record_verify(binary, binary_len, &all_ok, &out) == MINGA_OK);
      CHECK(all_ok == 1);
      minga_free(out);
      CHECK(minga_record_verify(binary, binary_len - 1, &all_ok, &out) == MINGA_EPARSE); /* truncated */
      CHECK(out == NULL);
      free(binary);
    }
  }
  CHECK(minga_record_verify_file(path, &all_ok, &out) == MINGA_OK);
  CHECK(all_ok == 1);
  minga_free(out);

  /* partitions: the ballots verified in two parts, their sums added, equal the tally */
  snprintf(path, sizeof path, "%s/ballots.jsonl", folder);
  ballots = slurp(path, &ballots_len);
  CHECK(ballots != NULL);
  if (ballots != NULL && election != NULL) {
    char *second = strchr(ballots, '\n') + 1;
    char *a = NULL, *b = NULL, *sum = NULL;
    const char *sum_a, *sum_b;
    char *tail;
    CHECK(minga_ballots_verify(election, election_len, ballots, ballots_len, 0, 0, &out) == MINGA_OK);
    CHECK(contains(out, "\"ballots\":3") && contains(out, "\"passed\":true"));
    minga_free(out);
    CHECK(minga_ballots_verify(election, election_len, ballots, (size_t)(second - ballots), 0, 1, &a) == MINGA_OK);
    CHECK(minga_ballots_verify(election, election_len, second, ballots_len - (size_t)(second - ballots), 1, 1, &b) ==
          MINGA_OK);
    sum_a = strstr(a, "\"sum\":");
    sum_b = strstr(b, "\"sum\":");
    CHECK(sum_a != NULL && sum_b != NULL);
    if (sum_a != NULL && sum_b != NULL) {
      char *copy_a = (char *)malloc(strlen(sum_a)), *copy_b = (char *)malloc(strlen(sum_b));
      strcpy(copy_a, sum_a + 6);
      copy_a[strlen(copy_a) - 1] = '\0'; /* the closing brace of the result */
      strcpy(copy_b, sum_b + 6);
      copy_b[strlen(copy_b) - 1] = '\0';
      CHECK(minga_tallies_add(copy_a, copy_b, &sum) == MINGA_OK);
      tail = tally + strlen(tally);
      while (tail > tally && tail[-1] == '\n') *--tail = '\0';
      CHECK(sum != NULL && strcmp(sum, tally) == 0);
      free(copy_a);
      free(copy_b);
    }
    minga_free(a);
    minga_free(b);
    minga_free(sum);
    /* a damaged line is named */
    {
      const char *damaged = "{}\n{\"ballot_id\": 5}\n";
      CHECK(minga_ballots_verify(election, election_len, damaged, strlen(damaged), 0, 0, &out) == MINGA_EPARSE);
    }
    CHECK(contains(minga_last_error_message(), "<ballots>:1"));
  }

  minga_free(codes1);
  minga_free(codes2);
  minga_free(receipt);
  minga_free(opened);
  minga_free(record);
  minga_free(tally);
  free(election);
  free(ballots);
  if (failures != 0) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("C ABI of verifiable elections: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
