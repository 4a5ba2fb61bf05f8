import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { tempDir } from '@lifeline/testkit';
import { Intake, NoDeskError } from './intake.js';
import { openContact } from './seal.js';
import { IntakeStore } from './store.js';

const member = generateSecretKey();
const images = { types: new Set(['image/jpeg', 'image/png']), maxPixels: 10_000_000 };

function setup(members: string[] = [getPublicKey(member)]) {
  const dir = tempDir();
  const store = new IntakeStore(dir);
  let clock = 1_700_000_000;
  const intake = new Intake({
    store,
    secret: new Uint8Array(32).fill(1),
    members: async () => members,
    images,
    now: () => clock++,
  });
  return { dir, store, intake };
}

const geotagged = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Witness Camera 4711', Copyright: 'GPS 35.6997 51.3380' } })
    .toBuffer();

test('a message is stored with its sender id, a clean image, and contact details only sealed', async () => {
  const { dir, store, intake } = setup();
  const photo = await geotagged();
  assert.ok(photo.includes('Witness Camera 4711'));
  const m = await intake.receive({
    channel: 'email',
    address: 'reza@example.org',
    contact: { from: 'Reza Tehrani <reza@example.org>', received: ['from mx.example.org (10.1.2.3)'] },
    text: 'Crowds on Enghelab street',
    attachments: [
      { name: 'IMG_1.jpg', type: 'image/jpeg', bytes: photo },
      { name: 'notes.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ not allowed') },
    ],
  });
  assert.equal(m.status, 'new');
  assert.equal(m.attachments.length, 1);
  const file = store.file(m.attachments[0]?.id as string);
  const clean = readFileSync(file?.path as string);
  assert.ok(!clean.includes('Witness Camera 4711'), 'EXIF must be gone');
  assert.equal((await sharp(clean).metadata()).exif, undefined);
  const contact = openContact(store.contact(m.id)!, member);
  assert.equal(contact.address, 'reza@example.org');
  assert.equal((contact.dropped as Array<{ name: string }>)[0]?.name, 'notes.exe');
  store.close();
  const raw = readFileSync(join(dir, 'intake.db'));
  for (const secret of ['reza@example.org', 'Reza Tehrani', '10.1.2.3', 'notes.exe'])
    assert.ok(!raw.includes(secret), `${secret} must not be in the database file`);
  assert.ok(raw.includes('Crowds on Enghelab street'));
});

test('two messages from one address share a thread; another address does not', async () => {
  const { store, intake } = setup();
  const base = { channel: 'sms' as const, contact: {}, attachments: [] };
  const a = await intake.receive({ ...base, address: '+98 912 000 1111', text: 'one' });
  const b = await intake.receive({ ...base, address: '00989120001111', text: 'two' });
  const c = await intake.receive({ ...base, address: '+989120002222', text: 'three' });
  assert.equal(a.sender, b.sender);
  assert.notEqual(a.sender, c.sender);
  assert.deepEqual(
    store.list({ sender: a.sender, limit: 10 }).messages.map((m) => m.text),
    ['two', 'one'],
  );
  store.close();
});

test('without desk members nothing is stored and the error says why', async () => {
  const { store, intake } = setup([]);
  await assert.rejects(
    intake.receive({ channel: 'sms', address: '+1555', contact: {}, text: 'hi', attachments: [] }),
    NoDeskError,
  );
  assert.equal(store.list({ limit: 10 }).messages.length, 0);
  store.close();
});

test('listing pages newest first and filters by channel and status', async () => {
  const { store, intake } = setup();
  for (let i = 0; i < 5; i++)
    await intake.receive({
      channel: i % 2 ? 'sms' : 'email',
      address: `a${i}@x.org`,
      contact: {},
      text: `m${i}`,
      attachments: [],
    });
  const first = store.list({ limit: 2 });
  assert.deepEqual(
    first.messages.map((m) => m.text),
    ['m4', 'm3'],
  );
  const second = store.list({ limit: 2, before: first.cursor as string });
  assert.deepEqual(
    second.messages.map((m) => m.text),
    ['m2', 'm1'],
  );
  assert.deepEqual(
    store.list({ limit: 10, channel: 'sms' }).messages.map((m) => m.text),
    ['m3', 'm1'],
  );
  store.update(first.messages[0]?.id as string, { status: 'discarded' }, 1);
  assert.deepEqual(
    store.list({ limit: 10, status: 'discarded' }).messages.map((m) => m.text),
    ['m4'],
  );
  store.close();
});

test('retention really deletes: rows overwritten (secure_delete), files overwritten and gone', async () => {
  const { dir, store, intake } = setup();
  const old = await intake.receive({
    channel: 'email',
    address: 'old@x.org',
    contact: {},
    text: 'OLD-MESSAGE-MARKER',
    attachments: [{ name: 'a.jpg', type: 'image/jpeg', bytes: await geotagged() }],
    received: 1000,
  });
  await intake.receive({ channel: 'email', address: 'new@x.org', contact: {}, text: 'KEEP-ME', attachments: [] });
  assert.equal(await store.purge(2000), 1);
  assert.equal(store.get(old.id), undefined);
  assert.equal(readdirSync(join(dir, 'files')).length, 0);
  assert.ok(!existsSync(join(dir, 'files', old.attachments[0]?.id as string)));
  store.close();
  const raw = readFileSync(join(dir, 'intake.db'));
  assert.ok(!raw.includes('OLD-MESSAGE-MARKER'));
  assert.ok(raw.includes('KEEP-ME'));
});

test('a PDF named .jpg and a decompression bomb are refused by what they are; the message still arrives', async () => {
  const { store, intake } = setup();
  const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  assert.ok(bomb.length < 200_000, 'a small file that would decode to 75 MB');
  const m = await intake.receive({
    channel: 'email',
    address: 'x@example.org',
    contact: {},
    text: 'see attached',
    attachments: [
      { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF') },
      { name: 'big.png', type: 'image/png', bytes: bomb },
    ],
  });
  assert.equal(m.text, 'see attached');
  assert.equal(m.attachments.length, 0);
  const dropped = openContact(store.contact(m.id)!, member).dropped as Array<{
    name: string;
    type: string;
    reason: string;
  }>;
  assert.deepEqual(
    dropped.map((d) => [d.name, d.type]),
    [
      ['photo.jpg', 'application/pdf'],
      ['big.png', 'image/png'],
    ],
  );
  assert.match(dropped[1]?.reason ?? '', /too many pixels/);
  store.close();
});
