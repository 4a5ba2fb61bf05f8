import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  authMessage,
  closedMessage,
  countMessage,
  eoseMessage,
  eventMessage,
  noticeMessage,
  okMessage,
  parseClientMessage,
} from './messages.js';

const isError = (raw: string) => parseClientMessage(raw).type === 'error';

test('parses every client verb', () => {
  assert.deepEqual(parseClientMessage('["EVENT",{"id":"x"}]'), { type: 'EVENT', event: { id: 'x' } });
  assert.deepEqual(parseClientMessage('["AUTH",{"kind":22242}]'), { type: 'AUTH', event: { kind: 22242 } });
  assert.deepEqual(parseClientMessage('["REQ","s",{"kinds":[1]},{}]'), {
    type: 'REQ',
    subId: 's',
    filters: [{ kinds: [1] }, {}],
  });
  assert.deepEqual(parseClientMessage('["COUNT","c",{}]'), { type: 'COUNT', subId: 'c', filters: [{}] });
  assert.deepEqual(parseClientMessage('["CLOSE","s"]'), { type: 'CLOSE', subId: 's' });
});

test('rejects malformed frames without throwing', () => {
  for (const raw of [
    '',
    'nope',
    '{',
    '{}',
    '[]',
    '"EVENT"',
    '[1]',
    '["PING"]',
    '["event",{}]',
    '["EVENT"]',
    '["EVENT",{},{}]',
    '["EVENT","x"]',
    '["EVENT",null]',
    '["EVENT",[]]',
    '["AUTH"]',
    '["REQ"]',
    '["REQ",""]',
    '["REQ",1,{}]',
    `["REQ","${'x'.repeat(65)}",{}]`,
    '["CLOSE"]',
    '["CLOSE",""]',
    '["CLOSE","a","b"]',
    '["COUNT",null,{}]',
  ]) {
    assert.ok(isError(raw), raw);
    const m = parseClientMessage(raw);
    if (m.type === 'error') assert.match(m.reason, /^invalid: /);
  }
  assert.ok(!isError(`["REQ","${'x'.repeat(64)}",{}]`));
});

test('errors carry the subscription id when it was readable', () => {
  assert.deepEqual(parseClientMessage('["REQ","s1"]'), {
    type: 'error',
    reason: 'invalid: REQ needs at least one filter',
    subId: 's1',
  });
  const m = parseClientMessage('["REQ",5]');
  assert.equal(m.type === 'error' ? m.subId : 'x', undefined);
});

test('builders produce NIP-01 relay messages', () => {
  const ev = '{"id":"a","content":"سلام"}';
  assert.equal(eventMessage('s"1', ev), `["EVENT","s\\"1",${ev}]`);
  assert.deepEqual(JSON.parse(eventMessage('s', ev)), ['EVENT', 's', JSON.parse(ev)]);
  assert.equal(okMessage('ab', true, ''), '["OK","ab",true,""]');
  assert.equal(okMessage('ab', false, 'invalid: x'), '["OK","ab",false,"invalid: x"]');
  assert.equal(eoseMessage('s'), '["EOSE","s"]');
  assert.equal(closedMessage('s', 'error: shutting down'), '["CLOSED","s","error: shutting down"]');
  assert.equal(noticeMessage('hi'), '["NOTICE","hi"]');
  assert.equal(countMessage('c', 42), '["COUNT","c",{"count":42}]');
  assert.equal(authMessage('chal'), '["AUTH","chal"]');
});
