/* SPDX-License-Identifier: Apache-2.0 */
/* minga.h - the C ABI of minga: elections in, facts out, from any language. */
/*
 * minga is a C++ library for collective decisions (ranked elections,
 * participatory budgets, quadratic voting). This header is its stable C ABI:
 * plain C99, no C++ type crosses it, and every capability is reachable from
 * any language that can call C (ctypes, cffi, koffi, JNA, P/Invoke, cgo...).
 *
 * CONVENTIONS
 *  - Names: functions are minga_<module>_<verb>, macros and enum values MINGA_*.
 *  - Status: every fallible call returns an int: MINGA_OK (0) on success or a
 *    negative MINGA_E* code. The codes are pinned and append-only.
 *  - Errors: after a failure, minga_last_error_code() and
 *    minga_last_error_message() describe it on the calling thread. When input
 *    is bad the message names the file (or "<json>", "<binary>"), the line and
 *    the field, e.g. "votes.pb:12: vote: unknown project '99'". A bad argument
 *    names the function and the parameter, e.g.
 *    "minga_election_read_file: 'path' is NULL".
 *  - Parameter order: a function that creates a handle takes the new handle's
 *    `**out` first; a function acting on a handle takes that handle first,
 *    then its inputs, then its out-parameters. On failure, out-parameters are
 *    set to NULL / 0 whenever they are non-NULL.
 *  - Ownership: a handle returned through `**out` belongs to the caller, who
 *    releases it with its _free function (NULL-safe). A buffer returned
 *    through `char **out` / `unsigned char **out` is released with
 *    minga_free(). A `const char *` returned by a getter belongs to minga; the
 *    getter says how long it lives. minga never keeps a caller's pointer after
 *    a call returns.
 *  - Text is UTF-8. Pointer arguments must not be NULL unless the
 *    documentation of the parameter says so; a NULL where one is not allowed
 *    fails with MINGA_EINVAL (it never crashes).
 *  - Constants: every macro constant also exists as a function of the same
 *    name in lower case (MINGA_EPARSE and minga_eparse()), for FFI users
 *    who cannot read macros.
 *  - Numbers are exact. Where a value may not fit a C type (budgets, costs,
 *    points), it travels as a decimal string ("1546168.66", "1/3").
 *
 * THREAD SAFETY
 *  - Every function may be called from any thread, and minga_init() may be
 *    called concurrently.
 *  - The error state (minga_last_error_*) is per thread.
 *  - A minga_election is not locked. Functions that take a
 *    `const minga_election *` only read it and may run at the same time on the
 *    same handle; a function that takes a non-const `minga_election *`
 *    (the minga_election_add_*, minga_election_merge, minga_election_free)
 *    needs exclusive access to it. Different handles are independent.
 *
 * STABILITY
 *  Everything in this header is stable within an ABI version
 *  (MINGA_ABI_VERSION, the N of libminga.so.N): functions and codes are only
 *  ever added. JSON documents carry a "schema" name with a version
 *  ("minga.election/1", "minga.summary/1"); fields are only ever added within
 *  a schema version.
 */
#ifndef MINGA_H
#define MINGA_H

#include <stddef.h>
#include <stdint.h>

#include "minga/export.h"
#include "minga/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ===========================================================================
 * Version and initialisation
 * ======================================================================== */

/* The macros MINGA_VERSION_MAJOR, MINGA_VERSION_MINOR, MINGA_VERSION_PATCH,
 * MINGA_VERSION_STRING, MINGA_VERSION_NUMBER (MAJOR*10000 + MINOR*100 + PATCH)
 * and MINGA_ABI_VERSION come from "minga/version.h": they describe the header
 * you compiled against. The functions below describe the library you run
 * with; compare them to detect a mismatched installation. */

/*! minga_version_string() :
 *  @return the release of the running library, e.g. "0.1.0" (static storage). */
MINGA_EXPORT const char *minga_version_string(void);

/*! minga_version_number() :
 *  @return MAJOR*10000 + MINOR*100 + PATCH of the running library. */
MINGA_EXPORT int minga_version_number(void);

/*! minga_version_major(), minga_version_minor(), minga_version_patch() :
 *  @return the parts of the running library's release. */
MINGA_EXPORT int minga_version_major(void);
MINGA_EXPORT int minga_version_minor(void);
MINGA_EXPORT int minga_version_patch(void);

/*! minga_abi_version() :
 *  @return the ABI version of the running library (its SONAME is
 *  `libminga.so.<this>`). It changes only when this header changes
 *  incompatibly; a program built against a header with a different
 *  MINGA_ABI_VERSION must not use the library. */
MINGA_EXPORT int minga_abi_version(void);

/*! minga_init() :
 *  Initialises the library (its cryptographic core, libsodium). Call it
 *  before any other function: today only the cryptographic parts depend on
 *  it, later versions may rely on it everywhere. Calling it again is
 *  harmless. Thread-safe.
 *  @return 0 the first time it succeeds, 1 when minga was already initialised,
 *          a negative MINGA_E* code when initialisation failed (the call may
 *          be retried). */
MINGA_EXPORT int minga_init(void);

/* ===========================================================================
 * Status codes and errors
 * ======================================================================== */

/* Pinned and append-only: a code never changes its meaning or value. */
#define MINGA_OK            0  /* success */
#define MINGA_EINVAL       (-1) /* a caller passed something the API forbids (NULL, unknown name, index out of range) */
#define MINGA_EPARSE       (-2) /* input text or bytes are malformed */
#define MINGA_EIO          (-3) /* a file could not be opened, read or written */
#define MINGA_EUNSUPPORTED (-4) /* well-formed input that minga does not support, or a format that cannot hold the data */
#define MINGA_EMISMATCH    (-5) /* inputs disagree (merging elections over different alternatives, ...) */
#define MINGA_ENOMEM       (-6) /* out of memory */
#define MINGA_ELIMIT       (-7) /* a number or size beyond a documented limit */
#define MINGA_EINTERNAL    (-8) /* a bug in minga: please report it with the message */
#define MINGA_ETIE         (-9) /* a rule met a tie that its tie-break policy was told not to resolve ("refuse") */
#define MINGA_EVERIFY      (-10) /* a signature, proof, hash or code does not verify (a receipt, a submitted ballot) */

/*! Function forms of the status codes (for FFI users). */
MINGA_EXPORT int minga_ok(void);
MINGA_EXPORT int minga_einval(void);
MINGA_EXPORT int minga_eparse(void);
MINGA_EXPORT int minga_eio(void);
MINGA_EXPORT int minga_eunsupported(void);
MINGA_EXPORT int minga_emismatch(void);
MINGA_EXPORT int minga_enomem(void);
MINGA_EXPORT int minga_elimit(void);
MINGA_EXPORT int minga_einternal(void);
MINGA_EXPORT int minga_etie(void);
MINGA_EXPORT int minga_everify(void);

/*! minga_status_name() :
 *  @return a stable lower-case name for a status code: "ok",
 *  "invalid_argument", "parse", "io", "unsupported", "mismatch",
 *  "out_of_memory", "limit", "internal", "tie", "verification"; "unknown" for any other value.
 *  Static storage; never NULL. */
MINGA_EXPORT const char *minga_status_name(int status);

/*! minga_last_error_code() :
 *  @return the status of the most recent failed call on this thread, or
 *  MINGA_OK when no call has failed since the thread started or since
 *  minga_clear_error(). Successful calls do not reset it (like errno). */
MINGA_EXPORT int minga_last_error_code(void);

/*! minga_last_error_message() :
 *  @return the message of the most recent failed call on this thread, or ""
 *  when there is none. Never NULL. The string belongs to minga and stays
 *  valid until the next failing call on this thread or minga_clear_error(). */
MINGA_EXPORT const char *minga_last_error_message(void);

/*! minga_clear_error() :
 *  Resets this thread's error state to MINGA_OK and "". */
MINGA_EXPORT void minga_clear_error(void);

/*! minga_free() :
 *  Releases a buffer that minga returned through a `char **out` or
 *  `unsigned char **out` parameter. NULL is allowed (nothing happens).
 *  Do not use it on handles (they have their own _free) or on `const char *`
 *  results of getters. */
MINGA_EXPORT void minga_free(void *buffer);

/* ===========================================================================
 * Ballot constants
 * ======================================================================== */

/* How a ballot reached the count. Paper batches counted by hand and SMS votes
 * feed the same tally as online ones; results break down by channel.
 * Pinned and append-only. */
typedef enum minga_channel {
  MINGA_CHANNEL_UNSPECIFIED = 0,
  MINGA_CHANNEL_ONLINE = 1,
  MINGA_CHANNEL_KIOSK = 2,
  MINGA_CHANNEL_PAPER = 3,
  MINGA_CHANNEL_SMS = 4,
  MINGA_CHANNEL_OTHER = 5
} minga_channel;

/*! Function forms of the channels. */
MINGA_EXPORT int minga_channel_unspecified(void);
MINGA_EXPORT int minga_channel_online(void);
MINGA_EXPORT int minga_channel_kiosk(void);
MINGA_EXPORT int minga_channel_paper(void);
MINGA_EXPORT int minga_channel_sms(void);
MINGA_EXPORT int minga_channel_other(void);

/*! minga_channel_name() :
 *  @return "unspecified", "online", "kiosk", "paper", "sms", "other", or
 *  "unknown" for any other value. Static storage; never NULL. */
MINGA_EXPORT const char *minga_channel_name(int channel);

/* Tokens a ranked ballot may hold at a rank instead of a candidate index
 * (see minga_election_add_rankings). Candidate indices are always smaller
 * than both. */
#define MINGA_MARK_OVERVOTE 0xFFFFFFFFu /* the scanner read an overvote at this rank */
#define MINGA_MARK_WRITE_IN 0xFFFFFFFEu /* an undeclared write-in */

/*! Function forms of the mark tokens. */
MINGA_EXPORT uint32_t minga_mark_overvote(void);
MINGA_EXPORT uint32_t minga_mark_write_in(void);

/* ===========================================================================
 * Elections
 * ======================================================================== */

/* An election: its alternatives (candidates, projects or options, each with a
 * unique id), its ballot kind, rules, budget or seats, and its ballots, kept
 * as a compressed profile (memory grows with distinct ballots, not with
 * ballots). Alternatives are numbered 0..n-1 in the order of the election.
 *
 * Ballot kinds, by name:
 *   "approval"   a set of alternatives (also choose-1 and knapsack ballots)
 *   "ranked"     ranks 1, 2, 3... each holding the marks made at that rank
 *   "score"      exact points per alternative (score, cumulative ballots)
 *   "quadratic"  integer votes per option, possibly negative */
typedef struct minga_election minga_election;

/*! minga_election_new() :
 *  Creates an empty election.
 *  @param out             receives the new election; free it with minga_election_free().
 *  @param kind            "approval", "ranked", "score" or "quadratic".
 *  @param n_alternatives  number of alternatives (may be 0).
 *  @param ids             n_alternatives unique ids (copied), or NULL for the
 *                         ids "1", "2", ..., "n".
 *  @return MINGA_OK; MINGA_EINVAL for an unknown kind, an id that is NULL,
 *          empty, repeated or not UTF-8, or too many alternatives (more than
 *          4294967280). */
MINGA_EXPORT int minga_election_new(minga_election **out, const char *kind, size_t n_alternatives,
                                    const char *const *ids);

/*! minga_election_free() :
 *  Releases an election and everything it owns (including the strings
 *  returned by minga_election_alternative_id()). NULL is allowed. */
MINGA_EXPORT void minga_election_free(minga_election *election);

/*! minga_election_read_file() :
 *  Reads an election file: pabulib (.pb), PrefLib (.soc .soi .toc .toi .cat),
 *  BLT (.blt), ranked CSV (.csv; Scottish ward files and ranking-pattern
 *  tables are recognised), minga JSON (.json) or minga binary (.mingab).
 *  Reading validates everything; the first problem fails the call.
 *  @param out     receives the election; free it with minga_election_free().
 *  @param path    file name (UTF-8).
 *  @param format  NULL or "auto" to decide from the extension and then the
 *                 content; otherwise "pabulib", "preflib", "blt", "csv",
 *                 "scottish", "patterns", "json" or "binary".
 *  @return MINGA_OK; MINGA_EIO when the file cannot be opened (the message
 *          names the path); MINGA_EPARSE with file, line and field for bad
 *          content; MINGA_EUNSUPPORTED when the format cannot be told or a
 *          feature is not supported; MINGA_EINVAL for an unknown format name. */
MINGA_EXPORT int minga_election_read_file(minga_election **out, const char *path, const char *format);

/*! minga_election_write_file() :
 *  Writes an election file. The file appears complete or not at all (it is
 *  written to "<path>.tmp" and renamed).
 *  @param format  NULL or "auto" to decide from the extension of `path`;
 *                 otherwise "pabulib", "preflib", "blt", "csv", "json" or "binary".
 *  @return MINGA_OK; MINGA_EIO when the file cannot be written;
 *          MINGA_EUNSUPPORTED when the format cannot hold this election (e.g.
 *          approval ballots as BLT); MINGA_EINVAL when the format is unknown
 *          or cannot be told from the extension. */
MINGA_EXPORT int minga_election_write_file(const minga_election *election, const char *path, const char *format);

/*! minga_election_from_json() :
 *  Reads an election from a JSON document ("schema": "minga.election/1").
 *  @param out   receives the election; free it with minga_election_free().
 *  @param json  UTF-8 text; it need not be NUL-terminated.
 *  @param len   its length in bytes.
 *  @return MINGA_OK; MINGA_EPARSE (the message says "<json>:line: field: ...")
 *          for malformed or invalid input. */
MINGA_EXPORT int minga_election_from_json(minga_election **out, const char *json, size_t len);

/*! minga_election_to_json() :
 *  Writes the election as a JSON document ("schema": "minga.election/1")
 *  that minga_election_from_json() reads back to the same election.
 *  @param out      receives a NUL-terminated buffer; free it with minga_free().
 *  @param out_len  receives its length without the NUL; may be NULL.
 *  @return MINGA_OK or a negative code. */
MINGA_EXPORT int minga_election_to_json(const minga_election *election, char **out, size_t *out_len);

/*! minga_election_to_binary() :
 *  Writes the election in minga's compact, checksummed binary format.
 *  @param out      receives the bytes; free them with minga_free().
 *  @param out_len  receives their number (required).
 *  @return MINGA_OK or a negative code. */
MINGA_EXPORT int minga_election_to_binary(const minga_election *election, unsigned char **out, size_t *out_len);

/*! minga_election_from_binary() :
 *  Reads an election written by minga_election_to_binary().
 *  @return MINGA_OK; MINGA_EPARSE for corrupt or truncated bytes. */
MINGA_EXPORT int minga_election_from_binary(minga_election **out, const unsigned char *bytes, size_t len);

/*! minga_election_merge() :
 *  Adds the ballots of `other` to `into`. Both must have the same kind and the
 *  same set of alternative ids, in any order (other's ballots are renumbered
 *  by id). Partial profiles built on many machines combine this way. Only
 *  ballots are merged: metadata, rules and notes of `into` are kept.
 *  `into` and `other` may be the same election (its ballots then count twice).
 *  @return MINGA_OK; MINGA_EMISMATCH when the elections disagree, and then
 *          `into` is unchanged; MINGA_ELIMIT when a count would overflow. */
MINGA_EXPORT int minga_election_merge(minga_election *into, const minga_election *other);

/* ---- accessors ---------------------------------------------------------- */

/*! minga_election_kind() :
 *  @return "approval", "ranked", "score" or "quadratic" (static storage), or
 *          NULL when `election` is NULL (MINGA_EINVAL is then recorded). */
MINGA_EXPORT const char *minga_election_kind(const minga_election *election);

/*! minga_election_num_alternatives() :
 *  @param out  receives the number of alternatives. */
MINGA_EXPORT int minga_election_num_alternatives(const minga_election *election, size_t *out);

/*! minga_election_num_ballots() :
 *  @param out  receives the number of ballots (the sum of their counts). */
MINGA_EXPORT int minga_election_num_ballots(const minga_election *election, uint64_t *out);

/*! minga_election_num_distinct() :
 *  @param out  receives the number of distinct (channel, district, ballot)
 *              entries the election stores. */
MINGA_EXPORT int minga_election_num_distinct(const minga_election *election, size_t *out);

/*! minga_election_alternative_id() :
 *  @param index  0 <= index < number of alternatives.
 *  @param out    receives the id, NUL-terminated. It belongs to the election
 *                and stays valid until the election is freed.
 *  @return MINGA_OK; MINGA_EINVAL when index is out of range. */
MINGA_EXPORT int minga_election_alternative_id(const minga_election *election, size_t index, const char **out);

/*! minga_election_info_json() :
 *  Summarises the election as JSON ("schema": "minga.summary/1"): kind,
 *  title, source format, numbers of alternatives (and withdrawn ones),
 *  ballots and distinct ballots, budget, total cost, seats, ballot rules,
 *  ballots per channel and per district, the ballot rules some ballots break
 *  (with how many ballots and an example), and the reader's notes. Exact
 *  numbers are strings; absent values are null. The `minga info` command
 *  prints the same summary.
 *  @param out      receives a NUL-terminated buffer; free it with minga_free().
 *  @param out_len  receives its length without the NUL; may be NULL.
 *  @return MINGA_OK or a negative code. */
MINGA_EXPORT int minga_election_info_json(const minga_election *election, char **out, size_t *out_len);

/* ---- adding ballots in bulk ----------------------------------------------
 *
 * The add functions take a batch of n_ballots ballots as flat arrays, the
 * layout of an Apache Arrow list array (and of CSR matrices):
 *
 *   offsets    n_ballots + 1 non-decreasing entries. Ballot b's items are
 *              items[offsets[b]] .. items[offsets[b+1] - 1]; offsets[0] need
 *              not be 0.
 *
 * and, for every ballot b, these optional per-ballot arrays:
 *
 *   counts     counts[b] identical ballots (a weight); NULL = 1 each. A count
 *              of 0 adds nothing.
 *   channels   channels[b] is a minga_channel value; NULL = all
 *              MINGA_CHANNEL_UNSPECIFIED.
 *   districts  districts[b] is the ballot's district or precinct (UTF-8,
 *              copied); NULL (the array or an entry) = none.
 *
 * Alternatives are indices 0..n-1 of the election. An item array may be NULL
 * only when the batch holds no items.
 *
 * ALL OR NOTHING: every ballot of the batch is checked before any is added,
 * so a call that fails with MINGA_EINVAL or MINGA_ELIMIT adds nothing and
 * the message names the first bad ballot ("ballot 7: alternative index 9 out
 * of range"). Only exhausting memory (MINGA_ENOMEM) or the profile's own size
 * limit (4 GiB of distinct ballots) midway can leave part of a batch added.
 * ------------------------------------------------------------------------- */

/*! minga_election_add_approvals() :
 *  Adds approval ballots: ballot b approves alternatives[offsets[b]] ..
 *  alternatives[offsets[b+1] - 1], in any order, each at most once. An empty
 *  ballot (approving nothing) is a valid ballot.
 *  @return MINGA_OK; MINGA_EINVAL for an index out of range, an alternative
 *          approved twice, a bad channel, decreasing offsets, or an election
 *          whose kind is not "approval"; MINGA_ELIMIT when the total number
 *          of ballots would pass 2^64 - 1. */
MINGA_EXPORT int minga_election_add_approvals(minga_election *election, size_t n_ballots, const size_t *offsets,
                                              const uint32_t *alternatives, const uint64_t *counts,
                                              const uint8_t *channels, const char *const *districts);

/*! minga_election_add_rankings() :
 *  Adds ranked ballots, a list of ranks per ballot and a list of marks per rank
 *  (Arrow's list<list<uint32>>):
 *
 *    ballot_offsets  n_ballots + 1 entries: ballot b's ranks are ranks number
 *                    ballot_offsets[b] .. ballot_offsets[b+1] - 1, in order
 *                    (first choice first).
 *    rank_offsets    one entry per rank plus one: rank k holds the marks
 *                    marks[rank_offsets[k]] .. marks[rank_offsets[k+1] - 1].
 *                    It must have ballot_offsets[n_ballots] + 1 entries.
 *    marks           candidate indices, or MINGA_MARK_OVERVOTE /
 *                    MINGA_MARK_WRITE_IN.
 *
 *  A rank with no marks is a skipped rank; a rank with several candidates is
 *  a tie or an overvote (the tabulation rule decides). Marks are kept as
 *  made; ballot rules (skips, overvotes, duplicates across ranks) apply at
 *  tabulation. Trailing skipped ranks carry no information and are dropped.
 *
 *  Example: two ballots "A > B" (count 3) and "C, then a skipped rank, then
 *  A and B tied", with A=0 B=1 C=2:
 *    ballot_offsets = {0, 2, 5}   rank_offsets = {0, 1, 2, 3, 3, 5}
 *    marks = {0, 1, 2, 0, 1}      counts = {3, 1}
 *
 *  @return MINGA_OK; MINGA_EINVAL for a candidate index out of range, a
 *          candidate marked twice at one rank, a bad channel, decreasing
 *          offsets, or an election whose kind is not "ranked"; MINGA_ELIMIT
 *          on count overflow. */
MINGA_EXPORT int minga_election_add_rankings(minga_election *election, size_t n_ballots,
                                             const size_t *ballot_offsets, const size_t *rank_offsets,
                                             const uint32_t *marks, const uint64_t *counts,
                                             const uint8_t *channels, const char *const *districts);

/*! minga_election_add_scores() :
 *  Adds score (or cumulative) ballots: ballot b gives alternative
 *  alternatives[i] exactly numerators[i] / denominators[i] points, for
 *  offsets[b] <= i < offsets[b+1]. Alternatives not listed get no points.
 *  Points are exact rationals, so 2.5 points is 5/2 (or 25/10).
 *  @param denominators  positive; NULL = 1 for every item (integer points).
 *  @return MINGA_OK; MINGA_EINVAL for an index out of range, an alternative
 *          scored twice in a ballot, a denominator of 0 or below, a bad
 *          channel, decreasing offsets, or an election whose kind is not
 *          "score"; MINGA_ELIMIT when a reduced numerator or denominator
 *          does not fit in 63 bits, or on count overflow. */
MINGA_EXPORT int minga_election_add_scores(minga_election *election, size_t n_ballots, const size_t *offsets,
                                           const uint32_t *alternatives, const int64_t *numerators,
                                           const int64_t *denominators, const uint64_t *counts,
                                           const uint8_t *channels, const char *const *districts);

/*! minga_election_add_quadratic() :
 *  Adds quadratic ballots: ballot b gives option alternatives[i] votes[i]
 *  votes (negative when the poll allows against-votes; its cost is the sum of
 *  squares), for offsets[b] <= i < offsets[b+1].
 *  @return MINGA_OK; MINGA_EINVAL for an index out of range, an option voted
 *          twice in a ballot, a bad channel, decreasing offsets, or an
 *          election whose kind is not "quadratic"; MINGA_ELIMIT for
 *          votes == INT64_MIN or on count overflow. */
MINGA_EXPORT int minga_election_add_quadratic(minga_election *election, size_t n_ballots, const size_t *offsets,
                                              const uint32_t *alternatives, const int64_t *votes,
                                              const uint64_t *counts, const uint8_t *channels,
                                              const char *const *districts);

/* ===========================================================================
 * Ranked tallies
 * ======================================================================== */

/* Counts an election of kind "ranked" by a named method: plurality, IRV and
 * the STV family round by round, Condorcet methods and Borda. Raw marks
 * (skipped ranks, overvotes, repeated candidates, write-ins) are read at
 * counting time by the ballot rules below. The count is named by a small JSON
 * object, the spec; every key is optional, null means "not given" (but for
 * "max_skipped", where it means no limit), and an unknown key fails with
 * MINGA_EINVAL naming it:
 *
 *   "method"              "irv" (default), "plurality", "sequential-irv",
 *                         "bottoms-up", "wigm" (also "stv"), "gregory",
 *                         "wigm-generic", "wigm-prf", "wigm-prf-batch", "minneapolis-stv",
 *                         "scottish-stv", "irish-stv", "meek", "meek-exact", "warren",
 *                         "condorcet", "smith", "schulze", "ranked-pairs",
 *                         "minimax", "copeland", "borda"
 *                         (minga_ranked_methods() lists them)
 *   "seats"               default: the election's seats, else 1
 *   the ballot rules (not for meek, meek-exact, warren and the pairwise methods,
 *   which read marks their own way; irish-stv starts from the Act's reading:
 *   "max_skipped" 0, "write_ins" "skip"):
 *   "overvote"            "exhaust_immediately" (default), "skip_to_next_rank",
 *                         "exhaust_if_multiple_continuing"
 *   "max_skipped"         consecutive skipped ranks tolerated; "unlimited" or
 *                         null: any (left out: the method's reading, any but
 *                         for irish-stv)
 *   "duplicate"           a repeated candidate: "skip" (default) or "exhaust"
 *   "max_rankings"        ranks a voter may use; a mark beyond is an error
 *   "write_ins"           "candidate" (default: one pseudo-candidate,
 *                         excluded first) or "skip"
 *   "write_in_always_present"  true: that pseudo-candidate takes part even
 *                         without write-ins
 *   "tie_break"           "stop" (default: the count stops, see MINGA_ETIE),
 *                         "candidate-order", "lot-order", "random",
 *                         "rctab-random", "rctab-permutation", optionally
 *                         after "backwards," or "forwards," (look back over
 *                         earlier rounds first; scottish-stv does
 *                         "backwards,stop" by default, irish-stv
 *                         "forwards,stop") or "aafd,"; "new-zealand" (meek,
 *                         meek-exact, warren): New Zealand's Schedule 1A,
 *                         ahead at first difference, then its PRNs
 *   "seed"                the published seed of a random tie-break
 *   "batch"               irv, sequential-irv, bottoms-up: batch elimination
 *   "continue_until_two"  irv, sequential-irv
 *   "share"               bottoms-up: winners once all hold this share of
 *                         the votes, exact ("3/20", "0.15")
 *   "quota"               wigm: "droop" (default), "hagenbach-bischoff",
 *                         "hare", "exact-droop"; gregory: "droop" (default),
 *                         "hare", "hb", "dynamic"
 *   "decimals"            wigm: places kept in transfer values, 0..20 (default 4);
 *                         gregory: fixed-point places (default: exact)
 *   "paper_seed"          irish-stv: mix the papers with this published seed
 *                         before the first count (default: input order)
 *
 * Counts are whole JSON numbers; exact values are strings or integers. "-"
 * and "_" are the same in names. An option the method does not take (a
 * "quota" for irv) fails with MINGA_EINVAL. docs/ranked.md states every rule.
 * Example: {"method": "wigm", "seats": 2, "tie_break": "random", "seed": "2026-11-29"} */

/*! minga_ranked_count() :
 *  Counts a ranked election.
 *  @param election     an election of kind "ranked" (only read; may be shared
 *                      with other readers).
 *  @param spec_json    the spec above, NUL-terminated; NULL or "{}" for IRV
 *                      with every default.
 *  @param result_json  receives a NUL-terminated JSON document ("schema":
 *                      "minga.result/1": "method", "candidates", "seats",
 *                      "winners" (names, in the order elected), "complete",
 *                      "ballots", "blank_ballots", one "rounds" entry per round
 *                      with each continuing candidate's "tally", the
 *                      "threshold", "inactive" ballots by reason and the
 *                      "actions" (elected, excluded, surplus_of) with their
 *                      "transfers"; "scores" for one-shot methods; "ties"
 *                      settled on the way; "notes"). Values are exact
 *                      strings ("12", "0.0937", "1/3"). Free it with minga_free().
 *  @return MINGA_OK; MINGA_EINVAL for a bad spec (the message names the key),
 *          an unknown method, an option the method does not take, or an
 *          election that is not ranked; MINGA_EPARSE when spec_json is not
 *          JSON; MINGA_ETIE when the tie-break policy ends in "stop" and a tie
 *          it cannot settle stops the count (the message names the tied
 *          candidates and the round; no result is returned: pass a policy
 *          that settles ties to count on). */
MINGA_EXPORT int minga_ranked_count(const minga_election *election, const char *spec_json, char **result_json);

/*! minga_ranked_methods() :
 *  Lists the method names minga_ranked_count() accepts.
 *  @param methods_json  receives a NUL-terminated JSON array of names
 *                       (["plurality", "irv", ...]); free it with minga_free().
 *  @return MINGA_OK; MINGA_EINVAL when methods_json is NULL. */
MINGA_EXPORT int minga_ranked_methods(char **methods_json);

/*! minga_rctab_tabulate() :
 *  Tabulates an RCTab contest as RCTab (the certified US tabulator) would:
 *  reads its contest configuration (JSON), loads the cast vote records it
 *  names (CDF JSON or XML, generic CSV, Clear Ballot, Dominion, Hart; paths
 *  resolved against the configuration's folder), applies its rules and
 *  returns RCTab's own reports, so that the two can be compared value by
 *  value. Nothing is written to disk (the `minga rctab` command writes the
 *  files the configuration asks for).
 *  @param config_path   the configuration file, NUL-terminated.
 *  @param summary_json  receives RCTab's summary JSON (its detailed-report
 *                       structure: "config", "jsonFormatVersion", "results"
 *                       round by round, "summary"); free it with minga_free().
 *  @param summary_csv   NULL, or receives RCTab's summary CSV; free it with
 *                       minga_free().
 *  @param result_json   NULL, or receives minga's own result document (as
 *                       minga_ranked_count()); free it with minga_free().
 *  @return MINGA_OK; MINGA_EIO when a file cannot be read (the message names
 *          it); MINGA_EPARSE for a malformed configuration or record (file,
 *          line or record, field); MINGA_EINVAL for rules that contradict each
 *          other; MINGA_EUNSUPPORTED for a provider or mode minga does not
 *          read (the message names the field); MINGA_ETIE when the
 *          configuration's tie-break mode asks a person (stopCountingAndAsk)
 *          and a tie stops the count. On failure every out-parameter is NULL. */
MINGA_EXPORT int minga_rctab_tabulate(const char *config_path, char **summary_json, char **summary_csv,
                                      char **result_json);

/* ===========================================================================
 * Participatory budgeting
 * ======================================================================== */

/* The election must carry a budget and a cost for every project (pabulib
 * files do; elections built in memory set them in their JSON form). The rule
 * is named by a small JSON object, the spec; every key is optional and an
 * unknown key fails with MINGA_EINVAL naming it:
 *
 *   "rule"              "official" (default: the rule the file's META `rule`
 *                       names, with the parameters that reproduce official
 *                       outcomes), "greedy", "greedy-no-skip", "max-welfare",
 *                       "mes" (also "equal-shares"), "phragmen". A rule other
 *                       than "official" breaks ties by "min_cost,max_votes,by_id"
 *                       unless "tie_break" says otherwise; greedy then orders
 *                       by votes on approval ballots and by score otherwise.
 *   "utility"           what a voter gains from a funded project: "cost"
 *                       (default), "cardinality" (also "approval"), "points"
 *   "order"             greedy: "votes", "score", "welfare_per_cost"
 *   "completion"        mes: "none", "utilitarian", "add1", "add1_utilitarian"
 *   "step"              add1: endowment step per voter, e.g. "1"
 *   "exhaustive_stop"   add1: true or false
 *   "integral_start"    add1: true or false
 *   "comparison"        mes: "none", "satisfaction", "exclusion_ratio"
 *   "tie_break"         e.g. "min_cost,max_votes,lot"; steps min_cost, max_cost,
 *                       max_votes, max_score, by_id, lot (seeded) and refuse
 *                       (a tie reaching it fails with MINGA_ETIE)
 *   "seed"              the published seed for "lot"
 *   "budget"            use this budget instead of the election's, e.g. "250000"
 *   "support_per_cost"  drop projects with votes/voters < cost/(factor x budget)
 *   "check"             true: also check the outcome; the result then has
 *                       "analysis": empty-handed voters ("all", "by_channel",
 *                       "by_district"), "axioms" (EJR, PJR and the other
 *                       proportionality checks: "satisfied", and a witness
 *                       group when not), "price_system" (mes: "valid",
 *                       "problems"), "notes"
 *
 * Exact amounts are strings ("1500.50", "1/3") or JSON integers. "-" and "_"
 * are the same in names. null for a key means "not given".
 * Example: {"rule": "mes", "completion": "add1", "tie_break": "min_cost,max_votes,lot", "seed": "2024-05-01"} */

/*! minga_budget_run() :
 *  Decides a participatory budget.
 *  @param election     the election (only read; may be shared with other readers).
 *  @param spec_json    the spec above, NUL-terminated; NULL or "{}" for the
 *                      rule the election's META names.
 *  @param result_json  receives a NUL-terminated JSON document ("schema":
 *                      "minga.budget.result/1": "selected" ids in the order
 *                      funded, "total_cost", "left_over", "endowment" (mes),
 *                      one "steps" entry per funded project with the figures
 *                      behind it, "unfunded" and "excluded" projects with
 *                      reasons, "notes", and "analysis" when the spec
 *                      says "check"); free it with minga_free().
 *  @return MINGA_OK; MINGA_EINVAL for a bad spec (the message names the key)
 *          or an election without a budget or costs; MINGA_EPARSE when
 *          spec_json is not JSON; MINGA_EUNSUPPORTED when the rule is
 *          "official" and the election names none minga can reproduce, or for
 *          quadratic ballots; MINGA_ETIE when a tie reaches "refuse" or
 *          survives the whole tie-break chain; MINGA_ELIMIT when a search
 *          limit is reached (max-welfare, add1 reruns). */
MINGA_EXPORT int minga_budget_run(const minga_election *election, const char *spec_json, char **result_json);

/* ===========================================================================
 * Quadratic voting and quadratic funding
 * ======================================================================== */

/* Quadratic voting. A ballot gives each option integer votes v and costs the
 * sum of v^2 credits (or of a convex cost table); each voter may spend at most
 * a budget. The spec is a JSON object; every key is optional unless said:
 *
 *   "credits"         the budget of every voter, e.g. "99" (required unless the
 *                     election's rules set one)
 *   "voter_credits"   per-voter budgets, {"ana": "198"} (rows and files only)
 *   "allow_negative"  true to allow votes against an option (default false)
 *   "cost_table"      ["0", "1", "3", "6"]: credits for |v| = 0, 1, 2, 3
 *                     (convex, starting at 0); default v^2
 *   "public"          true to publish every accepted ballot with its voter
 *                     (rows and files only)
 *   "options"         the poll's option ids; votes for others are rejected
 *   "options_file"    the same from a file (CSV id,name or JSON)
 *
 * Results are JSON documents, "schema": "minga.qv/1": "totals" (option id ->
 * net votes as a string), "options" (ranked: votes, votes_for, votes_against,
 * credits, voters), "spending" (credits_spent, exhausted, distribution),
 * "strata" (per channel and district), "rejected" (voter, file, line, rule,
 * reason, ballots) and, with "public", "ballots_cast". Rejected ballots are
 * reported, never fatal: the status is MINGA_OK. */

/*! minga_qv_tally() :
 *  Tallies the quadratic ballots of an election (anonymous: each distinct
 *  ballot that breaks the budget, range or sign rule is rejected as "entry N"
 *  with its count).
 *  @param election     an election of kind "quadratic" (only read).
 *  @param spec_json    the spec above, NUL-terminated; NULL for the election's credits.
 *  @param result_json  receives the minga.qv/1 document; free it with minga_free().
 *  @return MINGA_OK; MINGA_EINVAL for another ballot kind, no budget, a bad
 *          spec or cost table; MINGA_EPARSE when spec_json is not JSON. */
MINGA_EXPORT int minga_qv_tally(const minga_election *election, const char *spec_json, char **result_json);

/*! minga_qv_tally_rows() :
 *  Validates and tallies voter-identified rows: row i says voters[i] gave
 *  votes[i] to options[i]. A voter's rows are one ballot; a ballot over budget,
 *  out of range, negative (unless allowed), with a duplicate or unknown option
 *  is rejected with its reasons ("line" = row index + 1); the others count.
 *  @param n_rows       number of rows (0 is allowed).
 *  @param voters       n_rows NUL-terminated voter ids.
 *  @param options      n_rows NUL-terminated option ids.
 *  @param votes        n_rows vote counts.
 *  @param spec_json    the spec above ("credits" required).
 *  @param result_json  receives the minga.qv/1 document; free it with minga_free().
 *  @return MINGA_OK; MINGA_EINVAL for NULL arrays or ids, no budget or a bad
 *          spec; MINGA_EPARSE when spec_json is not JSON. */
MINGA_EXPORT int minga_qv_tally_rows(size_t n_rows, const char *const *voters, const char *const *options,
                                     const int64_t *votes, const char *spec_json, char **result_json);

/*! minga_qv_tally_file() :
 *  As minga_qv_tally_rows() for a file of rows: CSV with a header (voter,
 *  option, votes; optional channel, district) or a JSON array of objects
 *  (aliases such as UserID, ProposalID, Count are understood). A vote written
 *  as a non-integer ("1.5") rejects that ballot only.
 *  @return MINGA_OK; MINGA_EIO when the file cannot be read; MINGA_EPARSE
 *          for a malformed file (the message names file, line and field);
 *          MINGA_EINVAL as for minga_qv_tally_rows(). */
MINGA_EXPORT int minga_qv_tally_file(const char *path, const char *spec_json, char **result_json);

/* Quadratic funding. Amounts are integers in the smallest unit (wei, cents),
 * below 2^126, passed as decimal strings. The spec (JSON object):
 *
 *   "pool"                the matching pool (required), e.g. "100000000"
 *   "variant"             "clr" (default), "pairwise", "cluster", "cocm"
 *   "fit"                 "saturate" (default: scale down only when the raw
 *                         matches exceed the pool), "scale", "alpha" (clr.fund)
 *   "cap"                 cap per project as a fraction of the pool ("0.2", "1/5")
 *   "cap_amount"          cap per project as an amount
 *   "m"                   pairwise: the bound M (default unbounded)
 *   "sqrt_scale"          S: square roots are rounded down to multiples of 1/S (default 1)
 *   "minimum"             contributions below this amount are dropped
 *   "alpha_precision"     alpha fit precision (default 10^18)
 *   "donor_coefficients"  {"donor": "1/2"}: a contribution counts floor(amount x c)
 *   "clusters"            [["donor", "cluster"], ["donor", "cluster", "weight"], ...]
 *   "voice_credit_factor" MACI tallies (minga_qf_match_file): tokens per voice credit
 *
 * Results: "schema": "minga.qf/1", "matches" (project -> exact match as a
 * string), "projects" (contributions, donors, raw_match, match, funding =
 * contributions + match, capped, share, why), "raw_total", "saturated",
 * "matched", "unallocated", "alpha", "cap_amount". The sum of matches never
 * exceeds the pool. Formulas and rounding: docs/quadratic.md. */

/*! minga_qf_match() :
 *  Matches contributions: contribution i is amounts[i] from donors[i] to projects[i].
 *  @param n            number of contributions (0 is allowed).
 *  @param donors       n NUL-terminated donor ids.
 *  @param projects     n NUL-terminated project ids.
 *  @param amounts      n NUL-terminated amounts (integers in the smallest unit, as decimal text).
 *  @param spec_json    the spec above ("pool" required).
 *  @param result_json  receives the minga.qf/1 document; free it with minga_free().
 *  @return MINGA_OK; MINGA_EINVAL for NULL arrays, a negative or non-integer
 *          amount, a bad spec; MINGA_ELIMIT for an amount of 2^126 or more;
 *          MINGA_EPARSE when spec_json is not JSON. */
MINGA_EXPORT int minga_qf_match(size_t n, const char *const *donors, const char *const *projects,
                                const char *const *amounts, const char *spec_json, char **result_json);

/*! minga_qf_match_file() :
 *  Matches the contributions of a file (CSV with donor, project, amount, or a
 *  JSON array of such objects), or fits a MACI / clr.fund tally (a JSON object
 *  with results.tally and perVOSpentVoiceCredits.tally; needs
 *  "voice_credit_factor"; payouts are then "funding", as clr.fund pays them).
 *  @return MINGA_OK; MINGA_EIO, MINGA_EPARSE (file, line and field named),
 *          MINGA_EINVAL, MINGA_ELIMIT as above. */
MINGA_EXPORT int minga_qf_match_file(const char *path, const char *spec_json, char **result_json);

/* ===========================================================================
 * Verifiable elections: encrypted ballots, receipts, the record's verifier
 * ========================================================================
 *
 * Ballots are encrypted (exponential ElGamal over ristretto255) with zero-
 * knowledge proofs; the bulletin board posts each cast ballot's confirmation
 * code in a Merkle log and signs a receipt; k of n guardians decrypt the
 * homomorphic sums with proofs. Everything needed to check an election is its
 * record (JSON, schema "minga.record/1", docs/verify_record.md); anyone checks
 * it with minga_record_verify(). docs/verify_election.md walks through a whole
 * election, step by step, and shows the folder's files.
 *
 * A minga_verifiable is one election run from a folder (the same folder as
 * `minga election`): minga_verifiable_create() makes it, minga_verifiable_open()
 * opens it again (in any process), and the steps follow in this order:
 * encrypt, then cast or challenge (or submit a ballot encrypted elsewhere);
 * close; tally; decrypt. A step out of order fails with MINGA_EINVAL saying
 * what comes first. Each step writes its files before it returns, so nothing
 * accepted is lost when a later call fails or the process stops.
 *
 * SECRETS. The folder holds the board's signing key and every guardian's share
 * (mode 0600, wiped from memory after use): it suits one operator running a
 * whole election (a neighbourhood vote, a test, a demo). In a real k-of-n
 * election, hand each secret/guardian-<l>.key to its guardian and delete it.
 *
 * THREAD SAFETY. A minga_verifiable holds an exclusive lock on its folder while
 * open (a second minga_verifiable_open of the same folder, here or in another
 * process, waits until the first is freed). Calls on one handle need exclusive
 * access; the other functions of this section are reentrant. */

/*! The handle of an opened election folder. */
typedef struct minga_verifiable minga_verifiable;

/*! minga_verifiable_create() :
 *  Makes a new election folder: a local key ceremony of `guardians` guardians
 *  with threshold `quorum`, the board's signing key, and election.json (the
 *  public election: publish it).
 *  @param folder         a folder that does not exist yet, or is empty.
 *  @param manifest_json  the contests (schema "minga.manifest/1"):
 *    {"election_id": "...", "title": "...", "contests": [{"id": "council",
 *     "title": "...", "kind": "approval", "option_range": 1,
 *     "selection_limit": 2, "options": [{"id": "ana", "label": "Ana"}]}]}
 *    kinds: plurality, approval, budgeting_approval, score, cumulative,
 *    ranked (option_range = selection_limit = ranks) and quadratic
 *    (option_range = V for votes -V..V, selection_limit = credits C).
 *  @return MINGA_OK; MINGA_EPARSE for a malformed manifest (the field named);
 *          MINGA_EINVAL for a bad manifest, 1 <= quorum <= guardians <= 1000
 *          violated, or a non-empty folder; MINGA_EIO when a file cannot be written. */
MINGA_EXPORT int minga_verifiable_create(minga_verifiable **out, const char *folder, const char *manifest_json,
                                         uint32_t guardians, uint32_t quorum);

/*! minga_verifiable_open() :
 *  Opens an election folder made before: checks election.json's hashes and the
 *  board key, and replays ballots.jsonl. Waits for the folder's lock.
 *  @return MINGA_OK; MINGA_EIO (not an election folder, unreadable);
 *          MINGA_EPARSE naming the file, line and field; MINGA_EMISMATCH when a
 *          stored hash or key is not the recomputed one. */
MINGA_EXPORT int minga_verifiable_open(minga_verifiable **out, const char *folder);

/*! minga_verifiable_free() : releases the handle and the folder's lock (NULL-safe). */
MINGA_EXPORT void minga_verifiable_free(minga_verifiable *election);

/*! minga_verifiable_status_json() :
 *  @param status_json  receives {"stage": "open"|"closed"|"tallied"|"decrypted",
 *    "cast": n, "spoiled": n, "election_hash": "<64 hex>", "board_key": "<note key>"}.
 *  The election hash and the board key are what receipts are checked against. */
MINGA_EXPORT int minga_verifiable_status_json(const minga_verifiable *election, char **status_json);

/*! minga_verifiable_encrypt() :
 *  Encrypts and proves a voter's choices on a voting device and keeps the ballot
 *  pending until minga_verifiable_cast() or minga_verifiable_challenge().
 *  @param device_id    the device (its ballots' codes are chained).
 *  @param ballot_json  {"ballot_id": "b-17", "selections": {"council": {"ana": 1}}}
 *                      (contests and options by id; those left out are 0). A
 *                      ranked contest gives each ranked option its rank (1 =
 *                      first); a quadratic contest gives votes, negative ones
 *                      against (docs/verify_record.md sections 3.1 and 3.2).
 *  @param codes_json   receives {"ballot_id", "device_id", "confirmation_code"
 *                      (64 hex), "short_code" (10 characters, for SMS and paper)}:
 *                      show them to the voter.
 *  @return MINGA_OK; MINGA_EPARSE / MINGA_EINVAL naming the field (unknown
 *          option, a value above its range, a contest above its limit, an id
 *          already used); MINGA_EINVAL while the device's last ballot is still
 *          pending (a device serves one voter at a time) and after close. */
MINGA_EXPORT int minga_verifiable_encrypt(minga_verifiable *election, const char *device_id, const char *ballot_json,
                                          char **codes_json);

/*! minga_verifiable_cast() :
 *  Casts a pending ballot: its confirmation code goes on the board, its nonce is
 *  wiped, and the board's signed receipt is returned (and kept in receipts/).
 *  @param receipt_json  receives the receipt (schema "minga.receipt/1"): the
 *                       voter keeps it and checks it with minga_receipt_verify().
 *  @return MINGA_OK; MINGA_EINVAL for an unknown ballot id or after close. */
MINGA_EXPORT int minga_verifiable_cast(minga_verifiable *election, const char *ballot_id, char **receipt_json);

/*! minga_verifiable_challenge() :
 *  Challenges a pending ballot instead of casting it: it is published with its
 *  nonce and choices (spoiled), so anyone can check the device encrypted what
 *  the voter chose; it is never counted.
 *  @param opened_json  receives {"ballot_id", "device_id", "confirmation_code",
 *                      "short_code", "state": "spoiled", "selections": [[...]]}. */
MINGA_EXPORT int minga_verifiable_challenge(minga_verifiable *election, const char *ballot_id, char **opened_json);

/*! minga_verifiable_submit() :
 *  Casts a ballot encrypted elsewhere (a voter's own device): one element of a
 *  record's "ballots", state "cast". Its proofs and confirmation code are
 *  checked first.
 *  @return MINGA_OK with the receipt; MINGA_EVERIFY naming every failed proof;
 *          MINGA_EPARSE naming the field; MINGA_EINVAL for a repeated id or code. */
MINGA_EXPORT int minga_verifiable_submit(minga_verifiable *election, const char *encrypted_ballot_json,
                                         char **receipt_json);

/*! minga_verifiable_close() : no ballot is accepted any more; each device's chain
 *  is closed (closings.json; the record's "device_closings") and the board's final
 *  signed checkpoint is written (closed.txt).
 *  @return MINGA_OK; MINGA_EINVAL naming the pending ballots (encrypted, neither
 *          cast nor challenged: cast or challenge each first) or after close. */
MINGA_EXPORT int minga_verifiable_close(minga_verifiable *election);

/*! minga_verifiable_tally() : sums the cast ballots homomorphically (tally.json).
 *  @param tally_json  receives the encrypted tally ("minga.encrypted-tally/1"); may be NULL. */
MINGA_EXPORT int minga_verifiable_tally(minga_verifiable *election, char **tally_json);

/*! minga_verifiable_decrypt() :
 *  Decrypts the tally with the guardians listed (at least the quorum; any of
 *  them), with a proof per guardian and option, and writes record.json.
 *  @param guardians    guardian numbers, 1..n.
 *  @param record_json  receives the complete record; each option's "total" is its result.
 *  @return MINGA_OK; MINGA_EINVAL for fewer guardians than the quorum, an
 *          unknown or repeated guardian, no cast ballot, or before tally. */
MINGA_EXPORT int minga_verifiable_decrypt(minga_verifiable *election, const uint32_t *guardians, size_t n_guardians,
                                          char **record_json);

/*! minga_record_verify() :
 *  The independent verifier: recomputes every hash, proof, chain, the board's
 *  checkpoint, the sums and the decryptions of a record, trusting nothing in it.
 *  @param record_json  the record in its JSON form or its binary form (bytes
 *                      starting d9 d9 f7, docs/verify_record.md 1.1): len bytes,
 *                      need not be NUL-terminated.
 *  @param len          its length in bytes.
 *  @param all_passed   receives 1 when every check passes, else 0.
 *  @param report_json  receives {"schema": "minga.verification/1", "passed",
 *                      "checks": [{"check", "passed", "reason"}, ...]}; each
 *                      failed check names its first failing item.
 *  @return MINGA_OK whenever the record could be read (check all_passed!);
 *          MINGA_EPARSE naming the JSON path of a malformed field, a point off
 *          the group or a non-canonical scalar. Uses every core. */
MINGA_EXPORT int minga_record_verify(const char *record_json, size_t len, int *all_passed, char **report_json);

/*! minga_record_verify_file() : minga_record_verify() of a file in either form (MINGA_EIO when unreadable). */
MINGA_EXPORT int minga_record_verify_file(const char *path, int *all_passed, char **report_json);

/*! minga_ballots_verify() :
 *  Verifies one partition of an election's ballots, as one machine of many does:
 *  every ballot's proofs and confirmation code, and the homomorphic sum of its
 *  cast ballots. Partitions' sums add up (minga_tallies_add) to the record's
 *  encrypted tally.
 *  @param election_json  election.json or record.json (the context).
 *  @param election_len   its length in bytes.
 *  @param ballots_jsonl  ballots, one JSON object per line.
 *  @param ballots_len    its length in bytes.
 *  @param first_index  the partition's first ballot's position in the whole
 *                      (0-based), so findings name ballots as the record does.
 *  @param threads      threads to use (0: every core).
 *  @param result_json  receives {"ballots": n, "selections": n, "passed": bool,
 *                      "failures": ["ballot 3 (b-3) contest ...", ...],
 *                      "sum": <minga.encrypted-tally/1>}.
 *  @return MINGA_OK when the ballots could be read (check "passed");
 *          MINGA_EPARSE naming the line and field. */
MINGA_EXPORT int minga_ballots_verify(const char *election_json, size_t election_len, const char *ballots_jsonl,
                                      size_t ballots_len, uint64_t first_index, unsigned threads,
                                      char **result_json);

/*! minga_tallies_add() :
 *  Adds two encrypted tallies ("minga.encrypted-tally/1", e.g. two partitions'
 *  "sum"), option by option. @return MINGA_EMISMATCH when their shapes differ. */
MINGA_EXPORT int minga_tallies_add(const char *a_json, const char *b_json, char **sum_json);

/*! minga_receipt_verify() :
 *  A voter's offline check of a receipt: the board's signature over it, the
 *  signed checkpoint, and the inclusion proof of the confirmation code in it.
 *  @param receipt_json   the receipt ("minga.receipt/1").
 *  @param election_json  the election's published election.json
 *                        (or record.json): the board key and election hash.
 *  @param election_len   its length in bytes.
 *  @param checkpoint_json  receives {"origin", "tree_size", "leaf_index",
 *                          "short_code"} of the verified receipt; may be NULL.
 *  @return MINGA_OK when it verifies; MINGA_EVERIFY saying what does not;
 *          MINGA_EPARSE naming the field of a malformed receipt or election. */
MINGA_EXPORT int minga_receipt_verify(const char *receipt_json, const char *election_json, size_t election_len,
                                      char **checkpoint_json);

/*! minga_short_code() :
 *  The voter's short code of a confirmation code: 10 characters (45 bits and a
 *  check character, Crockford base 32) in two groups of five, to read aloud,
 *  send by SMS or print (docs/verify_board.md).
 *  @param confirmation_code_hex  64 hex digits.
 *  @param short_code  receives the code, e.g. "2M3D7-HPKWP".
 *  @return MINGA_OK; MINGA_EPARSE for anything but 64 hex digits. */
MINGA_EXPORT int minga_short_code(const char *confirmation_code_hex, char **short_code);

/*! minga_short_code_check() :
 *  Whether a short code as a voter typed it (case, dashes, spaces and the
 *  letters O/I/L read as digits forgiven) belongs to a confirmation code.
 *  @return MINGA_OK when it does; MINGA_EVERIFY when it is a valid code of
 *          another ballot; MINGA_EPARSE when mistyped (the check character
 *          catches one wrong or two swapped characters). */
MINGA_EXPORT int minga_short_code_check(const char *short_code, const char *confirmation_code_hex);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MINGA_H */
