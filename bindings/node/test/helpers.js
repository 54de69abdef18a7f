// SPDX-License-Identifier: Apache-2.0
// helpers.js - paths to the repository's test data and the team's shared data, and a
// reader for the `selected` column of a pabulib file (the official outcome), and the
// tests' shared checks.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..', '..');
const testData = path.join(repo, 'tests', 'data');
const sharedData = process.env.MINGA_SHARED_DATA || path.resolve(repo, '..', 'shared', 'data');

// Returns the path of a shared data file, or null after printing a visible warning.
function sharedFile(relative) {
  const file = path.join(sharedData, relative);
  if (fs.existsSync(file)) return file;
  console.warn(`WARN: skipped: ${file} is absent (the team's shared data is optional)`);
  return null;
}

// Splits semicolon-separated records, honouring double quotes (which may hold ';' and
// line breaks, as pabulib descriptions do).
function records(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += c, ++i;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

// The ids of the projects whose `selected` column is 1, in file order.
function officiallySelected(file) {
  const rows = records(fs.readFileSync(file, 'utf8'));
  const start = rows.findIndex((r) => r.length === 1 && r[0].trim() === 'PROJECTS');
  const header = rows[start + 1].map((h) => h.trim());
  const id = header.indexOf('project_id');
  const selected = header.indexOf('selected');
  if (selected < 0) return null;
  const ids = [];
  for (const r of rows.slice(start + 2)) {
    if (r.length === 1 && r[0].trim() === 'VOTES') break;
    if (r[selected] !== undefined && r[selected].trim() === '1') ids.push(r[id].trim());
  }
  return ids;
}

// Runs fn(election) and closes the election whatever happens.
function withElection(election, fn) {
  try {
    return fn(election);
  } finally {
    election.close();
  }
}

// Runs fn, which must throw a MingaError with this code whose message holds every fragment.
function throwsMinga(fn, code, ...fragments) {
  const minga = require('..');
  let caught = null;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof minga.MingaError, `expected a MingaError, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.status, minga.statusName(code));
  for (const fragment of fragments) assert.ok(caught.message.includes(fragment), `'${caught.message}' lacks '${fragment}'`);
  return caught;
}

module.exports = { repo, testData, sharedData, sharedFile, officiallySelected, withElection, throwsMinga };
