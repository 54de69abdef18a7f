// SPDX-License-Identifier: Apache-2.0
// index.js - minga for Node.js: elections, ranked counts, participatory budgets, quadratic
// voting and funding, over the C ABI (include/minga.h) through koffi. No decision logic lives here.
'use strict';

const { koffi, fn, libraryPath } = require('./native');
const { parseExact, specText } = require('./json');

// ---------------------------------------------------------------------------
// Status codes and errors

/** Status codes of minga.h (pinned, append-only), read from the library. */
const Status = Object.freeze({
  OK: fn.minga_ok(),
  EINVAL: fn.minga_einval(),
  EPARSE: fn.minga_eparse(),
  EIO: fn.minga_eio(),
  EUNSUPPORTED: fn.minga_eunsupported(),
  EMISMATCH: fn.minga_emismatch(),
  ENOMEM: fn.minga_enomem(),
  ELIMIT: fn.minga_elimit(),
  EINTERNAL: fn.minga_einternal(),
  ETIE: fn.minga_etie(),
  EVERIFY: fn.minga_everify(),
});

/** The error every failing call throws: `code` is the minga status (negative),
 *  `status` its stable name ("parse", "io", ...), `message` minga's own message
 *  (it names file, line and field for bad input). */
class MingaError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'MingaError';
    this.code = code;
    this.status = fn.minga_status_name(code);
  }
}

function check(code) {
  if (code < 0) throw new MingaError(code, fn.minga_last_error_message());
  return code;
}

function statusName(code) {
  return fn.minga_status_name(code);
}

/** The last failure on this thread: { code, status, message } (code 0 when none). */
function lastError() {
  const code = fn.minga_last_error_code();
  return { code, status: fn.minga_status_name(code), message: fn.minga_last_error_message() };
}

function clearError() {
  fn.minga_clear_error();
}

// ---------------------------------------------------------------------------
// Version and constants

function version() {
  return {
    string: fn.minga_version_string(),
    number: fn.minga_version_number(),
    major: fn.minga_version_major(),
    minor: fn.minga_version_minor(),
    patch: fn.minga_version_patch(),
    abi: fn.minga_abi_version(),
    library: libraryPath,
  };
}

/** Initialises minga (idempotent; the module calls it on load). Returns true the first time. */
function init() {
  return check(fn.minga_init()) === 0;
}

const Channel = Object.freeze({
  UNSPECIFIED: fn.minga_channel_unspecified(),
  ONLINE: fn.minga_channel_online(),
  KIOSK: fn.minga_channel_kiosk(),
  PAPER: fn.minga_channel_paper(),
  SMS: fn.minga_channel_sms(),
  OTHER: fn.minga_channel_other(),
});

function channelName(channel) {
  return fn.minga_channel_name(channel);
}

/** Tokens a rank of a ranked ballot may hold instead of a candidate. */
const Mark = Object.freeze({ OVERVOTE: fn.minga_mark_overvote(), WRITE_IN: fn.minga_mark_write_in() });

// ---------------------------------------------------------------------------
// Buffers returned by minga

function takeText(pointer, length) {
  try {
    return length === undefined ? koffi.decode(pointer, 'char', -1) : koffi.decode(pointer, 'char', Number(length));
  } finally {
    fn.minga_free(pointer);
  }
}

function takeBytes(pointer, length) {
  try {
    return Buffer.from(koffi.decode(pointer, 'uint8_t', Number(length)));
  } finally {
    fn.minga_free(pointer);
  }
}

// Runs `call(out)` where out[0] receives a minga-allocated NUL-terminated JSON document,
// and returns it parsed (exact numbers kept: see json.js).
function jsonResult(call) {
  const out = [null];
  check(call(out));
  return parseExact(takeText(out[0]));
}

// ---------------------------------------------------------------------------
// Elections

const registry = new FinalizationRegistry((pointer) => {
  fn.minga_election_free(pointer);
  --openElections;
});
let openElections = 0;

/** An election (alternatives, ballot kind, rules, ballots) owned by minga. Free it with
 *  close() (or `using`); a FinalizationRegistry frees forgotten ones at garbage collection. */
class Election {
  #pointer;

  constructor(pointer) {
    if (typeof pointer !== 'bigint' || pointer === 0n) throw new TypeError('minga: use Election.create/readFile/fromJSON');
    this.#pointer = pointer;
    ++openElections;
    registry.register(this, pointer, this);
  }

  static #adopt(call) {
    const out = [null];
    check(call(out));
    return new Election(out[0]);
  }

  /** A new empty election. `alternatives` is an array of unique ids or a count (ids "1".."n"). */
  static create(kind, alternatives) {
    const ids = typeof alternatives === 'number' ? null : alternatives.map(String);
    const n = ids ? ids.length : alternatives;
    return Election.#adopt((out) => fn.minga_election_new(out, kind, n, ids));
  }

  /** Reads an election file (pabulib, PrefLib, BLT, CSV, minga JSON or binary). */
  static readFile(path, { format = null } = {}) {
    return Election.#adopt((out) => fn.minga_election_read_file(out, path, format));
  }

  /** Reads a "minga.election/1" document, given as text or as an object. */
  static fromJSON(document) {
    const text = typeof document === 'string' ? document : specText(document);
    const bytes = Buffer.from(text, 'utf8');
    return Election.#adopt((out) => fn.minga_election_from_json(out, bytes, bytes.length));
  }

  /** Reads minga's binary format (a Buffer or Uint8Array). */
  static fromBinary(bytes) {
    return Election.#adopt((out) => fn.minga_election_from_binary(out, bytes, bytes.length));
  }

  /** The number of elections created and not yet freed (for leak checks). */
  static get openCount() {
    return openElections;
  }

  get #handle() {
    if (this.#pointer === null) throw new MingaError(Status.EINVAL, 'minga: this election was closed');
    return this.#pointer;
  }

  /** Frees the election now. Calling it again does nothing. */
  close() {
    if (this.#pointer === null) return;
    registry.unregister(this);
    fn.minga_election_free(this.#pointer);
    this.#pointer = null;
    --openElections;
  }

  get closed() {
    return this.#pointer === null;
  }

  get kind() {
    const kind = fn.minga_election_kind(this.#handle);
    if (kind === null) check(fn.minga_last_error_code());
    return kind;
  }

  get numAlternatives() {
    const out = [null];
    check(fn.minga_election_num_alternatives(this.#handle, out));
    return Number(out[0]);
  }

  /** The number of ballots (the sum of their counts), as a BigInt: it is 64-bit. */
  get numBallots() {
    const out = [null];
    check(fn.minga_election_num_ballots(this.#handle, out));
    return BigInt(out[0]);
  }

  get numDistinct() {
    const out = [null];
    check(fn.minga_election_num_distinct(this.#handle, out));
    return Number(out[0]);
  }

  alternativeId(index) {
    const out = [null];
    check(fn.minga_election_alternative_id(this.#handle, index, out));
    return out[0];
  }

  /** The alternative ids, in the election's order (index i is alternative i). */
  get alternativeIds() {
    const ids = [];
    for (let i = 0, n = this.numAlternatives; i < n; ++i) ids.push(this.alternativeId(i));
    return ids;
  }

  /** The "minga.summary/1" document as an object. */
  info() {
    return jsonResult((out) => fn.minga_election_info_json(this.#handle, out, [null]));
  }

  /** The "minga.election/1" document as text (Election.fromJSON reads it back). */
  toJSONText() {
    const out = [null];
    const length = [null];
    check(fn.minga_election_to_json(this.#handle, out, length));
    return takeText(out[0], length[0]);
  }

  /** The "minga.election/1" document as an object (big counts as BigInt). */
  toObject() {
    return parseExact(this.toJSONText());
  }

  /** minga's compact binary form, as a Buffer. */
  toBinary() {
    const out = [null];
    const length = [null];
    check(fn.minga_election_to_binary(this.#handle, out, length));
    return takeBytes(out[0], length[0]);
  }

  /** Writes a file; the format comes from the extension unless `format` names it. */
  writeFile(path, { format = null } = {}) {
    check(fn.minga_election_write_file(this.#handle, path, format));
  }

  /** Adds the ballots of `other` (same kind and alternatives) to this election. */
  merge(other) {
    check(fn.minga_election_merge(this.#handle, other.#handle));
    return this;
  }

  // ---- adding ballots ------------------------------------------------------
  // Every add method takes an array of ballots and options { counts, channels,
  // districts }, one entry per ballot: counts as Numbers or BigInts, channels as
  // Channel values or names ("paper"), districts as strings or null. An alternative
  // is its index or its id. A batch is all or nothing.

  /** Approval ballots: each ballot is an array of approved alternatives. */
  addApprovals(ballots, options = {}) {
    const index = this.#indexer();
    const { offsets, items } = flatten(ballots, (item) => index(item));
    const extra = perBallot(ballots.length, options);
    check(fn.minga_election_add_approvals(this.#handle, ballots.length, offsets, new Uint32Array(items),
      extra.counts, extra.channels, extra.districts));
    return this;
  }

  /** Ranked ballots: each ballot is an array of ranks, first choice first; a rank is an
   *  alternative, an array of alternatives (a tie or overvote; [] is a skipped rank),
   *  or Mark.OVERVOTE / Mark.WRITE_IN. */
  addRankings(ballots, options = {}) {
    const index = this.#indexer();
    const ballotOffsets = [0];
    const rankOffsets = [0];
    const marks = [];
    for (const ballot of ballots) {
      for (const rank of ballot) {
        for (const mark of Array.isArray(rank) ? rank : [rank]) marks.push(isMark(mark) ? mark : index(mark));
        rankOffsets.push(marks.length);
      }
      ballotOffsets.push(rankOffsets.length - 1);
    }
    const extra = perBallot(ballots.length, options);
    check(fn.minga_election_add_rankings(this.#handle, ballots.length, ballotOffsets, rankOffsets,
      new Uint32Array(marks), extra.counts, extra.channels, extra.districts));
    return this;
  }

  /** Score ballots: each ballot maps alternatives to exact points, as an object
   *  { id: points } or an array of [alternative, points]; points are integers,
   *  BigInts or exact strings ("5/2", "2.5"). */
  addScores(ballots, options = {}) {
    const index = this.#indexer();
    const numerators = [];
    const denominators = [];
    const { offsets, items } = flatten(ballots.map(entries), ([alternative, points]) => {
      const [numerator, denominator] = exactFraction(points);
      numerators.push(numerator);
      denominators.push(denominator);
      return index(alternative);
    });
    const extra = perBallot(ballots.length, options);
    check(fn.minga_election_add_scores(this.#handle, ballots.length, offsets, new Uint32Array(items),
      new BigInt64Array(numerators), new BigInt64Array(denominators), extra.counts, extra.channels, extra.districts));
    return this;
  }

  /** Quadratic ballots: each ballot maps options to integer votes (negative = against),
   *  as an object { id: votes } or an array of [option, votes]. */
  addQuadratic(ballots, options = {}) {
    const index = this.#indexer();
    const votes = [];
    const { offsets, items } = flatten(ballots.map(entries), ([option, v]) => {
      votes.push(BigInt(v));
      return index(option);
    });
    const extra = perBallot(ballots.length, options);
    check(fn.minga_election_add_quadratic(this.#handle, ballots.length, offsets, new Uint32Array(items),
      new BigInt64Array(votes), extra.counts, extra.channels, extra.districts));
    return this;
  }

  // ---- rules -----------------------------------------------------------------

  /** Counts a ranked election. `spec` is minga's count spec (see minga.h), as an object or
   *  JSON text, e.g. { method: 'stv', seats: 3, tie_break: 'random', seed: '2026-11-29' };
   *  omitted = IRV with every default. Returns the "minga.result/1" document (winners,
   *  rounds with exact tallies as strings). A tie that the tie-break policy leaves to
   *  "stop" (the default) throws MingaError with Status.ETIE, naming the tied candidates. */
  rankedCount(spec) {
    const text = specText(spec);
    return jsonResult((out) => fn.minga_ranked_count(this.#handle, text, out));
  }

  /** Decides a participatory budget. `spec` is minga's budget spec (see minga.h), as an
   *  object or JSON text, e.g. { rule: 'mes', completion: 'add1' }; omitted = the rule the
   *  election's file names. Returns the "minga.budget.result/1" document. */
  budget(spec) {
    const text = specText(spec);
    return jsonResult((out) => fn.minga_budget_run(this.#handle, text, out));
  }

  /** Tallies a quadratic-voting election; returns the "minga.qv/1" document. */
  qvTally(spec) {
    const text = specText(spec);
    return jsonResult((out) => fn.minga_qv_tally(this.#handle, text, out));
  }

  // Maps an alternative given as an index or an id to its index (ids looked up once).
  #indexer() {
    let byId = null;
    return (alternative) => {
      if (typeof alternative === 'number' && Number.isInteger(alternative) && alternative >= 0) return alternative;
      if (typeof alternative !== 'string') {
        throw new MingaError(Status.EINVAL, `minga: an alternative must be an index or an id, not ${String(alternative)}`);
      }
      if (byId === null) byId = new Map(this.alternativeIds.map((id, i) => [id, i]));
      const i = byId.get(alternative);
      if (i === undefined) throw new MingaError(Status.EINVAL, `minga: unknown alternative id '${alternative}'`);
      return i;
    };
  }
}

// `using election = ...` frees at the end of the block where the runtime has Symbol.dispose
// (Node.js 18.18 and newer).
if (typeof Symbol.dispose === 'symbol') {
  Election.prototype[Symbol.dispose] = function dispose() {
    this.close();
  };
}

function isMark(value) {
  return value === Mark.OVERVOTE || value === Mark.WRITE_IN;
}

function entries(ballot) {
  return Array.isArray(ballot) ? ballot : Object.entries(ballot);
}

// Arrow-style list layout: offsets (n + 1 entries) and the flat items.
function flatten(ballots, item) {
  const offsets = [0];
  const items = [];
  for (const ballot of ballots) {
    for (const entry of ballot) items.push(item(entry));
    offsets.push(items.length);
  }
  return { offsets, items };
}

const channelByName = new Map(Object.entries(Channel).map(([name, value]) => [name.toLowerCase(), value]));

function perBallot(n, { counts = null, channels = null, districts = null }) {
  const sized = (array, what) => {
    if (array !== null && array.length !== n) {
      throw new MingaError(Status.EINVAL, `minga: ${what} has ${array.length} entries for ${n} ballots`);
    }
    return array;
  };
  sized(counts, 'counts');
  sized(channels, 'channels');
  sized(districts, 'districts');
  const channel = (c) => {
    const value = typeof c === 'string' ? channelByName.get(c.toLowerCase()) : c;
    if (value === undefined) throw new MingaError(Status.EINVAL, `minga: unknown channel '${c}'`);
    return value;
  };
  return {
    counts: counts && new BigUint64Array(counts.map((c) => BigInt(c))),
    channels: channels && new Uint8Array(channels.map(channel)),
    districts: districts && districts.map((d) => (d === undefined ? null : d)),
  };
}

// An exact number as [numerator, denominator] BigInts: 3, 3n, "3", "-5/2", "2.50".
function exactFraction(value) {
  if (typeof value === 'bigint') return [value, 1n];
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new MingaError(Status.EINVAL, `minga: ${value} is not an exact integer; give points as a string ("2.5", "5/2")`);
    }
    return [BigInt(value), 1n];
  }
  const text = String(value).trim();
  let match = /^(-?[0-9]+)\/([0-9]+)$/.exec(text);
  if (match) return [BigInt(match[1]), BigInt(match[2])];
  match = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (match) {
    const decimals = match[3] || '';
    return [BigInt(match[1] + match[2] + decimals), 10n ** BigInt(decimals.length)];
  }
  throw new MingaError(Status.EINVAL, `minga: '${text}' is not an exact number`);
}

/** The method names Election#rankedCount accepts ("plurality", "irv", "wigm", "schulze", ...). */
function rankedMethods() {
  return jsonResult((out) => fn.minga_ranked_methods(out));
}

/**
 * An RCTab contest (its configuration JSON and the cast vote records it names) counted as RCTab
 * would: { summary: RCTab's summary JSON, summaryCsv: RCTab's summary CSV, result: minga's result
 * (as Election#rankedCount) }. Nothing is written to disk.
 */
function rctabTabulate(configPath) {
  const summary = [null];
  const csv = [null];
  const result = [null];
  check(fn.minga_rctab_tabulate(configPath, summary, csv, result));
  return { summary: parseExact(takeText(summary[0])), summaryCsv: takeText(csv[0]), result: parseExact(takeText(result[0])) };
}

// ---------------------------------------------------------------------------
// Quadratic voting on voter-identified rows, quadratic funding

function column(rows, key) {
  return rows.map((row, i) => {
    const v = row[key];
    if (v === undefined || v === null) throw new MingaError(Status.EINVAL, `minga: row ${i + 1}: '${key}' is missing`);
    return v;
  });
}

/** Tallies voter-identified rows [{ voter, option, votes }]; returns "minga.qv/1". */
function qvTallyRows(rows, spec) {
  const voters = column(rows, 'voter').map(String);
  const options = column(rows, 'option').map(String);
  const votes = new BigInt64Array(column(rows, 'votes').map((v) => BigInt(v)));
  const text = specText(spec);
  return jsonResult((out) => fn.minga_qv_tally_rows(rows.length, voters, options, votes, text, out));
}

/** Tallies a file of quadratic-voting rows (CSV or JSON); returns "minga.qv/1". */
function qvTallyFile(path, spec) {
  const text = specText(spec);
  return jsonResult((out) => fn.minga_qv_tally_file(path, text, out));
}

/** Matches contributions [{ donor, project, amount }] (amounts as integer strings, BigInts
 *  or safe integers in the smallest unit); returns "minga.qf/1". */
function qfMatch(contributions, spec) {
  const donors = column(contributions, 'donor').map(String);
  const projects = column(contributions, 'project').map(String);
  const amounts = column(contributions, 'amount').map(String);
  const text = specText(spec);
  return jsonResult((out) => fn.minga_qf_match(contributions.length, donors, projects, amounts, text, out));
}

/** Matches the contributions of a file (CSV/JSON) or fits a MACI tally; returns "minga.qf/1". */
function qfMatchFile(path, spec) {
  const text = specText(spec);
  return jsonResult((out) => fn.minga_qf_match_file(path, text, out));
}

// ---------------------------------------------------------------------------
// Verifiable elections: an election folder step by step, receipts, the record's verifier

// JSON text of a document given as text, a Buffer or an object.
function documentText(doc) {
  if (typeof doc === 'string') return doc;
  if (Buffer.isBuffer(doc)) return doc.toString('utf8');
  return specText(doc);
}

const verifiables = new FinalizationRegistry((pointer) => fn.minga_verifiable_free(pointer));

/** One verifiable election run from a folder (the folder of `minga election`). The folder
 *  stays locked until release() (or garbage collection). Steps: encrypt, then cast or
 *  challenge (or submit), close, tally, decrypt. */
class VerifiableElection {
  #pointer;

  constructor(pointer) {
    if (pointer === null || pointer === undefined) throw new TypeError('minga: use VerifiableElection.create/open');
    this.#pointer = pointer;
    verifiables.register(this, pointer, this);
  }

  static #adopt(call) {
    const out = [null];
    check(call(out));
    return new VerifiableElection(out[0]);
  }

  /** Makes a new election folder: a k-of-n key ceremony, the board key, election.json. */
  static create(folder, manifest, { guardians, quorum }) {
    const text = documentText(manifest);
    return VerifiableElection.#adopt((out) => fn.minga_verifiable_create(out, folder, text, guardians, quorum));
  }

  /** Opens an election folder made before (waits for another holder's lock). */
  static open(folder) {
    return VerifiableElection.#adopt((out) => fn.minga_verifiable_open(out, folder));
  }

  get #handle() {
    if (this.#pointer === null) throw new MingaError(Status.EINVAL, 'minga: this verifiable election was released');
    return this.#pointer;
  }

  /** Releases the handle and the folder's lock. Calling it again does nothing. */
  release() {
    if (this.#pointer === null) return;
    verifiables.unregister(this);
    fn.minga_verifiable_free(this.#pointer);
    this.#pointer = null;
  }

  /** { stage, cast, spoiled, election_hash, board_key }. */
  get status() {
    return jsonResult((out) => fn.minga_verifiable_status_json(this.#handle, out));
  }

  /** Encrypts { ballot_id, selections: { contest: { option: value } } } on a device; returns its codes. */
  encrypt(ballot, { device = 'device-1' } = {}) {
    const text = documentText(ballot);
    return jsonResult((out) => fn.minga_verifiable_encrypt(this.#handle, device, text, out));
  }

  /** Casts a pending ballot; returns the board's signed receipt ("minga.receipt/1"). */
  cast(ballotId) {
    return jsonResult((out) => fn.minga_verifiable_cast(this.#handle, ballotId, out));
  }

  /** Opens a pending ballot instead of casting it (spoiled, never counted). */
  challenge(ballotId) {
    return jsonResult((out) => fn.minga_verifiable_challenge(this.#handle, ballotId, out));
  }

  /** Checks a ballot encrypted elsewhere and casts it; returns the receipt. */
  submit(encryptedBallot) {
    const text = documentText(encryptedBallot);
    return jsonResult((out) => fn.minga_verifiable_submit(this.#handle, text, out));
  }

  /** No ballot is accepted any more. */
  close() {
    check(fn.minga_verifiable_close(this.#handle));
  }

  /** The homomorphic sums of the cast ballots ("minga.encrypted-tally/1"). */
  tally() {
    return jsonResult((out) => fn.minga_verifiable_tally(this.#handle, out));
  }

  /** Decrypts with at least k guardians (numbers 1..n); returns the record ("minga.record/1"). */
  decrypt(guardians) {
    const list = Uint32Array.from(guardians);
    return jsonResult((out) => fn.minga_verifiable_decrypt(this.#handle, list, list.length, out));
  }
}

/** The independent verifier of a record (text, Buffer or object): { schema, passed, checks }. */
function verifyRecord(record) {
  const bytes = Buffer.from(documentText(record), 'utf8');
  const passed = [0];
  return jsonResult((out) => fn.minga_record_verify(bytes, bytes.length, passed, out));
}

/** verifyRecord of a file. */
function verifyRecordFile(path) {
  return jsonResult((out) => fn.minga_record_verify_file(path, [0], out));
}

/** Verifies one partition of an election's ballots; returns { ballots, selections, passed, failures, sum }. */
function verifyBallots(election, ballots, { firstIndex = 0, threads = 0 } = {}) {
  const context = Buffer.from(documentText(election), 'utf8');
  const lines = Buffer.from(ballots.map(documentText).join('\n'), 'utf8');
  return jsonResult((out) =>
    fn.minga_ballots_verify(context, context.length, lines, lines.length, firstIndex, threads, out));
}

/** The sum of two encrypted tallies, option by option. */
function addTallies(a, b) {
  return jsonResult((out) => fn.minga_tallies_add(documentText(a), documentText(b), out));
}

/** A voter's offline check of a receipt against election.json; throws MingaError (EVERIFY) when it fails. */
function verifyReceipt(receipt, election) {
  const context = Buffer.from(documentText(election), 'utf8');
  return jsonResult((out) => fn.minga_receipt_verify(documentText(receipt), context, context.length, out));
}

/** The 10-character short code ("2M3D7-HPKWP") of a confirmation code (64 hex digits). */
function shortCode(confirmationCode) {
  const out = [null];
  check(fn.minga_short_code(confirmationCode, out));
  return takeText(out[0]);
}

/** Whether a short code as typed belongs to a confirmation code; a mistyped one throws (EPARSE). */
function shortCodeMatches(typed, confirmationCode) {
  const status = fn.minga_short_code_check(typed, confirmationCode);
  if (status === Status.EVERIFY) return false;
  check(status);
  return true;
}

init();

module.exports = {
  MingaError,
  Status,
  Channel,
  Mark,
  Election,
  version,
  init,
  statusName,
  channelName,
  lastError,
  clearError,
  rankedMethods,
  rctabTabulate,
  qvTallyRows,
  qvTallyFile,
  qfMatch,
  qfMatchFile,
  VerifiableElection,
  verifyRecord,
  verifyRecordFile,
  verifyBallots,
  addTallies,
  verifyReceipt,
  shortCode,
  shortCodeMatches,
  parseExact,
};
