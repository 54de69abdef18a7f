/* SPDX-License-Identifier: Apache-2.0 */
/* tests/capi/test_capi_ranked.c - ranked tallies through the C ABI (minga_ranked_count, minga_ranked_methods,
 * minga_rctab_tabulate) from plain C99: an IRV and a two-seat STV count worked out by hand, ties, and every way a
 * call can be refused. argv[1]: the team's elections folder (../shared/data/elections); Burlington 2009 is
 * compared with the published count when it is there, and skipped visibly otherwise. argv[2]: RCTab's test
 * data (../shared/data/rctab), likewise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "minga.h"

/* The result without spaces and line breaks, so that checks do not depend on indentation
 * (spaces inside names go too: "Bob Kiss" reads "BobKiss"). Free it with free(). */
static char *squeezed(const char *json) {
  size_t n = strlen(json), k = 0, i;
  char *out = (char *)malloc(n + 1);
  if (out == NULL) return NULL;
  for (i = 0; i < n; ++i)
    if (json[i] != ' ' && json[i] != '\n') out[k++] = json[i];
  out[k] = '\0';
  return out;
}

/* Counts `e` by `spec`; returns the squeezed result, or NULL (after a failed CHECK) when the call fails. */
static char *count(const minga_election *e, const char *spec) {
  char *json = NULL, *flat;
  int status = minga_ranked_count(e, spec, &json);
  CHECK(status == MINGA_OK);
  if (status != MINGA_OK) {
    fprintf(stderr, "  %s: %s\n", minga_status_name(status), minga_last_error_message());
    return NULL;
  }
  flat = squeezed(json);
  minga_free(json);
  return flat;
}

/* IRV, by hand. Candidates Ana, Ben, Cid, Dee; 25 ballots:
 *   8  Ana > Ben            6  Ben > Cid           5  Cid > Ben
 *   3  Dee > Cid > Ana      1  Dee                 2  {Ana, Ben} at rank 1 (an overvote)
 * The overvoted ballots exhaust at once (default rule): 23 active votes, majority threshold
 * floor(23 / 2) + 1 = 12.
 *   round 1: Ana 8, Ben 6, Cid 5, Dee 4 (inactive: overvote 2). Nobody has 12; Dee is lowest:
 *            3 go on to Cid, 1 has no further choice.
 *   round 2: Ana 8, Ben 6, Cid 8 (22 active: threshold floor(22 / 2) + 1 = 12; inactive: overvote 2,
 *            no continuing choice 1). Ben is lowest: his 6 go on to Cid.
 *   round 3: Ana 8, Cid 14 >= 12: Cid wins. */
static minga_election *irv_election(void) {
  const char *ids[] = {"Ana", "Ben", "Cid", "Dee"};
  /* ballots:               A>B    B>C    C>B    D>C>A     D     {A,B} */
  const size_t ballot_offsets[] = {0, 2, 4, 6, 9, 10, 11};
  const size_t rank_offsets[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12};
  const uint32_t marks[] = {0, 1, 1, 2, 2, 1, 3, 2, 0, 3, 0, 1};
  const uint64_t counts[] = {8, 6, 5, 3, 1, 2};
  minga_election *e = NULL;
  CHECK(minga_election_new(&e, "ranked", 4, ids) == MINGA_OK);
  CHECK(minga_election_add_rankings(e, 6, ballot_offsets, rank_offsets, marks, counts, NULL, NULL) == MINGA_OK);
  return e;
}

static void test_irv(void) {
  minga_election *e = irv_election();
  char *r = count(e, "{\"method\": \"irv\"}");
  if (r != NULL) {
    CHECK(contains(r, "\"schema\":\"minga.result/1\""));
    CHECK(contains(r, "\"method\":\"irv\""));
    CHECK(contains(r, "\"winners\":[\"Cid\"]"));
    CHECK(contains(r, "\"complete\":true"));
    CHECK(contains(r, "\"ballots\":25"));
    CHECK(contains(r, "\"round\":1,\"tally\":{\"Ana\":\"8\",\"Ben\":\"6\",\"Cid\":\"5\",\"Dee\":\"4\"},\"active\":\"23\","
                      "\"threshold\":\"12\",\"inactive\":{\"overvote\":\"2\",\"skipped_ranks\":\"0\","
                      "\"repeated_candidate\":\"0\",\"no_continuing_choice\":\"0\"}"));
    CHECK(contains(r, "{\"excluded\":\"Dee\",\"transfers\":{\"Cid\":\"3\"},\"exhausted\":{\"overvote\":\"0\","
                      "\"skipped_ranks\":\"0\",\"repeated_candidate\":\"0\",\"no_continuing_choice\":\"1\"}}"));
    CHECK(contains(r, "\"round\":2,\"tally\":{\"Ana\":\"8\",\"Ben\":\"6\",\"Cid\":\"8\"},\"active\":\"22\","
                      "\"threshold\":\"12\",\"inactive\":{\"overvote\":\"2\",\"skipped_ranks\":\"0\","
                      "\"repeated_candidate\":\"0\",\"no_continuing_choice\":\"1\"}"));
    CHECK(contains(r, "{\"excluded\":\"Ben\",\"transfers\":{\"Cid\":\"6\"}"));
    CHECK(contains(r, "\"round\":3,\"tally\":{\"Ana\":\"8\",\"Cid\":\"14\"}"));
    CHECK(contains(r, "{\"elected\":\"Cid\""));
    CHECK(!contains(r, "\"round\":4"));
    free(r);
  }
  /* No spec at all is IRV with every default: the same count. */
  r = count(e, NULL);
  CHECK(contains(r, "\"method\":\"irv\"") && contains(r, "\"winners\":[\"Cid\"]"));
  free(r);
  /* Ballot rules reach the count: with overvotes skipped, the two {Ana, Ben} ballots have no
   * further rank, so they exhaust as "no continuing choice" instead. */
  r = count(e, "{\"overvote\": \"skip_to_next_rank\"}");
  CHECK(contains(r, "\"round\":1,\"tally\":{\"Ana\":\"8\",\"Ben\":\"6\",\"Cid\":\"5\",\"Dee\":\"4\"},\"active\":\"23\","
                    "\"threshold\":\"12\",\"inactive\":{\"overvote\":\"0\",\"skipped_ranks\":\"0\","
                    "\"repeated_candidate\":\"0\",\"no_continuing_choice\":\"2\"}"));
  free(r);
  /* Plurality: the first-round leader Ana (8). */
  r = count(e, "{\"method\": \"plurality\"}");
  CHECK(contains(r, "\"winners\":[\"Ana\"]"));
  free(r);
  minga_election_free(e);
}

/* Weighted inclusive Gregory STV ("wigm", RCTab's multi-seat rule), 2 seats, by hand.
 * Candidates A, B, C, D; 31 ballots: 17 A > C, 6 B > C, 3 C, 5 D > B.
 * Quota (Droop): floor(31 / 3) + 1 = 11.
 *   round 1: A 17, B 6, C 3, D 5. A is elected with a surplus of 6: the transfer fraction is
 *            6/17 = 0.35294... truncated to 4 decimals, 0.3529; each of A's 17 ballots goes on
 *            to C at weight 0.3529, 17 x 0.3529 = 5.9993 in all; 6 - 5.9993 = 0.0007 is lost
 *            to truncation (the residual). A keeps the quota, 11.
 *   round 2: A 11, B 6, C 3 + 5.9993 = 8.9993, D 5. Nobody else has 11; D is lowest: 5 to B.
 *   round 3: A 11, B 11, C 8.9993: B reaches the quota and takes the second seat. */
static void test_stv_two_seats(void) {
  const char *ids[] = {"A", "B", "C", "D"};
  const size_t ballot_offsets[] = {0, 2, 4, 5, 7};
  const size_t rank_offsets[] = {0, 1, 2, 3, 4, 5, 6, 7};
  const uint32_t marks[] = {0, 2, 1, 2, 2, 3, 1};
  const uint64_t counts[] = {17, 6, 3, 5};
  minga_election *e = NULL;
  char *r;
  CHECK(minga_election_new(&e, "ranked", 4, ids) == MINGA_OK);
  CHECK(minga_election_add_rankings(e, 4, ballot_offsets, rank_offsets, marks, counts, NULL, NULL) == MINGA_OK);
  r = count(e, "{\"method\": \"stv\", \"seats\": 2}");
  if (r != NULL) {
    CHECK(contains(r, "\"method\":\"wigm\""));
    CHECK(contains(r, "\"seats\":2"));
    CHECK(contains(r, "\"winners\":[\"A\",\"B\"]"));
    CHECK(contains(r, "\"round\":1,\"tally\":{\"A\":\"17\",\"B\":\"6\",\"C\":\"3\",\"D\":\"5\"},\"active\":\"31\","
                      "\"threshold\":\"11\""));
    CHECK(contains(r, "{\"elected\":\"A\",\"transfers\":{\"C\":\"5.9993\"}"));
    CHECK(contains(r, "\"residual\":\"0.0007\""));
    CHECK(contains(r, "\"round\":2,\"tally\":{\"A\":\"11\",\"B\":\"6\",\"C\":\"8.9993\",\"D\":\"5\"}"));
    CHECK(contains(r, "{\"excluded\":\"D\",\"transfers\":{\"B\":\"5\"}"));
    CHECK(contains(r, "\"round\":3,\"tally\":{\"A\":\"11\",\"B\":\"11\",\"C\":\"8.9993\"}"));
    CHECK(contains(r, "{\"elected\":\"B\""));
    free(r);
  }
  /* Exact Gregory STV moves exactly 6 to C (no truncation), with the same winners. */
  r = count(e, "{\"method\": \"gregory\", \"seats\": 2}");
  CHECK(contains(r, "\"winners\":[\"A\",\"B\"]") && contains(r, "\"transfers\":{\"C\":\"6\"}"));
  free(r);
  /* The spec's options reach the method: 2 decimals give a fraction of 0.35, 17 x 0.35 = 5.95. */
  r = count(e, "{\"method\": \"wigm\", \"seats\": 2, \"decimals\": 2}");
  CHECK(contains(r, "{\"elected\":\"A\",\"transfers\":{\"C\":\"5.95\"}"));
  free(r);
  minga_election_free(e);
}

/* 2 A, 1 B, 1 C: B and C tie for the last place in round 1. */
static void test_ties(void) {
  const char *ids[] = {"A", "B", "C"};
  const size_t ballot_offsets[] = {0, 1, 2, 3};
  const size_t rank_offsets[] = {0, 1, 2, 3};
  const uint32_t marks[] = {0, 1, 2};
  const uint64_t counts[] = {2, 1, 1};
  minga_election *e = NULL;
  char *json = (char *)"untouched", *r;
  CHECK(minga_election_new(&e, "ranked", 3, ids) == MINGA_OK);
  CHECK(minga_election_add_rankings(e, 3, ballot_offsets, rank_offsets, marks, counts, NULL, NULL) == MINGA_OK);
  /* The default policy is "stop": the count stops and the call says why, with no result. */
  CHECK(minga_ranked_count(e, "{}", &json) == MINGA_ETIE);
  CHECK(json == NULL);
  CHECK(minga_last_error_code() == MINGA_ETIE);
  CHECK(contains(minga_last_error_message(), "a tie between B, C (whom to exclude) in round 1"));
  CHECK(contains(minga_last_error_message(), "tie_break"));
  /* candidate-order favours the earlier candidate: C (the later) is excluded, and the result
   * records the tie it settled. */
  r = count(e, "{\"tie_break\": \"candidate-order\"}");
  CHECK(contains(r, "{\"excluded\":\"C\",\"transfers\":{},"));
  CHECK(contains(r, "\"ties\":[{\"tied\":[\"B\",\"C\"],\"chosen\":\"C\",\"for\":\"exclusion\""));
  free(r);
  /* A seeded draw settles it too, and the same seed draws the same way every time. */
  {
    char *first = count(e, "{\"tie_break\": \"random\", \"seed\": \"2026-11-29\"}");
    char *again = count(e, "{\"tie_break\": \"random\", \"seed\": \"2026-11-29\"}");
    CHECK(first != NULL && again != NULL && strcmp(first, again) == 0);
    CHECK(contains(first, "\"complete\":true"));
    free(first);
    free(again);
  }
  minga_election_free(e);
}

static void expect_refused(const minga_election *e, const char *spec, int status, const char *message_part) {
  char *json = (char *)"untouched";
  int got = minga_ranked_count(e, spec, &json);
  CHECK(got == status);
  CHECK(json == NULL);
  if (!contains(minga_last_error_message(), message_part)) {
    fprintf(stderr, "  spec %s: message \"%s\" lacks \"%s\"\n", spec ? spec : "NULL", minga_last_error_message(),
            message_part);
    ++failures;
  }
}

static void test_refusals(void) {
  minga_election *e = irv_election();
  minga_election *approval = NULL;
  char *json = NULL;
  const char *ids[] = {"x", "y"};
  expect_refused(e, "{\"quorum\": \"droop\"}", MINGA_EINVAL, "<spec>: quorum: unknown key 'quorum' (known: method,");
  expect_refused(e, "{\"method\": \"wigm\", \"quota\": \"x\"}", MINGA_EINVAL,
                 "<spec>: quota: unknown quota \"x\" (accepted: droop, hagenbach-bischoff, hare, exact-droop)");
  expect_refused(e, "{\"overvote\": \"sometimes\"}", MINGA_EINVAL, "<spec>: overvote:");
  expect_refused(e, "{\"seats\": \"2\"}", MINGA_EINVAL, "<spec>: seats: must be a whole number 0..1000000");
  expect_refused(e, "{\"seats\": -1}", MINGA_EINVAL, "<spec>: seats: must be a whole number");
  expect_refused(e, "{\"max_skipped\": 1.5}", MINGA_EINVAL, "<spec>: max_skipped: must be a whole number");
  expect_refused(e, "{\"batch\": 1}", MINGA_EINVAL, "<spec>: batch: must be true or false");
  expect_refused(e, "{\"method\": \"bottoms-up\", \"share\": 0.15}", MINGA_EINVAL, "<spec>: share: must be exact");
  expect_refused(e, "{\"tie_break\": \"coin\"}", MINGA_EINVAL, "<spec>: tie_break: unknown tie-break");
  expect_refused(e, "{\"tie_break\": \"random\"}", MINGA_EINVAL, "<spec>: tie_break: a random tie-break needs a published seed");
  expect_refused(e, "{\"seed\": \"42\"}", MINGA_EINVAL, "<spec>: seed: goes with a random");
  expect_refused(e, "{\"method\": \"irv\", \"quota\": \"hare\"}", MINGA_EINVAL, "quota: only wigm takes a quota");
  expect_refused(e, "{\"method\": \"instant-runoff-ish\"}", MINGA_EINVAL, "method: unknown method 'instant-runoff-ish'");
  expect_refused(e, "{\"method\": \"irv\"", MINGA_EPARSE, "<spec>: not valid JSON");
  expect_refused(e, "[\"irv\"]", MINGA_EINVAL, "<spec>: not a JSON object");
  expect_refused(NULL, "{}", MINGA_EINVAL, "minga_ranked_count: 'election' is NULL");
  CHECK(minga_ranked_count(e, "{}", NULL) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "minga_ranked_count: 'result_json' is NULL"));
  /* A ranked count needs ranked ballots. */
  CHECK(minga_election_new(&approval, "approval", 2, ids) == MINGA_OK);
  expect_refused(approval, "{}", MINGA_EINVAL, "a ranked count needs ranked ballots, not approval");
  minga_election_free(approval);
  /* The method list: every name counts this election. */
  CHECK(minga_ranked_methods(NULL) == MINGA_EINVAL);
  CHECK(minga_ranked_methods(&json) == MINGA_OK);
  CHECK(contains(json, "\"irv\"") && contains(json, "\"scottish-stv\"") && contains(json, "\"schulze\""));
  CHECK(json != NULL && json[0] == '[');
  minga_free(json);
  minga_election_free(e);
}

/* Burlington (Vermont) mayor 2009, IRV, from PrefLib 00005 (the team's shared data, optional). Published
 * count (city of Burlington, as reported on Wikipedia's "2009 Burlington mayoral election"): first round
 * Wright 2,951, Kiss 2,585, Montroll 2,063, Smith 1,306; Montroll's best round 2,554; Kiss wins the final
 * round with 4,313 (Wright 4,061 there; the PrefLib file, with overvotes written as ties, gives him one
 * ballot less, so his final figure is not compared). */
static void test_burlington_2009(const char *elections) {
  char path[4096];
  minga_election *e = NULL;
  char *r;
  snprintf(path, sizeof path, "%s/burlington_2009_mayor/00005-00000002.toi", elections);
  if (!optional_file_present(path)) return;
  CHECK(minga_election_read_file(&e, path, NULL) == MINGA_OK);
  r = count(e, "{\"method\": \"irv\"}");
  CHECK(contains(r, "\"winners\":[\"BobKiss\"]"));
  CHECK(contains(r, "\"round\":1,\"tally\":{\"BobKiss\":\"2585\",\"AndyMontroll\":\"2063\","));
  CHECK(contains(r, "\"DanSmith\":\"1306\",\"KurtWright\":\"2951\""));
  CHECK(contains(r, "\"AndyMontroll\":\"2554\""));
  CHECK(contains(r, "\"tally\":{\"BobKiss\":\"4313\",\"KurtWright\":"));
  free(r);
  minga_election_free(e);
}

/* RCTab's test set 1 (an overvote exhausts the ballot at once; RCTab's own test data, in the team's shared
 * data, optional). RCTab's expected report (test_set_1_exhaust_at_overvote_expected_detailed_report.json):
 * round 1 A 5, B 6, C 2, D 1, threshold 8, one overvote; D then C are eliminated and Candidate B is
 * elected in round 3 with 8 votes. */
static void test_rctab_contest(const char *rctab) {
  char path[4096];
  char *summary = (char *)"untouched", *csv = NULL, *mine = NULL, *flat;
  snprintf(path, sizeof path, "%s/test_set_1_exhaust_at_overvote/test_set_1_exhaust_at_overvote_config.json", rctab);
  if (!optional_file_present(path)) return;
  CHECK(minga_rctab_tabulate(path, &summary, &csv, &mine) == MINGA_OK);
  flat = summary != NULL ? squeezed(summary) : NULL;
  CHECK(contains(flat, "\"CandidateAName\":\"5\",\"CandidateBName\":\"6\",\"CandidateCName\":\"2\""));
  CHECK(contains(flat, "\"threshold\":\"8\""));
  CHECK(contains(flat, "\"elected\":\"CandidateBName\""));
  CHECK(contains(flat, "\"overvotes\":\"1\""));
  free(flat);
  CHECK(contains(csv, "Candidate B Name"));
  flat = mine != NULL ? squeezed(mine) : NULL;
  CHECK(contains(flat, "\"winners\":[\"CandidateBName\"]"));
  free(flat);
  minga_free(summary);
  minga_free(csv);
  minga_free(mine);

  /* Only the summary asked for. */
  CHECK(minga_rctab_tabulate(path, &summary, NULL, NULL) == MINGA_OK);
  CHECK(contains(summary, "Candidate B Name"));
  minga_free(summary);

  /* A missing file is named; a failure leaves every out-parameter NULL. */
  snprintf(path, sizeof path, "%s/no_such_contest/config.json", rctab);
  csv = (char *)"untouched";
  CHECK(minga_rctab_tabulate(path, &summary, &csv, NULL) == MINGA_EIO);
  CHECK(summary == NULL && csv == NULL);
  CHECK(contains(minga_last_error_message(), "no_such_contest"));
  CHECK(minga_rctab_tabulate(NULL, &summary, NULL, NULL) == MINGA_EINVAL);
  CHECK(contains(minga_last_error_message(), "config_path"));
}

int main(int argc, char **argv) {
  CHECK(minga_init() >= 0);
  test_irv();
  test_stv_two_seats();
  test_ties();
  test_refusals();
  if (argc > 1) test_burlington_2009(argv[1]);
  if (argc > 2) test_rctab_contest(argv[2]);
  if (failures)
    fprintf(stderr, "%d checks failed\n", failures);
  else
    printf("all ranked C ABI checks passed\n");
  return failures ? 1 : 0;
}
