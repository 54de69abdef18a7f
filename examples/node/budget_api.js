// SPDX-License-Identifier: Apache-2.0
// budget_api.js - a web back end in Node.js that computes participatory budgets with minga:
// POST /budget with the projects, the ballots and a rule; the answer is minga's result.
// Only node:http and the minga package (bindings/node); run it with
//
//   MINGA_LIBRARY=build/ci/src/libminga.so node examples/node/budget_api.js   # listens on $PORT or 8080
//   curl -s localhost:8080/budget -d '{"budget": "100000",
//     "projects": [{"id": "1", "name": "Plaza lighting", "cost": "60000"}, {"id": "4", "name": "Garden", "cost": "10000"}],
//     "ballots": [{"approve": ["1", "4"], "count": 5}, {"approve": ["4"], "channel": "paper"}],
//     "rule": {"rule": "mes", "completion": "add1"}}'
//
// Bad input answers 400 with minga's message (it names the JSON path of the problem).
'use strict';

const http = require('node:http');

let minga;
try {
  minga = require('minga');
} catch {
  minga = require('../../bindings/node'); // not installed from npm: the package of this repository
}

// The "minga.election/1" document (docs/formats.md) for an approval vote with costs.
function electionDocument({ budget, projects, ballots }) {
  const strata = [];
  const stratumOf = (ballot) => {
    const stratum = { channel: ballot.channel || 'online', ...(ballot.district ? { district: ballot.district } : {}) };
    let i = strata.findIndex((s) => s.channel === stratum.channel && s.district === stratum.district);
    if (i < 0) i = strata.push(stratum) - 1;
    return i;
  };
  return {
    schema: 'minga.election/1',
    kind: 'approval',
    budget: String(budget),
    alternatives: projects.map((p) => ({ id: String(p.id), name: p.name || '', cost: String(p.cost) })),
    strata,
    ballots: ballots.map((b) => ({ approve: b.approve.map(String), count: b.count ?? 1, stratum: stratumOf(b) })),
  };
}

// Decides one budget request; exact amounts come back as strings, never floats.
function decide(request) {
  const election = minga.Election.fromJSON(electionDocument(request));
  try {
    return election.budget(request.rule || { rule: 'mes', completion: 'add1' });
  } finally {
    election.close();
  }
}

// BigInt (a count beyond 2^53) goes out as a JSON integer with all its digits.
function toJSON(value) {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `__big${v}__` : v)).replace(/"__big(-?\d+)__"/g, '$1');
}

function createServer() {
  return http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/budget') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      let status = 200;
      let answer;
      try {
        answer = decide(JSON.parse(body));
      } catch (err) {
        status = err instanceof minga.MingaError && err.code !== minga.Status.EINTERNAL ? 400 : 500;
        if (err instanceof SyntaxError || err instanceof TypeError) status = 400;
        answer = { error: err.message, status: err.status || 'bad_request' };
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(toJSON(answer));
    });
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT || 8080);
  createServer().listen(port, () => console.log(`minga budget API on http://localhost:${port}/budget`));
}

module.exports = { createServer, decide, electionDocument };
