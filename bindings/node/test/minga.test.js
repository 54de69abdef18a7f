// SPDX-License-Identifier: Apache-2.0
// minga.test.js - the Node.js binding against libminga: files in every format, budgets
// (hand-checked outcomes and official outcomes of real elections), quadratic voting and
// funding, the error model and handle ownership. Run: node --test test/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

const minga = require('..');
const { Election, MingaError, Status } = minga;
const { testData, sharedFile, officiallySelected, withElection, throwsMinga } = require('./helpers');

const tinyApproval = path.join(testData, 'tiny_approval.pb');
const tinyRanked = path.join(testData, 'tiny_ranked.soi');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'minga-node-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('version, status codes and constants come from the library', () => {
  const v = minga.version();
  assert.match(v.string, /^\d+\.\d+\.\d+$/);
  assert.equal(v.number, v.major * 10000 + v.minor * 100 + v.patch);
  assert.equal(minga.init(), false); // already initialised on load
  // the pinned values of minga.h
  assert.deepEqual(Object.values(Status), [0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10]);
  assert.equal(minga.statusName(Status.ETIE), 'tie');
  assert.equal(minga.statusName(Status.EVERIFY), 'verification');
  assert.equal(minga.statusName(12345), 'unknown');
  assert.equal(minga.channelName(minga.Channel.PAPER), 'paper');
  assert.equal(minga.Mark.OVERVOTE, 0xffffffff);
  assert.equal(minga.Mark.WRITE_IN, 0xfffffffe);
});

test('reads pabulib and PrefLib files and round-trips every writable format', () => {
  withElection(Election.readFile(tinyApproval), (e) => {
    // the file's header: 4 projects, 6 voters, 5 distinct ballots
    assert.equal(e.kind, 'approval');
    assert.deepEqual(e.alternativeIds, ['1', '2', '3', '4']);
    assert.equal(e.numBallots, 6n);
    assert.equal(e.numDistinct, 5);
    const info = e.info();
    assert.equal(info.schema, 'minga.summary/1');
    assert.equal(info.budget, '1000');
    assert.equal(info.ballots_per_channel.paper, 2); // v5 and v6 voted on paper
    for (const [file, format] of [['a.pb', 'pabulib'], ['a.json', 'json'], ['a.mingab', 'binary']]) {
      const target = path.join(scratch, file);
      e.writeFile(target);
      withElection(Election.readFile(target, { format }), (back) => {
        assert.equal(back.numBallots, 6n, file);
        assert.deepEqual(back.alternativeIds, e.alternativeIds, file);
        assert.deepEqual(back.budget({ rule: 'greedy' }).selected, ['1', '2', '4'], file);
      });
    }
    throwsMinga(() => e.writeFile(path.join(scratch, 'a.blt')), Status.EUNSUPPORTED);
  });

  withElection(Election.readFile(tinyRanked), (e) => {
    // 9 voters, 4 distinct orders over Alice, Bob, Carol
    assert.equal(e.kind, 'ranked');
    assert.equal(e.numAlternatives, 3);
    assert.equal(e.numBallots, 9n);
    assert.equal(e.numDistinct, 4);
    for (const [file, format] of [['r.soi', 'preflib'], ['r.blt', 'blt'], ['r.csv', 'csv'], ['r.json', 'json'], ['r.mingab', null]]) {
      const target = path.join(scratch, file);
      e.writeFile(target, { format });
      withElection(Election.readFile(target), (back) => {
        assert.equal(back.kind, 'ranked', file);
        assert.equal(back.numBallots, 9n, file);
        assert.equal(back.numDistinct, 4, file);
      });
    }
  });
});

test('JSON and binary forms in memory', () => {
  withElection(Election.readFile(tinyApproval), (e) => {
    const text = e.toJSONText();
    assert.equal(JSON.parse(text).schema, 'minga.election/1');
    withElection(Election.fromJSON(text), (back) => assert.equal(back.numBallots, 6n));
    withElection(Election.fromJSON(e.toObject()), (back) => assert.equal(back.numDistinct, 5));
    const bytes = e.toBinary();
    assert.ok(Buffer.isBuffer(bytes) && bytes.length > 0);
    withElection(Election.fromBinary(bytes), (back) => assert.deepEqual(back.alternativeIds, ['1', '2', '3', '4']));
    const corrupt = Buffer.from(bytes);
    corrupt[corrupt.length - 1] ^= 0xff;
    throwsMinga(() => Election.fromBinary(corrupt), Status.EPARSE);
  });
  throwsMinga(() => Election.fromJSON('{"schema": "minga.election/1",\n "kind": }'), Status.EPARSE, '<json>:2');
  throwsMinga(() => Election.fromJSON({ schema: 'minga.election/1', kind: 'approval', alternatives: 7 }),
    Status.EPARSE, 'alternatives');
});

test('ballots added in bulk, with counts, channels and districts; big counts stay exact', () => {
  withElection(Election.create('approval', ['a', 'b', 'c']), (e) => {
    e.addApprovals([['a', 'b'], [2], []], { counts: [3, 1n, 2], channels: ['paper', minga.Channel.SMS, 'online'],
      districts: ['north', null, 'south'] });
    assert.equal(e.numBallots, 6n);
    const info = e.info();
    assert.equal(info.ballots_per_channel.paper, 3);
    assert.equal(info.ballots_per_channel.sms, 1);
    // 2^63 + 5 ballots: beyond Number's exact range, so the summary must give a BigInt
    e.addApprovals([['c']], { counts: [2n ** 63n - 1n] });
    assert.equal(e.numBallots, 2n ** 63n + 5n);
    assert.equal(e.info().ballots, 2n ** 63n + 5n);
    // all or nothing: ballot 1 names index 7
    throwsMinga(() => e.addApprovals([[0], [7]]), Status.EINVAL, 'ballot 1');
    assert.equal(e.numBallots, 2n ** 63n + 5n);
    throwsMinga(() => e.addApprovals([['zz']]), Status.EINVAL, "'zz'");
    throwsMinga(() => e.addRankings([[0]]), Status.EINVAL); // not a ranked election
  });

  withElection(Election.create('ranked', ['A', 'B', 'C']), (e) => {
    // "A > B" x3 and "C, skipped rank, A=B" x1 (the example of minga.h)
    e.addRankings([['A', 'B'], ['C', [], ['A', 'B']]], { counts: [3, 1] });
    e.addRankings([[minga.Mark.OVERVOTE, 'B']]);
    assert.equal(e.numBallots, 5n);
    assert.equal(e.numDistinct, 3);
  });

  withElection(Election.create('score', 2), (e) => {
    e.addScores([{ 1: '2.5', 2: 3 }, [[1, '5/2']]]);
    assert.equal(e.numBallots, 2n);
    assert.equal(e.numDistinct, 2);
    throwsMinga(() => e.addScores([{ 1: 0.1 }]), Status.EINVAL, 'exact');
    throwsMinga(() => e.addScores([{ 1: '1/0' }]), Status.EINVAL);
  });

  const a = Election.create('quadratic', ['x', 'y']);
  const b = Election.create('quadratic', ['y', 'x']);
  try {
    a.addQuadratic([{ x: 2, y: -1 }]);
    b.addQuadratic([[['x', 1]]], { counts: [4] });
    a.merge(b);
    assert.equal(a.numBallots, 5n);
    withElection(Election.create('approval', ['x', 'y']), (c) => throwsMinga(() => a.merge(c), Status.EMISMATCH));
  } finally {
    a.close();
    b.close();
  }
});

// tests/data/tiny_approval.pb worked by hand (tests/capi/test_capi.c explains each step):
// greedy by votes funds 1, 2, 4 (900 of 1000); MES without completion funds 1, then 4,
// each voter starting with 1000/6 = 500/3.
test('participatory budget: greedy and MES on the tiny election', () => {
  withElection(Election.readFile(tinyApproval), (e) => {
    const greedy = e.budget({ rule: 'greedy' });
    assert.equal(greedy.schema, 'minga.budget.result/1');
    assert.deepEqual(greedy.selected, ['1', '2', '4']);
    assert.equal(greedy.total_cost, '900');
    assert.equal(greedy.left_over, '100');
    assert.deepEqual(e.budget().selected, ['1', '2', '4']); // the file's META rule is greedy
    assert.deepEqual(e.budget({ rule: 'greedy', budget: 700n }).selected, ['1', '4']);
    assert.deepEqual(e.budget('{"rule": "greedy-no-skip", "budget": 700}').selected, ['1']);

    const mes = e.budget({ rule: 'mes', completion: 'none' });
    assert.deepEqual(mes.selected, ['1', '4']);
    assert.equal(mes.endowment, '500/3');
    assert.deepEqual(mes.unfunded.map((u) => u.project).sort(), ['2', '3']);

    throwsMinga(() => e.budget({ rule: 'greedy', tie_brake: 'by_id' }), Status.EINVAL, 'tie_brake');
    throwsMinga(() => e.budget({ rule: 'lottery' }), Status.EINVAL, 'lottery');
    throwsMinga(() => e.budget('{"rule": '), Status.EPARSE);
    throwsMinga(() => e.budget({ rule: 'greedy', tie_break: 'refuse' }), Status.ETIE, 'refuse');
  });
});

// The official rule of real elections reproduces the file's `selected` column (the
// published outcome): the three Method of Equal Shares elections and a greedy one.
for (const file of ['Netherlands_Assen_2024.pb', 'Poland_Swiecie_2023.pb', 'Poland_Wieliczka_2023_Green_Budget.pb',
  'Poland_Czestochowa_2024_Stare_Miasto.pb']) {
  test(`official rule reproduces ${file}`, (t) => {
    const pb = sharedFile(path.join('pabulib', file));
    if (pb === null) return t.skip('shared data absent');
    withElection(Election.readFile(pb), (e) => {
      const result = e.budget();
      assert.deepEqual([...result.selected].sort(), officiallySelected(pb).sort());
    });
  });
}

test('quadratic voting: rows, files and elections', () => {
  const rows = [
    { voter: 'ana', option: 'parks', votes: 3 },
    { voter: 'ana', option: 'buses', votes: -1 },
    { voter: 'ben', option: 'parks', votes: 1 },
    { voter: 'ben', option: 'parks', votes: 1 },
    { voter: 'cid', option: 'parks', votes: 4 },
  ];
  // only ana counts: ben names parks twice, cid spends 16 credits of 10
  const qv = minga.qvTallyRows(rows, { credits: '10', allow_negative: true });
  assert.equal(qv.schema, 'minga.qv/1');
  assert.equal(qv.totals.parks, '3');
  const rules = qv.rejected.map((r) => r.rule).sort();
  assert.ok(rules.includes('duplicate') && rules.includes('out_of_range'), JSON.stringify(qv.rejected));
  throwsMinga(() => minga.qvTallyRows(rows, {}), Status.EINVAL, 'credit budget');
  throwsMinga(() => minga.qvTallyRows(rows, { credit: 3 }), Status.EINVAL, "'credit'");

  // 7 ballots cost 4 + 1 = 5 credits (accepted), 3 cost 4 + 4 = 8 (rejected): a = 7 x 2
  withElection(Election.fromJSON(fs.readFileSync(path.join(testData, 'qv_poll_profile.json'), 'utf8')), (e) => {
    const tally = e.qvTally();
    assert.equal(tally.totals.a, '14');
    assert.equal(tally.totals.b, '7');
  });

  const file = minga.qvTallyFile(path.join(testData, 'qv_poll.csv'), { credits: 10 });
  assert.equal(file.schema, 'minga.qv/1');
  throwsMinga(() => minga.qvTallyFile(path.join(scratch, 'missing.csv'), { credits: 10 }), Status.EIO, 'missing.csv');
});

test('quadratic funding: hand-computed matches', () => {
  const contributions = [
    { donor: 'a', project: 'x', amount: '100' },
    { donor: 'b', project: 'x', amount: 100 },
    { donor: 'a', project: 'y', amount: 400n },
    { donor: 'c', project: 'y', amount: '25' },
  ];
  // raw matches: x = 2*10*10 = 200, y = 2*20*5 = 200; a pool of 100 scales both to 50
  const qf = minga.qfMatch(contributions, { pool: '100' });
  assert.equal(qf.schema, 'minga.qf/1');
  assert.deepEqual(qf.matches, { x: '50', y: '50' });
  // a cap of a tenth of a pool of 1000 limits x to 100
  assert.equal(minga.qfMatch(contributions, { pool: 1000n, cap: '1/10' }).matches.x, '100');
  throwsMinga(() => minga.qfMatch(contributions, {}), Status.EINVAL);
  throwsMinga(() => minga.qfMatch([{ donor: 'a', project: 'x', amount: '1.5' }], { pool: 1 }), Status.EINVAL, 'contribution 0');
  throwsMinga(() => minga.qfMatch([{ donor: 'a', project: 'x', amount: '1' + '0'.repeat(40) }], { pool: 1 }), Status.ELIMIT);
  const round = minga.qfMatchFile(path.join(testData, 'qf_round.csv'), { pool: '1000' });
  assert.deepEqual(Object.keys(round.matches).sort(), ['x', 'y']);
});

test('quadratic funding: a real clr.fund round (shared data)', (t) => {
  const tally = sharedFile('qf/clrfund_round_tally/testTallySmall.json');
  if (tally === null) return t.skip('shared data absent');
  // pool: budget 440274e18 minus contributions 6457377088 x 1e13 (shared/data/qf/README.md)
  const qf = minga.qfMatchFile(tally, { pool: '375700229120000000000000', fit: 'alpha',
    voice_credit_factor: '10000000000000' });
  assert.equal(qf.alpha, '4583670112189981');
  assert.ok(qf.projects.some((p) => p.funding === '54120339620072771393409'));
});

test('errors name the file, the line and the field', () => {
  const bad = path.join(testData, 'bad', 'unknown_project.pb');
  const err = throwsMinga(() => Election.readFile(bad), Status.EPARSE, 'unknown_project.pb:22', "'9'");
  assert.equal(err.name, 'MingaError');
  assert.deepEqual(minga.lastError(), { code: Status.EPARSE, status: 'parse', message: err.message });
  minga.clearError();
  assert.equal(minga.lastError().code, Status.OK);
  throwsMinga(() => Election.readFile(path.join(scratch, 'nope.pb')), Status.EIO, 'nope.pb');
  throwsMinga(() => Election.readFile(tinyApproval, { format: 'xml' }), Status.EINVAL, 'xml');
  throwsMinga(() => Election.create('plurality', 2), Status.EINVAL, 'plurality');
});

test('handles: close() frees at once, use after close fails, the registry frees forgotten ones', async () => {
  const before = Election.openCount;
  assert.equal(before, 0); // the tests above closed everything they opened
  const e = Election.readFile(tinyApproval);
  assert.equal(Election.openCount, before + 1);
  e.close();
  e.close(); // idempotent
  assert.equal(Election.openCount, before);
  assert.ok(e.closed);
  throwsMinga(() => e.numBallots, Status.EINVAL, 'closed');
  if (typeof Symbol.dispose === 'symbol') {
    const scoped = Election.create('approval', 2); // what `using scoped = ...` does at block end
    scoped[Symbol.dispose]();
    assert.ok(scoped.closed);
  }
  assert.equal(Election.openCount, before);

  // forgotten elections are freed by the FinalizationRegistry once collected
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  (() => {
    for (let i = 0; i < 200; ++i) Election.readFile(tinyApproval);
  })();
  assert.equal(Election.openCount, before + 200);
  for (let round = 0; round < 50 && Election.openCount > before; ++round) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(Election.openCount, before);
});

test('every handle of this file was freed', () => {
  assert.equal(Election.openCount, 0);
});

test('every function of include/minga.h is declared, and index.d.ts declares every export', () => {
  const header = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'include', 'minga.h'), 'utf8');
  const inHeader = [...header.matchAll(/MINGA_EXPORT[^;]*?\b(minga_\w+)\s*\(/g)].map((m) => m[1]).sort();
  const { prototypes } = require('../lib/native');
  const declared = prototypes.map((p) => /(minga_\w+)\(/.exec(p)[1]).sort();
  assert.deepEqual(declared, inHeader);
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');
  const typed = [...dts.matchAll(/^export declare (?:const|class|function) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(typed, Object.keys(minga).sort());
});

// examples/node/budget_api.js with the made-up municipality of examples/ruby/rails_budget.rb
// (budget 100000; projects 1: 60000, 2: 30000, 3: 25000, 4: 10000; ballots {1,2} x5, {3,4} x3,
// {1} x2, {3} x2 on paper). Worked by hand in bindings/ruby/test/test_rails_example.rb:
// greedy funds 1, 3, 4 (95000); MES without completion funds 3, 2, 4 (65000).
test('examples/node/budget_api.js answers over HTTP', async () => {
  const { createServer } = require('../../../examples/node/budget_api.js');
  const server = createServer().listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const post = (body) => new Promise((resolve, reject) => {
    const req = require('node:http').request({ port: server.address().port, path: '/budget', method: 'POST' }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  try {
    const town = {
      budget: 100000,
      projects: [{ id: 1, cost: 60000 }, { id: 2, cost: 30000 }, { id: 3, cost: 25000 }, { id: 4, cost: 10000 }],
      ballots: [{ approve: [1, 2], count: 5 }, { approve: [3, 4], count: 3 }, { approve: [1], count: 2 },
        { approve: [3], count: 2, channel: 'paper' }],
    };
    const greedy = await post({ ...town, rule: { rule: 'greedy' } });
    assert.equal(greedy.status, 200);
    assert.deepEqual(greedy.body.selected, ['1', '3', '4']);
    assert.equal(greedy.body.total_cost, '95000');
    const mes = await post({ ...town, rule: { rule: 'mes', completion: 'none' } });
    assert.deepEqual(mes.body.selected, ['3', '2', '4']);
    const bad = await post({ ...town, ballots: [{ approve: [9] }] });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /ballots\[0\]/);
    assert.equal((await post('{not json')).status, 400);
  } finally {
    server.close();
  }
});
