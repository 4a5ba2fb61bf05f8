import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StartError } from '@lifeline/node/start-error';
import { freePort } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';

test('a PostgreSQL server that cannot be reached is a start error that names the URL without its password', async () => {
  const port = await freePort();
  await assert.rejects(startTestNode({ databaseUrl: `postgres://lifeline:hunter2@127.0.0.1:${port}/events` }), (e) => {
    assert.ok(e instanceof StartError, String(e));
    assert.equal(e.code, 'database-unreachable');
    assert.match(e.message, new RegExp(`postgres://lifeline:\\*\\*\\*@127\\.0\\.0\\.1:${port}/events`));
    assert.match(e.message, /connection refused/);
    assert.doesNotMatch(e.message, /hunter2/);
    return true;
  });
});
