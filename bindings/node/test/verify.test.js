// SPDX-License-Identifier: Apache-2.0
// verify.test.js - verifiable elections from Node.js: an election folder step by step, the receipt
// checked offline and forged, short codes as voters type them, the record verified and tampered with,
// partitions verified apart whose sums add up to the tally. Run: node --test test/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const minga = require('..');
const { MingaError, Status, VerifiableElection } = minga;
const { testData } = require('./helpers');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'minga-node-verify-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const manifest = {
  schema: 'minga.manifest/1',
  election_id: 'barrio-2026',
  title: 'Presupuesto del barrio',
  contests: [
    { id: 'obra', title: 'Obra', kind: 'approval', option_range: 1, selection_limit: 2,
      options: [{ id: 'plaza', label: 'Plaza' }, { id: 'luz', label: 'Luz' }, { id: 'agua', label: 'Agua' }] },
  ],
};

function throwsMinga(fn, status, fragment) {
  assert.throws(fn, (err) => err instanceof MingaError && err.code === status && err.message.includes(fragment));
}

test('a verifiable election runs step by step from a folder; its record verifies and a changed one does not', () => {
  const folder = path.join(scratch, 'election');
  const e = VerifiableElection.create(folder, manifest, { guardians: 3, quorum: 2 });
  const votes = [['v1', ['plaza', 'luz']], ['v2', ['luz']], ['v3', ['agua']], ['v4', ['luz', 'agua']]];
  const receipts = {};
  let spoiledCodes;
  for (const [id, chosen] of votes) {
    const selections = { obra: Object.fromEntries(chosen.map((o) => [o, 1])) };
    const codes = e.encrypt({ ballot_id: id, selections }, { device: 'kiosk-7' });
    assert.match(codes.confirmation_code, /^[0-9a-f]{64}$/);
    assert.equal(codes.short_code, minga.shortCode(codes.confirmation_code));
    if (id === 'v3') spoiledCodes = e.challenge(id);
    else receipts[id] = e.cast(id);
  }
  assert.deepEqual(spoiledCodes.selections, [[0, 0, 1]]);
  throwsMinga(() => e.encrypt({ ballot_id: 'v5', selections: { obra: { plaza: 1, luz: 1, agua: 1 } } }),
    Status.EINVAL, 'v5');
  assert.deepEqual(e.status.cast, 3);
  e.release();

  // The voter's offline check against the published election.json; a forged receipt fails.
  const election = fs.readFileSync(path.join(folder, 'election.json'), 'utf8');
  const checked = minga.verifyReceipt(receipts.v2, election);
  assert.equal(checked.tree_size, 2);
  assert.equal(checked.leaf_index, 1);
  const forged = { ...receipts.v2, leaf_index: 0 };
  throwsMinga(() => minga.verifyReceipt(forged, election), Status.EVERIFY, 'receipt');

  // Short codes as typed: lower case and no dash match; another ballot's code does not; a typo throws.
  const code = receipts.v2.confirmation_code;
  const typed = checked.short_code.toLowerCase().replace('-', '');
  assert.equal(minga.shortCodeMatches(typed, code), true);
  assert.equal(minga.shortCodeMatches(checked.short_code, receipts.v1.confirmation_code), false);
  const typo = (checked.short_code[0] === '7' ? '8' : '7') + checked.short_code.slice(1);
  throwsMinga(() => minga.shortCodeMatches(typo, code), Status.EPARSE, 'check');

  const again = VerifiableElection.open(folder);
  again.close();
  throwsMinga(() => again.cast('v9'), Status.EINVAL, 'closed');
  again.tally();
  const record = again.decrypt([2, 3]);
  again.release();
  const totals = record.tally.contests[0].options.map((o) => Number(o.total));
  assert.deepEqual(totals, [1, 3, 1]); // v1 plaza+luz, v2 luz, v4 luz+agua; v3 was spoiled

  const report = minga.verifyRecord(record);
  assert.equal(report.passed, true);
  assert.equal(minga.verifyRecordFile(path.join(folder, 'record.json')).passed, true);
  record.tally.contests[0].options[1].total = 4;
  const rejected = minga.verifyRecord(record);
  assert.equal(rejected.passed, false);
  assert.deepEqual(rejected.checks.filter((c) => !c.passed).map((c) => c.check), ['decryption']);

  // Two partitions verified apart add up to the tally.
  const lines = fs.readFileSync(path.join(folder, 'ballots.jsonl'), 'utf8').trim().split('\n');
  const a = minga.verifyBallots(election, lines.slice(0, 2), { threads: 1 });
  const b = minga.verifyBallots(election, lines.slice(2), { firstIndex: 2, threads: 1 });
  assert.equal(a.passed && b.passed, true);
  const sum = minga.addTallies(a.sum, b.sum);
  assert.deepEqual(sum, JSON.parse(fs.readFileSync(path.join(folder, 'tally.json'), 'utf8')));
});

test('the record test vector verifies from Node.js', () => {
  assert.equal(minga.verifyRecordFile(path.join(testData, 'verify_record_vector.json')).passed, true);
  throwsMinga(() => minga.verifyRecord('{"schema": "minga.record/1"}'), Status.EPARSE, 'parameters');
});
