// SPDX-License-Identifier: Apache-2.0
// ranked.test.js - ranked counts from Node.js (Election#rankedCount, rankedMethods) over
// minga_ranked_count: an IRV and a two-seat STV count worked out by hand, ties, bad specs.
// Run: node --test test/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const minga = require('..');
const { Election, Status } = minga;
const { testData, sharedFile, withElection, throwsMinga } = require('./helpers');

// 8 Ana>Ben, 6 Ben>Cid, 5 Cid>Ben, 3 Dee>Cid>Ana, 1 Dee, 2 with Ana and Ben both at rank 1 (an overvote).
function irvElection() {
  return Election.create('ranked', ['Ana', 'Ben', 'Cid', 'Dee']).addRankings(
    [['Ana', 'Ben'], ['Ben', 'Cid'], ['Cid', 'Ben'], ['Dee', 'Cid', 'Ana'], ['Dee'], [['Ana', 'Ben']]],
    { counts: [8, 6, 5, 3, 1, 2] });
}

test('IRV worked by hand: Cid wins in round 3 on Dee\'s and Ben\'s transfers', () => {
  withElection(irvElection(), (e) => {
    const r = e.rankedCount({ method: 'irv' });
    assert.equal(r.schema, 'minga.result/1');
    assert.deepEqual(r.winners, ['Cid']);
    assert.equal(r.complete, true);
    assert.equal(r.ballots, 25);
    // Round 1: the overvoted 2 exhaust at once; 23 active, majority 12; Dee (4) is lowest.
    assert.deepEqual(r.rounds[0].tally, { Ana: '8', Ben: '6', Cid: '5', Dee: '4' });
    assert.equal(r.rounds[0].threshold, '12');
    assert.equal(r.rounds[0].inactive.overvote, '2');
    assert.deepEqual(r.rounds[0].actions[0].transfers, { Cid: '3' });
    assert.equal(r.rounds[0].actions[0].exhausted.no_continuing_choice, '1');
    // Round 2: Ana 8, Ben 6, Cid 8; Ben's 6 go on to Cid. Round 3: Cid 14 of 22.
    assert.deepEqual(r.rounds[1].tally, { Ana: '8', Ben: '6', Cid: '8' });
    assert.equal(r.rounds[1].actions[0].excluded, 'Ben');
    assert.deepEqual(r.rounds[2].tally, { Ana: '8', Cid: '14' });
    assert.equal(r.rounds.length, 3);
    // No spec at all is the same IRV count; the spec may also be JSON text.
    assert.deepEqual(e.rankedCount().winners, ['Cid']);
    assert.deepEqual(e.rankedCount('{"method": "plurality"}').winners, ['Ana']);
  });
});

test('two-seat STV worked by hand: A\'s surplus goes on at 0.3529 a ballot', () => {
  const e = Election.create('ranked', ['A', 'B', 'C', 'D'])
    .addRankings([['A', 'C'], ['B', 'C'], ['C'], ['D', 'B']], { counts: [17, 6, 3, 5] });
  withElection(e, () => {
    // Quota floor(31/3) + 1 = 11; surplus 6, fraction trunc4(6/17) = 0.3529, 17 x 0.3529 = 5.9993 to C.
    const r = e.rankedCount({ method: 'stv', seats: 2 });
    assert.equal(r.method, 'wigm');
    assert.deepEqual(r.winners, ['A', 'B']);
    assert.equal(r.rounds[0].threshold, '11');
    assert.deepEqual(r.rounds[0].actions[0].transfers, { C: '5.9993' });
    assert.equal(r.rounds[0].actions[0].residual, '0.0007');
    assert.deepEqual(r.rounds[1].tally, { A: '11', B: '6', C: '8.9993', D: '5' });
    assert.deepEqual(r.rounds[2].tally, { A: '11', B: '11', C: '8.9993' });
  });
});

test('a tie left to "stop" is Status.ETIE; a policy settles it', () => {
  const e = Election.create('ranked', ['A', 'B', 'C']).addRankings([['A'], ['B'], ['C']], { counts: [2, 1, 1] });
  withElection(e, () => {
    throwsMinga(() => e.rankedCount(), Status.ETIE, 'a tie between B, C (whom to exclude) in round 1');
    const r = e.rankedCount({ tie_break: 'candidate-order' });
    assert.equal(r.rounds[0].actions[0].excluded, 'C');
    assert.deepEqual(r.ties[0].tied, ['B', 'C']);
  });
});

test('bad specs name the key; the method list comes from the library', () => {
  withElection(irvElection(), (e) => {
    throwsMinga(() => e.rankedCount({ quorum: 'droop' }), Status.EINVAL, "<spec>: quorum: unknown key 'quorum'");
    throwsMinga(() => e.rankedCount({ method: 'wigm', quota: 'x' }), Status.EINVAL,
      '<spec>: quota: unknown quota "x" (accepted: droop, hagenbach-bischoff, hare, exact-droop)');
    throwsMinga(() => e.rankedCount({ seats: 1.5 }), Status.EINVAL, '<spec>: seats: must be a whole number');
    throwsMinga(() => e.rankedCount('{"method": '), Status.EPARSE, '<spec>: not valid JSON');
  });
  const approval = Election.create('approval', ['x', 'y']);
  withElection(approval, () => throwsMinga(() => approval.rankedCount(), Status.EINVAL, 'needs ranked ballots'));
  const methods = minga.rankedMethods();
  assert.ok(methods.includes('irv') && methods.includes('scottish-stv') && methods.includes('schulze'));
});

test('a PrefLib file counts: Alice wins the tiny ranked election in round 2', () => {
  withElection(Election.readFile(path.join(testData, 'tiny_ranked.soi')), (e) => {
    // Alice 4, Bob 3, Carol 2 of 9; Carol's 2 rank nobody else: round 2 is Alice 4 of 7 active, majority 4.
    const r = e.rankedCount({ method: 'irv' });
    assert.deepEqual(r.winners, ['Alice']);
    assert.deepEqual(r.rounds[1].tally, { Alice: '4', Bob: '3' });
    assert.equal(r.rounds[1].threshold, '4');
  });
});

test("an RCTab contest gives RCTab's own reports (RCTab's test set 1)", (t) => {
  const config = sharedFile('rctab/test_set_1_exhaust_at_overvote/test_set_1_exhaust_at_overvote_config.json');
  if (config === null) return t.skip('the shared data is absent');
  const expected = JSON.parse(
    require('node:fs').readFileSync(config.replace('_config.json', '_expected_detailed_report.json'), 'utf8'));
  const { summary, summaryCsv, result } = minga.rctabTabulate(config);
  assert.deepEqual(summary.results.map((r) => r.tally), expected.results.map((r) => r.tally));
  assert.deepEqual(result.winners, ['Candidate B Name']);
  assert.ok(summaryCsv.includes('Candidate B Name'));
  throwsMinga(() => minga.rctabTabulate(path.join(path.dirname(config), 'no_such_config.json')), Status.EIO,
    'no_such_config.json');
});
