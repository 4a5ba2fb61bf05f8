import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpOrigin } from './index.js';

test('blob URLs use the http(s) origin of the public relay URL', () => {
  assert.equal(httpOrigin(''), '');
  assert.equal(httpOrigin('wss://news.example.org/relay'), 'https://news.example.org');
  assert.equal(httpOrigin('ws://10.0.0.5:7447'), 'http://10.0.0.5:7447');
  assert.equal(httpOrigin('https://news.example.org'), 'https://news.example.org');
});
