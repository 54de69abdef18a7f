// SPDX-License-Identifier: Apache-2.0
// native.js - finds libminga and declares every function of include/minga.h for koffi.
// The prototypes below are copied from the header by hand: keep them in the header's order.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

// Where libminga comes from, first match wins:
//  1. the MINGA_LIBRARY environment variable (a path to the shared library);
//  2. a build tree of the repository this package sits in: build/ci (the one the test
//     command builds), then any other build/*/src, newest first;
//  3. the system loader (libminga.so.0, as installed by `cmake --install`).
function candidateLibraries() {
  if (process.env.MINGA_LIBRARY) return [process.env.MINGA_LIBRARY];
  const names = { linux: 'libminga.so', darwin: 'libminga.dylib', win32: 'minga.dll' };
  const file = names[process.platform] || 'libminga.so';
  const buildRoot = path.resolve(__dirname, '..', '..', '..', 'build');
  const preferred = [path.join(buildRoot, 'ci', 'src', file)];
  let others = [];
  try {
    others = fs.readdirSync(buildRoot)
      .map((dir) => path.join(buildRoot, dir, 'src', file))
      .filter((p) => !preferred.includes(p) && fs.existsSync(p))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  } catch {
    // no build tree: an installed package
  }
  const inTree = preferred.filter((p) => fs.existsSync(p)).concat(others);
  const system = process.platform === 'linux' ? ['libminga.so.0', 'libminga.so'] : [file];
  return inTree.concat(system);
}

function loadLibrary() {
  const tried = [];
  for (const candidate of candidateLibraries()) {
    try {
      return { lib: koffi.load(candidate), path: candidate };
    } catch (err) {
      tried.push(`${candidate}: ${err.message}`);
    }
  }
  throw new Error(`minga: cannot load libminga (set MINGA_LIBRARY to its path); tried:\n  ${tried.join('\n  ')}`);
}

const { lib, path: libraryPath } = loadLibrary();

koffi.opaque('minga_election');
koffi.opaque('minga_verifiable');

// Buffers that minga allocates come back as `void *` (a BigInt address) so that the
// caller can both read them and hand them back to minga_free().
const prototypes = [
  // version and initialisation
  'const char *minga_version_string(void)',
  'int minga_version_number(void)',
  'int minga_version_major(void)',
  'int minga_version_minor(void)',
  'int minga_version_patch(void)',
  'int minga_abi_version(void)',
  'int minga_init(void)',
  // status codes and errors
  'int minga_ok(void)',
  'int minga_einval(void)',
  'int minga_eparse(void)',
  'int minga_eio(void)',
  'int minga_eunsupported(void)',
  'int minga_emismatch(void)',
  'int minga_enomem(void)',
  'int minga_elimit(void)',
  'int minga_einternal(void)',
  'int minga_etie(void)',
  'int minga_everify(void)',
  'const char *minga_status_name(int status)',
  'int minga_last_error_code(void)',
  'const char *minga_last_error_message(void)',
  'void minga_clear_error(void)',
  'void minga_free(void *buffer)',
  // ballot constants
  'int minga_channel_unspecified(void)',
  'int minga_channel_online(void)',
  'int minga_channel_kiosk(void)',
  'int minga_channel_paper(void)',
  'int minga_channel_sms(void)',
  'int minga_channel_other(void)',
  'const char *minga_channel_name(int channel)',
  'uint32_t minga_mark_overvote(void)',
  'uint32_t minga_mark_write_in(void)',
  // elections
  'int minga_election_new(_Out_ minga_election **out, const char *kind, size_t n_alternatives, const char **ids)',
  'void minga_election_free(minga_election *election)',
  'int minga_election_read_file(_Out_ minga_election **out, const char *path, const char *format)',
  'int minga_election_write_file(const minga_election *election, const char *path, const char *format)',
  'int minga_election_from_json(_Out_ minga_election **out, const char *json, size_t len)',
  'int minga_election_to_json(const minga_election *election, _Out_ void **out, _Out_ size_t *out_len)',
  'int minga_election_to_binary(const minga_election *election, _Out_ void **out, _Out_ size_t *out_len)',
  'int minga_election_from_binary(_Out_ minga_election **out, const uint8_t *bytes, size_t len)',
  'int minga_election_merge(minga_election *into, const minga_election *other)',
  'const char *minga_election_kind(const minga_election *election)',
  'int minga_election_num_alternatives(const minga_election *election, _Out_ size_t *out)',
  'int minga_election_num_ballots(const minga_election *election, _Out_ uint64_t *out)',
  'int minga_election_num_distinct(const minga_election *election, _Out_ size_t *out)',
  'int minga_election_alternative_id(const minga_election *election, size_t index, _Out_ const char **out)',
  'int minga_election_info_json(const minga_election *election, _Out_ void **out, _Out_ size_t *out_len)',
  'int minga_election_add_approvals(minga_election *election, size_t n_ballots, const size_t *offsets, ' +
    'const uint32_t *alternatives, const uint64_t *counts, const uint8_t *channels, const char **districts)',
  'int minga_election_add_rankings(minga_election *election, size_t n_ballots, const size_t *ballot_offsets, ' +
    'const size_t *rank_offsets, const uint32_t *marks, const uint64_t *counts, const uint8_t *channels, ' +
    'const char **districts)',
  'int minga_election_add_scores(minga_election *election, size_t n_ballots, const size_t *offsets, ' +
    'const uint32_t *alternatives, const int64_t *numerators, const int64_t *denominators, ' +
    'const uint64_t *counts, const uint8_t *channels, const char **districts)',
  'int minga_election_add_quadratic(minga_election *election, size_t n_ballots, const size_t *offsets, ' +
    'const uint32_t *alternatives, const int64_t *votes, const uint64_t *counts, const uint8_t *channels, ' +
    'const char **districts)',
  // ranked tallies
  'int minga_ranked_count(const minga_election *election, const char *spec_json, _Out_ void **result_json)',
  'int minga_ranked_methods(_Out_ void **methods_json)',
  'int minga_rctab_tabulate(const char *config_path, _Out_ void **summary_json, _Out_ void **summary_csv, _Out_ void **result_json)',
  // participatory budgeting
  'int minga_budget_run(const minga_election *election, const char *spec_json, _Out_ void **result_json)',
  // quadratic voting and funding
  'int minga_qv_tally(const minga_election *election, const char *spec_json, _Out_ void **result_json)',
  'int minga_qv_tally_rows(size_t n_rows, const char **voters, const char **options, const int64_t *votes, ' +
    'const char *spec_json, _Out_ void **result_json)',
  'int minga_qv_tally_file(const char *path, const char *spec_json, _Out_ void **result_json)',
  'int minga_qf_match(size_t n, const char **donors, const char **projects, const char **amounts, ' +
    'const char *spec_json, _Out_ void **result_json)',
  'int minga_qf_match_file(const char *path, const char *spec_json, _Out_ void **result_json)',
  // verifiable elections
  'int minga_verifiable_create(_Out_ minga_verifiable **out, const char *folder, const char *manifest_json, ' +
    'uint32_t guardians, uint32_t quorum)',
  'int minga_verifiable_open(_Out_ minga_verifiable **out, const char *folder)',
  'void minga_verifiable_free(minga_verifiable *election)',
  'int minga_verifiable_status_json(const minga_verifiable *election, _Out_ void **status_json)',
  'int minga_verifiable_encrypt(minga_verifiable *election, const char *device_id, const char *ballot_json, ' +
    '_Out_ void **codes_json)',
  'int minga_verifiable_cast(minga_verifiable *election, const char *ballot_id, _Out_ void **receipt_json)',
  'int minga_verifiable_challenge(minga_verifiable *election, const char *ballot_id, _Out_ void **opened_json)',
  'int minga_verifiable_submit(minga_verifiable *election, const char *encrypted_ballot_json, ' +
    '_Out_ void **receipt_json)',
  'int minga_verifiable_close(minga_verifiable *election)',
  'int minga_verifiable_tally(minga_verifiable *election, _Out_ void **tally_json)',
  'int minga_verifiable_decrypt(minga_verifiable *election, const uint32_t *guardians, size_t n_guardians, ' +
    '_Out_ void **record_json)',
  'int minga_record_verify(const char *record_json, size_t len, _Out_ int *all_passed, _Out_ void **report_json)',
  'int minga_record_verify_file(const char *path, _Out_ int *all_passed, _Out_ void **report_json)',
  'int minga_ballots_verify(const char *election_json, size_t election_len, const char *ballots_jsonl, ' +
    'size_t ballots_len, uint64_t first_index, unsigned int threads, _Out_ void **result_json)',
  'int minga_tallies_add(const char *a_json, const char *b_json, _Out_ void **sum_json)',
  'int minga_receipt_verify(const char *receipt_json, const char *election_json, size_t election_len, ' +
    '_Out_ void **checkpoint_json)',
  'int minga_short_code(const char *confirmation_code_hex, _Out_ void **short_code)',
  'int minga_short_code_check(const char *short_code, const char *confirmation_code_hex)',
];

const fn = {};
for (const prototype of prototypes) {
  const name = /(minga_\w+)\(/.exec(prototype)[1];
  try {
    fn[name] = lib.func(prototype);
  } catch (err) {
    throw new Error(`minga: ${libraryPath} has no ${name}: it is older than this package (${err.message})`);
  }
}

module.exports = { koffi, fn, libraryPath, prototypes };
