// SPDX-License-Identifier: Apache-2.0
// types.ts - compiled (never run) by `npm run typecheck`: the declarations describe the
// API as the tests use it, and misuse fails to compile.
import * as minga from '../index';

const election: minga.Election = minga.Election.readFile('votes.pb', { format: 'pabulib' });
const ballots: bigint = election.numBallots;
const result: minga.BudgetResult = election.budget({ rule: 'mes', completion: 'add1' });
const first: string | undefined = result.selected[0];
election.addApprovals([['1', 2]], { counts: [1n], channels: ['paper'], districts: [null] });
election.addRankings([['A', [], ['B', 'C'], minga.Mark.OVERVOTE]]);
election.addScores([{ a: '5/2' }, [[0, 3n]]]);
const ranked: minga.RankedResult = election.rankedCount({ method: 'stv', seats: 2 });
const roundOne: string | undefined = ranked.rounds[0]?.tally['A'];
const methods: string[] = minga.rankedMethods();
const qv: minga.QvResult = minga.qvTallyRows([{ voter: 'v', option: 'o', votes: 2 }], { credits: '9' });
const qf: minga.QfResult = minga.qfMatch([{ donor: 'd', project: 'p', amount: 10n }], '{"pool": "100"}');
try {
  election.close();
} catch (err) {
  if (err instanceof minga.MingaError) throw new Error(`${err.code} ${err.status} ${err.message}`);
}
// @ts-expect-error: the kind is checked
minga.Election.create('plurality', 2);
// @ts-expect-error: exact counts are BigInt, not number
const wrong: number = election.numBallots;
// @ts-expect-error: budget results are typed
const nope: number = result.total_cost;
// @ts-expect-error: ranked tallies are exact strings
const inexact: number = ranked.rounds[0].tally['A'];
export const used = [ballots, first, qv.totals, qf.matches, wrong, nope, roundOne, methods, inexact];
