/* SPDX-License-Identifier: Apache-2.0 */
/* examples/c/rcv.c - ranked-choice voting (IRV) from C: ballots in, rounds out.
 *
 *   cc rcv.c $(pkg-config --cflags --libs minga) -o rcv
 *   ./rcv                                  # the built-in ballots below
 *   ./rcv ballots.blt                      # a ballot file (PrefLib, BLT, ranked CSV, minga JSON)
 *   ./rcv ballots.blt '{"method": "wigm", "seats": 3}'
 *
 * Prints the count as minga's result document ("minga.result/1"): the winners,
 * then every round with each candidate's votes, the threshold, the ballots no
 * longer counting (by reason) and who was excluded or elected, with the
 * transfers. The spec is minga.h's (method, seats, ballot rules, tie_break). */
#include <stdint.h>
#include <stdio.h>

#include "minga.h"

/* A library board vote: 40 Ines > Lena, 35 Kofi > Lena, 25 Lena > Kofi.
 * Round 1: Ines 40, Kofi 35, Lena 25; nobody has a majority (51 of 100), Lena is excluded
 * and her 25 ballots go on to Kofi. Round 2: Ines 40, Kofi 60: Kofi wins. */
static int built_in_ballots(minga_election **out) {
  const char *candidates[] = {"Ines", "Kofi", "Lena"};
  enum { INES, KOFI, LENA };
  /* Three ballots of two ranks each, one candidate per rank (minga.h, minga_election_add_rankings). */
  const size_t ballot_offsets[] = {0, 2, 4, 6};
  const size_t rank_offsets[] = {0, 1, 2, 3, 4, 5, 6};
  const uint32_t marks[] = {INES, LENA, KOFI, LENA, LENA, KOFI};
  const uint64_t counts[] = {40, 35, 25};
  int status = minga_election_new(out, "ranked", 3, candidates);
  if (status == MINGA_OK)
    status = minga_election_add_rankings(*out, 3, ballot_offsets, rank_offsets, marks, counts, NULL, NULL);
  return status;
}

int main(int argc, char **argv) {
  minga_election *election = NULL;
  char *result = NULL;
  int status;
  if (minga_init() < 0) return 1;
  status = argc > 1 ? minga_election_read_file(&election, argv[1], NULL) : built_in_ballots(&election);
  if (status == MINGA_OK) status = minga_ranked_count(election, argc > 2 ? argv[2] : "{\"method\": \"irv\"}", &result);
  if (status != MINGA_OK) {
    /* e.g. "tie: ... a tie between B, C (whom to exclude) in round 2 stopped the count ..." */
    fprintf(stderr, "%s: %s\n", minga_status_name(status), minga_last_error_message());
    minga_election_free(election);
    return 1;
  }
  printf("%s\n", result);
  minga_free(result);
  minga_election_free(election);
  return 0;
}
