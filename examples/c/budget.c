/* SPDX-License-Identifier: Apache-2.0 */
/* examples/c/budget.c - a participatory budget from C: read a pabulib file, run a rule, print the result.
 *
 *   cc budget.c $(pkg-config --cflags --libs minga) -o budget
 *   ./budget municipality.pb '{"rule": "mes", "completion": "none"}'
 *
 * The spec is minga.h's (rule: greedy, mes, knapsack, phragmen, maximin-support, ...);
 * without one, the rule the file names. Every call returns a status; on failure
 * minga_last_error_message() names the file, the line and the field. */
#include <stdio.h>

#include "minga.h"

int main(int argc, char **argv) {
  minga_election *election = NULL;
  char *result = NULL;
  int status;
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE.pb [SPEC_JSON]\n", argv[0]);
    return 2;
  }
  if (minga_init() < 0) return 1;
  status = minga_election_read_file(&election, argv[1], NULL);
  if (status == MINGA_OK) status = minga_budget_run(election, argc > 2 ? argv[2] : NULL, &result);
  if (status != MINGA_OK) {
    fprintf(stderr, "%s: %s\n", minga_status_name(status), minga_last_error_message());
    minga_election_free(election);
    return 1;
  }
  printf("%s\n", result); /* "selected": the funded projects in the order funded, then why */
  minga_free(result);
  minga_election_free(election);
  return 0;
}
