import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSigned, keys } from '@lifeline/testkit';
import { buildAccountLabel, buildClaim, buildReportResolution, buildSource, buildState } from './builders.js';
import { parseDeskLabel, NS } from './labels.js';

const k = keys();
const id = 'a'.repeat(64);
const parse = (t: Parameters<typeof fakeSigned>[1]) => parseDeskLabel(fakeSigned(k, t));
const err = (t: Parameters<typeof fakeSigned>[1]) => {
  const r = parse(t);
  return r.ok ? 'ok' : r.error;
};

test('every builder makes a label that parses back', () => {
  for (const t of [
    buildClaim({ target: id, text: 'پلیس با شال سبز', lang: 'fa' }),
    buildState({ claim: id, state: 'false', reason: 'photo is from 2007' }),
    buildSource({ claim: id, event: id, kind: 'primary', verified: true }),
    buildSource({ claim: id, url: 'https://example.org/x', kind: 'secondary', stance: 'contradicts' }),
    buildAccountLabel({ pubkey: id, label: 'sockpuppet', reason: 'posts copies' }),
    buildReportResolution({ report: id, resolution: 'dismissed', reason: 'not an impostor' }),
  ])
    assert.equal(err(t), 'ok');
});

test('malformed desk labels are refused with the rule they break', () => {
  const claim = buildClaim({ target: id, text: 'x', lang: 'fa' });
  assert.match(err({ ...claim, content: '' }), /needs its text/);
  assert.match(err({ ...claim, content: 'x'.repeat(1001) }), /longer than 1000/);
  assert.match(err({ ...claim, tags: claim.tags.filter((t) => t[2] !== 'ISO-639-1') }), /language/);
  assert.match(err({ ...claim, tags: [...claim.tags, ['e', id]] }), /exactly one event/);
  assert.match(err(buildState({ claim: 'zz', state: 'false', reason: '' })), /exactly one claim/);
  assert.match(err(buildState({ claim: id, state: 'FALSE!', reason: '' })), /lowercase/);
  const src = buildSource({ claim: id, event: id, kind: 'primary' });
  assert.match(err({ ...src, tags: [...src.tags, ['r', 'https://x.example']] }), /exactly one event .* or one URL/);
  assert.match(err(buildSource({ claim: id, url: 'javascript:alert(1)', kind: 'primary' })), /not an http/);
  assert.match(err(buildAccountLabel({ pubkey: id, label: 'villain' as 'trusted', reason: '' })), /one of trusted/);
  assert.match(err({ ...src, tags: [...src.tags, ...Array(20).fill(['t', 'x'])] }), /at most 16 tags/);
  assert.match(err({ ...src, tags: [...src.tags, ['L', NS.state]] }), /exactly one desk namespace/);
  assert.match(err({ kind: 1985, tags: [['L', 'other']], content: '' }), /not a desk label/);
});
