/* SPDX-License-Identifier: Apache-2.0 */
/* tests/capi/test_capi_quadratic.c - the quadratic voting and funding C ABI (minga_qv_*, minga_qf_*) from plain C99.
 * argv[1]: the team's qf data folder (../shared/data/qf); its checks are skipped visibly when absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "minga.h"

static void test_qv_rows(void) {
  const char *voters[] = {"ana", "ana", "ben", "ben", "cid"};
  const char *options[] = {"parks", "buses", "parks", "parks", "parks"};
  const int64_t votes[] = {3, -1, 1, 1, 4};
  char *json = NULL;
  int status = minga_qv_tally_rows(5, voters, options, votes, "{\"credits\": \"10\", \"allow_negative\": true}", &json);
  CHECK(status == MINGA_OK);
  CHECK(contains(json, "\"schema\": \"minga.qv/1\""));
  CHECK(contains(json, "\"parks\": \"3\"")); /* only ana counts: ben duplicates, cid overspends */
  CHECK(contains(json, "\"rule\": \"duplicate\""));
  CHECK(contains(json, "\"rule\": \"out_of_range\""));
  CHECK(contains(json, "spends 16 credits of 10"));
  minga_free(json);

  json = NULL;
  CHECK(minga_qv_tally_rows(5, voters, options, votes, "{}", &json) == MINGA_EINVAL); /* no budget */
  CHECK(json == NULL);
  CHECK(contains(minga_last_error_message(), "credit budget"));
  CHECK(minga_qv_tally_rows(5, voters, options, votes, "{\"credit\": 3}", &json) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "'credit'"));
  CHECK(minga_qv_tally_rows(5, voters, options, votes, "{credits", &json) == MINGA_EPARSE);
  CHECK(minga_qv_tally_rows(5, NULL, options, votes, "{\"credits\": 9}", &json) == MINGA_EINVAL);
}

static void test_qv_election(void) {
  minga_election *e = NULL;
  const char *ids[] = {"a", "b"};
  const size_t offsets[] = {0, 2, 4};
  const uint32_t alternatives[] = {0, 1, 0, 1};
  const int64_t votes[] = {2, 1, 2, 2};
  const uint64_t counts[] = {7, 3};
  char *json = NULL;
  CHECK(minga_election_new(&e, "quadratic", 2, ids) == MINGA_OK);
  CHECK(minga_election_add_quadratic(e, 2, offsets, alternatives, votes, counts, NULL, NULL) == MINGA_OK);
  CHECK(minga_qv_tally(e, "{\"credits\": 5}", &json) == MINGA_OK);
  CHECK(contains(json, "\"accepted\": 7"));
  CHECK(contains(json, "\"rejected\": 3"));
  CHECK(contains(json, "\"a\": \"14\""));
  minga_free(json);
  minga_election_free(e);
}

static void test_qf(void) {
  const char *donors[] = {"a", "b", "a", "c"};
  const char *projects[] = {"x", "x", "y", "y"};
  const char *amounts[] = {"100", "100", "400", "25"};
  char *json = NULL;
  /* raw matches: x = 2*10*10 = 200, y = 2*20*5 = 200; pool 100 scales both to 50 */
  CHECK(minga_qf_match(4, donors, projects, amounts, "{\"pool\": \"100\"}", &json) == MINGA_OK);
  CHECK(contains(json, "\"schema\": \"minga.qf/1\""));
  CHECK(contains(json, "\"x\": \"50\""));
  CHECK(contains(json, "\"y\": \"50\""));
  minga_free(json);
  json = NULL;
  CHECK(minga_qf_match(4, donors, projects, amounts, "{\"pool\": \"1000\", \"cap\": \"1/10\"}", &json) == MINGA_OK);
  CHECK(contains(json, "\"x\": \"100\""));
  minga_free(json);
  json = NULL;
  CHECK(minga_qf_match(4, donors, projects, amounts, "{}", &json) == MINGA_EINVAL); /* no pool */
  CHECK(minga_qf_match(4, donors, projects, amounts, "{\"pool\": 1, \"variant\": \"linear\"}", &json) == MINGA_EINVAL);
  amounts[1] = "1.5";
  CHECK(minga_qf_match(4, donors, projects, amounts, "{\"pool\": 1}", &json) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "contribution 1"));
  amounts[1] = "100000000000000000000000000000000000000000";
  CHECK(minga_qf_match(4, donors, projects, amounts, "{\"pool\": 1}", &json) == MINGA_ELIMIT);
  CHECK(json == NULL);
}

static void test_real_data(const char *dir) {
  char path[4096];
  char *json = NULL;
  snprintf(path, sizeof path, "%s/clrfund_round_tally/testTallySmall.json", dir);
  if (!optional_file_present(path)) return;
  /* budget 440274e18 minus the contributions 6457377088 x 1e13 (shared/data/qf/README.md) */
  CHECK(minga_qf_match_file(path,
                            "{\"pool\": \"375700229120000000000000\", \"fit\": \"alpha\", "
                            "\"voice_credit_factor\": \"10000000000000\"}",
                            &json) == MINGA_OK);
  CHECK(contains(json, "\"alpha\": \"4583670112189981\""));
  CHECK(contains(json, "\"funding\": \"54120339620072771393409\""));
  minga_free(json);
  json = NULL;
  snprintf(path, sizeof path, "%s/taiwan_hackathon_2019_qv/ProposalPolls.json", dir);
  CHECK(minga_qv_tally_file(path, "{\"credits\": 99}", &json) == MINGA_OK);
  CHECK(contains(json, "\"117\": \"4365\""));
  CHECK(contains(json, "\"accepted\": 2040"));
  minga_free(json);
}

int main(int argc, char **argv) {
  CHECK(minga_init() == MINGA_OK);
  test_qv_rows();
  test_qv_election();
  test_qf();
  if (argc > 1) test_real_data(argv[1]);
  if (failures)
    fprintf(stderr, "%d checks failed\n", failures);
  else
    printf("all quadratic C ABI checks passed\n");
  return failures ? 1 : 0;
}
