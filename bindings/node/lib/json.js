// SPDX-License-Identifier: Apache-2.0
// json.js - JSON in and out without losing exact numbers.
//
// minga writes exact amounts as strings ("1546168.66", "500/3"), which JSON.parse keeps.
// Counts are JSON integers and may pass 2^53 (ballot counts are 64-bit), where
// JSON.parse would round them. parseExact() returns an integer as a Number when it is a
// safe integer and as a BigInt otherwise; a number with a fraction or exponent (minga
// writes none in its results today) stays a Number, as JSON.parse would give it.
'use strict';

const integer = /^-?(0|[1-9][0-9]*)$/;

function parseExact(text) {
  let at = 0;
  const fail = (what) => {
    throw new SyntaxError(`minga: bad JSON from the library at offset ${at}: ${what}`);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) ++at;
  };
  const value = () => {
    skipSpace();
    const c = text[at];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (text.startsWith('true', at)) return (at += 4), true;
    if (text.startsWith('false', at)) return (at += 5), false;
    if (text.startsWith('null', at)) return (at += 4), null;
    return number();
  };
  const object = () => {
    const out = {};
    ++at;
    skipSpace();
    if (text[at] === '}') return ++at, out;
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail('expected a key');
      const key = string();
      skipSpace();
      if (text[at++] !== ':') fail("expected ':'");
      out[key] = value();
      skipSpace();
      const c = text[at++];
      if (c === '}') return out;
      if (c !== ',') fail("expected ',' or '}'");
    }
  };
  const array = () => {
    const out = [];
    ++at;
    skipSpace();
    if (text[at] === ']') return ++at, out;
    for (;;) {
      out.push(value());
      skipSpace();
      const c = text[at++];
      if (c === ']') return out;
      if (c !== ',') fail("expected ',' or ']'");
    }
  };
  const string = () => {
    const start = at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) fail('unterminated string');
    ++at;
    return JSON.parse(text.slice(start, at));
  };
  const number = () => {
    const match = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(at, at + 400));
    if (!match) fail('unexpected character');
    at += match[0].length;
    const literal = match[0];
    if (!integer.test(literal)) return Number(literal);
    const n = Number(literal);
    return Number.isSafeInteger(n) ? n : BigInt(literal);
  };
  const result = value();
  skipSpace();
  if (at !== text.length) fail('trailing characters');
  return result;
}

// JSON text for a spec: BigInt values become their decimal digits (exact), a string is
// passed through (minga reads exact amounts from strings), and a spec given as text is
// used as it is.
function specText(spec) {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === 'string') return spec;
  return JSON.stringify(spec, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}

module.exports = { parseExact, specText };
