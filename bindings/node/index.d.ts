// SPDX-License-Identifier: Apache-2.0
// index.d.ts - TypeScript declarations of the `minga` package (lib/index.js).
// Exact amounts are strings ("1500.50", "500/3"); integers that may pass 2^53 are BigInt.

/** A JSON integer from minga: a number when it is a safe integer, a BigInt beyond. */
export type JsonInteger = number | bigint;
/** An exact amount given to minga: an integer, a BigInt, or a decimal or fraction string. */
export type Exact = number | bigint | string;
/** A spec: an object (BigInts are sent as exact digits) or JSON text. */
export type Spec = Record<string, unknown> | string;
/** An alternative given by its index (0..n-1) or its id. */
export type Alternative = number | string;
export type BallotKind = 'approval' | 'ranked' | 'score' | 'quadratic';
export type ChannelName = 'unspecified' | 'online' | 'kiosk' | 'paper' | 'sms' | 'other';

export declare const Status: Readonly<{
  OK: 0; EINVAL: -1; EPARSE: -2; EIO: -3; EUNSUPPORTED: -4; EMISMATCH: -5;
  ENOMEM: -6; ELIMIT: -7; EINTERNAL: -8; ETIE: -9; EVERIFY: -10;
}>;
export declare const Channel: Readonly<{
  UNSPECIFIED: 0; ONLINE: 1; KIOSK: 2; PAPER: 3; SMS: 4; OTHER: 5;
}>;
export declare const Mark: Readonly<{ OVERVOTE: number; WRITE_IN: number }>;

/** Thrown by every failing call. */
export declare class MingaError extends Error {
  readonly name: 'MingaError';
  /** The minga status code (negative, see Status). */
  readonly code: number;
  /** Its stable name: "invalid_argument", "parse", "io", "unsupported", "mismatch",
   *  "out_of_memory", "limit", "internal", "tie", "verification". */
  readonly status: string;
}

export interface Version {
  string: string; number: number; major: number; minor: number; patch: number; abi: number;
  /** The path of the loaded libminga. */
  library: string;
}

export interface BallotOptions {
  /** identical ballots per entry (a weight) */
  counts?: ReadonlyArray<number | bigint> | null;
  channels?: ReadonlyArray<number | ChannelName> | null;
  districts?: ReadonlyArray<string | null> | null;
}

/** "minga.summary/1" */
export interface ElectionInfo {
  schema: 'minga.summary/1';
  kind: BallotKind;
  title: string;
  source_format: string;
  alternatives: JsonInteger;
  withdrawn: JsonInteger;
  ballots: JsonInteger;
  distinct_ballots: JsonInteger;
  budget: string | null;
  total_cost: string | null;
  seats: JsonInteger | null;
  rules: Record<string, unknown>;
  ballots_per_channel: Record<string, JsonInteger>;
  ballots_per_district: Array<{ district: string; ballots: JsonInteger }>;
  rule_violations: unknown[];
  notes: unknown[];
  [key: string]: unknown;
}

/** One decision of a ranked round: exactly one of elected, excluded, surplus_of is set. */
export interface RankedAction {
  elected?: string;
  excluded?: string;
  surplus_of?: string;
  /** candidate -> votes moved to them (exact) */
  transfers: Record<string, string>;
  /** ballots that stopped counting, by reason */
  exhausted: Record<string, string>;
  residual?: string;
  tie?: RankedTie;
}
export interface RankedTie { tied: string[]; chosen: string; for: 'exclusion' | 'election'; how: string }
export interface RankedRound {
  round: number;
  /** each continuing candidate's votes at the start of the round (exact) */
  tally: Record<string, string>;
  active: string;
  threshold?: string;
  /** ballots no longer counting, by reason: overvote, skipped_ranks, repeated_candidate, no_continuing_choice */
  inactive: Record<string, string>;
  final_surplus?: string;
  actions: RankedAction[];
}
/** "minga.result/1" */
export interface RankedResult {
  schema: 'minga.result/1';
  method: string;
  candidates: string[];
  seats: number;
  /** names, in the order elected */
  winners: string[];
  complete: boolean;
  ballots: JsonInteger;
  blank_ballots: JsonInteger;
  rounds: RankedRound[];
  score_name?: string;
  scores?: Record<string, string>;
  ties: RankedTie[];
  notes: string[];
  [key: string]: unknown;
}

/** "minga.budget.result/1" */
export interface BudgetResult {
  schema: 'minga.budget.result/1';
  rule: string;
  budget: string;
  /** project ids in the order funded */
  selected: string[];
  total_cost: string;
  left_over: string;
  endowment?: string;
  steps: Array<{ project: string; phase: string; cost: string; [key: string]: unknown }>;
  unfunded: Array<{ project: string; cost: string; reason: string }>;
  excluded: Array<{ project: string; reason?: string; [key: string]: unknown }>;
  notes: unknown[];
  [key: string]: unknown;
}

/** "minga.qv/1" */
export interface QvResult {
  schema: 'minga.qv/1';
  /** option id -> net votes (exact, as a string) */
  totals: Record<string, string>;
  options: Array<Record<string, unknown>>;
  spending: Record<string, unknown>;
  strata: unknown[];
  rejected: Array<{ voter?: string; file?: string; line?: JsonInteger; rule: string; reason: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** "minga.qf/1" */
export interface QfResult {
  schema: 'minga.qf/1';
  /** project -> exact match in the smallest unit */
  matches: Record<string, string>;
  projects: Array<{ project: string; contributions: string; match: string; funding: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

export declare class Election {
  private constructor();
  /** A new empty election; alternatives are ids, or a count (ids "1".."n"). */
  static create(kind: BallotKind, alternatives: ReadonlyArray<string> | number): Election;
  /** pabulib, PrefLib, BLT, CSV, minga JSON or binary; format from the extension unless given. */
  static readFile(path: string, options?: { format?: string | null }): Election;
  static fromJSON(document: string | Record<string, unknown>): Election;
  static fromBinary(bytes: Uint8Array): Election;
  /** Elections created and not yet freed. */
  static readonly openCount: number;

  /** Frees the election now (idempotent). */
  close(): void;
  [Symbol.dispose](): void;
  readonly closed: boolean;
  readonly kind: BallotKind;
  readonly numAlternatives: number;
  readonly numBallots: bigint;
  readonly numDistinct: number;
  readonly alternativeIds: string[];
  alternativeId(index: number): string;
  info(): ElectionInfo;
  toJSONText(): string;
  toObject(): Record<string, unknown>;
  /** a Node Buffer */
  toBinary(): Uint8Array;
  writeFile(path: string, options?: { format?: string | null }): void;
  merge(other: Election): this;

  addApprovals(ballots: ReadonlyArray<ReadonlyArray<Alternative>>, options?: BallotOptions): this;
  /** a rank: an alternative, several (a tie or overvote; [] = skipped), or a Mark */
  addRankings(ballots: ReadonlyArray<ReadonlyArray<Alternative | ReadonlyArray<Alternative>>>, options?: BallotOptions): this;
  addScores(ballots: ReadonlyArray<Record<string, Exact> | ReadonlyArray<readonly [Alternative, Exact]>>, options?: BallotOptions): this;
  addQuadratic(ballots: ReadonlyArray<Record<string, number | bigint> | ReadonlyArray<readonly [Alternative, number | bigint]>>, options?: BallotOptions): this;

  /** A ranked count; see minga.h for the spec ({ method: 'stv', seats: 3 }); default IRV. */
  rankedCount(spec?: Spec | null): RankedResult;
  /** A participatory budget; see minga.h for the spec ({ rule: 'mes', completion: 'add1' }). */
  budget(spec?: Spec | null): BudgetResult;
  qvTally(spec?: Spec | null): QvResult;
}

export declare function version(): Version;
/** Idempotent; true the first time (the module calls it on load). */
export declare function init(): boolean;
export declare function statusName(code: number): string;
export declare function channelName(channel: number): string;
export declare function lastError(): { code: number; status: string; message: string };
export declare function clearError(): void;
/** The method names Election#rankedCount accepts. */
export declare function rankedMethods(): string[];
/** An RCTab contest counted as RCTab would: RCTab's summary JSON and CSV, and minga's result. Writes nothing. */
export declare function rctabTabulate(configPath: string): { summary: Record<string, unknown>; summaryCsv: string; result: RankedResult };
export declare function qvTallyRows(rows: ReadonlyArray<{ voter: string; option: string; votes: number | bigint }>, spec: Spec): QvResult;
export declare function qvTallyFile(path: string, spec: Spec): QvResult;
export declare function qfMatch(contributions: ReadonlyArray<{ donor: string; project: string; amount: Exact }>, spec: Spec): QfResult;
export declare function qfMatchFile(path: string, spec: Spec): QfResult;
/** A JSON document given as text, a Buffer or an object. */
export type Document = string | Uint8Array | object;
/** The verifier's report ("minga.verification/1"). */
export interface VerificationReport {
  schema: 'minga.verification/1';
  passed: boolean;
  checks: Array<{ check: string; passed: boolean; reason: string }>;
}
/** One verifiable election run from a folder (the folder of `minga election`). */
export declare class VerifiableElection {
  private constructor();
  static create(folder: string, manifest: Document, options: { guardians: number; quorum: number }): VerifiableElection;
  static open(folder: string): VerifiableElection;
  /** Releases the handle and the folder's lock. */
  release(): void;
  readonly status: { stage: 'open' | 'closed' | 'tallied' | 'decrypted'; cast: number; spoiled: number; election_hash: string; board_key: string };
  encrypt(ballot: { ballot_id: string; selections: Record<string, Record<string, number>> } | string, options?: { device?: string }): { ballot_id: string; device_id: string; confirmation_code: string; short_code: string };
  cast(ballotId: string): Record<string, unknown>;
  challenge(ballotId: string): Record<string, unknown>;
  submit(encryptedBallot: Document): Record<string, unknown>;
  close(): void;
  tally(): Record<string, unknown>;
  decrypt(guardians: ReadonlyArray<number>): Record<string, unknown>;
}
export declare function verifyRecord(record: Document): VerificationReport;
export declare function verifyRecordFile(path: string): VerificationReport;
export declare function verifyBallots(election: Document, ballots: ReadonlyArray<Document>, options?: { firstIndex?: number; threads?: number }): { ballots: number; selections: number; passed: boolean; failures: string[]; sum: Record<string, unknown> };
export declare function addTallies(a: Document, b: Document): Record<string, unknown>;
export declare function verifyReceipt(receipt: Document, election: Document): { origin: string; tree_size: number; leaf_index: number; short_code: string };
export declare function shortCode(confirmationCode: string): string;
export declare function shortCodeMatches(typed: string, confirmationCode: string): boolean;
/** JSON.parse that keeps integers beyond 2^53 exact (as BigInt). */
export declare function parseExact(text: string): unknown;
