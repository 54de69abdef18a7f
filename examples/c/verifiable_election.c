/* SPDX-License-Identifier: Apache-2.0 */
/* examples/c/verifiable_election.c - a small encrypted, verifiable vote from C, start to end:
 * a 2-of-3 key ceremony, ballots encrypted at a kiosk with their short codes, one challenged,
 * the board's receipt checked offline, the tally decrypted by two guardians, the record verified.
 *
 *   cc verifiable_election.c $(pkg-config --cflags --libs minga) -o verifiable_election
 *   ./verifiable_election /tmp/plaza-vote        (a folder that does not exist yet)
 *
 * The folder is `minga election`'s: election.json, ballots.jsonl, receipts/, record.json
 * (docs/verify_election.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minga.h"

static const char *kManifest =
    "{\"schema\": \"minga.manifest/1\", \"election_id\": \"plaza-2026\", \"title\": \"Which plaza first?\", \"contests\": ["
    "{\"id\": \"plaza\", \"title\": \"Plaza\", \"kind\": \"plurality\", \"option_range\": 1, \"selection_limit\": 1,"
    " \"options\": [{\"id\": \"norte\", \"label\": \"Norte\"}, {\"id\": \"sur\", \"label\": \"Sur\"}]}]}";

/* Stops with minga's message when a call fails. */
static void check(int status, const char *what) {
  if (status == MINGA_OK) return;
  fprintf(stderr, "%s: %s: %s\n", what, minga_status_name(status), minga_last_error_message());
  exit(1);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *text;
  long size;
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) exit(1);
  text = (char *)malloc((size_t)size + 1);
  if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) exit(1);
  text[size] = '\0';
  *len = (size_t)size;
  fclose(f);
  return text;
}

int main(int argc, char **argv) {
  const char *votes[][2] = {{"v1", "sur"}, {"v2", "norte"}, {"v3", "sur"}, {"v4", "sur"}};
  const uint32_t guardians[] = {1, 3}; /* guardian 2 is away: any 2 of 3 decrypt */
  minga_verifiable *e = NULL;
  char *receipt = NULL, *record = NULL, *report = NULL, *found = NULL, *election = NULL;
  char path[1024], ballot[256];
  size_t i, election_len = 0;
  int passed = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s NEW_FOLDER\n", argv[0]);
    return 2;
  }
  check(minga_init() < 0 ? minga_last_error_code() : MINGA_OK, "minga_init");
  check(minga_verifiable_create(&e, argv[1], kManifest, 3, 2), "create");

  for (i = 0; i < sizeof votes / sizeof votes[0]; ++i) {
    char *codes = NULL;
    snprintf(ballot, sizeof ballot, "{\"ballot_id\": \"%s\", \"selections\": {\"plaza\": {\"%s\": 1}}}", votes[i][0],
             votes[i][1]);
    check(minga_verifiable_encrypt(e, "kiosk-1", ballot, &codes), "encrypt");
    printf("%s encrypted: %s\n", votes[i][0], codes); /* the voter sees the short code */
    minga_free(codes);
    if (i == 2) { /* this voter asks to see the ballot opened: it is spoiled and votes again */
      char *opened = NULL;
      check(minga_verifiable_challenge(e, votes[i][0], &opened), "challenge");
      printf("%s challenged: %s\n", votes[i][0], opened);
      minga_free(opened);
      snprintf(ballot, sizeof ballot, "{\"ballot_id\": \"%s-again\", \"selections\": {\"plaza\": {\"sur\": 1}}}",
               votes[i][0]);
      check(minga_verifiable_encrypt(e, "kiosk-1", ballot, &codes), "encrypt");
      minga_free(codes);
      snprintf(ballot, sizeof ballot, "%s-again", votes[i][0]);
    } else {
      snprintf(ballot, sizeof ballot, "%s", votes[i][0]);
    }
    minga_free(receipt); /* keep only the last voter's receipt */
    check(minga_verifiable_cast(e, ballot, &receipt), "cast");
  }

  /* The last voter checks their receipt offline against the published election.json. */
  snprintf(path, sizeof path, "%s/election.json", argv[1]);
  election = read_file(path, &election_len);
  check(minga_receipt_verify(receipt, election, election_len, &found), "receipt");
  printf("receipt verified: %s\n", found);

  check(minga_verifiable_close(e), "close");
  check(minga_verifiable_tally(e, NULL), "tally");
  check(minga_verifiable_decrypt(e, guardians, 2, &record), "decrypt");
  minga_verifiable_free(e);

  /* Anyone can check the record: every proof, hash, chain, the board and the tally. */
  check(minga_record_verify(record, strlen(record), &passed, &report), "verify");
  printf("record %s\n", passed ? "verified: every check passed" : "REJECTED");
  printf("%s\n", report);

  minga_free(receipt);
  minga_free(found);
  minga_free(record);
  minga_free(report);
  free(election);
  return passed ? 0 : 1;
}
