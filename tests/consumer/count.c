/* SPDX-License-Identifier: Apache-2.0 */
/* tests/consumer/count.c - a C program using an installed minga: reads an election and prints its counts. */
#include <minga.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Prints "<label> alternatives=N ballots=M first=ID". */
static int print_counts(const char *label, const minga_election *election) {
  size_t alternatives = 0;
  uint64_t ballots = 0;
  const char *first = "";
  if (minga_election_num_alternatives(election, &alternatives) != MINGA_OK ||
      minga_election_num_ballots(election, &ballots) != MINGA_OK ||
      (alternatives > 0 && minga_election_alternative_id(election, 0, &first) != MINGA_OK)) {
    fprintf(stderr, "error: %s\n", minga_last_error_message());
    return 1;
  }
  printf("%s alternatives=%lu ballots=%" PRIu64 " first=%s\n", label, (unsigned long)alternatives, ballots, first);
  return 0;
}

int main(int argc, char **argv) {
  /* The same election as a JSON string. */
  static const char json[] =
      "{\"schema\": \"minga.election/1\", \"kind\": \"approval\", \"alternatives\": [\"p1\", \"p2\", \"p3\"],"
      " \"ballots\": [{\"approve\": [\"p1\", \"p2\"]}, {\"approve\": [\"p2\"], \"count\": 2},"
      "               {\"approve\": [\"p1\", \"p3\"]}, {\"approve\": [\"p3\"]}]}";
  minga_election *from_file = NULL, *from_string = NULL;
  int failed;

  if (argc != 2) {
    fprintf(stderr, "usage: %s ELECTION-FILE\n", argv[0]);
    return 2;
  }
  if (minga_init() < 0 || minga_abi_version() != MINGA_ABI_VERSION) {
    fprintf(stderr, "error: minga %s (ABI %d) cannot be used by a program built for ABI %d\n",
            minga_version_string(), minga_abi_version(), MINGA_ABI_VERSION);
    return 1;
  }
  printf("c minga=%s\n", minga_version_string());
  if (minga_election_read_file(&from_file, argv[1], NULL) != MINGA_OK ||
      minga_election_from_json(&from_string, json, strlen(json)) != MINGA_OK) {
    fprintf(stderr, "error: %s\n", minga_last_error_message());
    minga_election_free(from_file);
    return 1;
  }
  failed = print_counts("c file", from_file) || print_counts("c string", from_string);
  minga_election_free(from_file);
  minga_election_free(from_string);
  return failed;
}
