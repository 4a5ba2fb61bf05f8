import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import sharp from 'sharp';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { selfSignedCert, tempDir } from '@lifeline/testkit';
import { Intake } from '../intake.js';
import { openContact } from '../seal.js';
import { IntakeStore } from '../store.js';
import { deliverEmail } from './deliver.js';
import { startSmtpIntake, type SmtpIntakeOptions } from './smtp.js';

const member = generateSecretKey();
const images = { types: new Set(['image/jpeg', 'image/png']), maxPixels: 10_000_000 };

async function server(over: Partial<SmtpIntakeOptions> = {}, members = [getPublicKey(member)]) {
  const dir = tempDir();
  const store = new IntakeStore(dir);
  const intake = new Intake({ store, secret: new Uint8Array(32).fill(9), members: async () => members, images });
  const smtp = await startSmtpIntake({
    host: '127.0.0.1',
    port: 0,
    addresses: ['tips@desk.example'],
    maxBytes: 256 * 1024,
    onMessage: deliverEmail(intake),
    ...over,
  });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: !over.tls,
    ...(over.tls ? { requireTLS: true, tls: { rejectUnauthorized: false } } : {}),
  });
  return { dir, store, smtp, transport };
}

// windows-1256 bytes for a Persian string: the reverse of the WHATWG decoder's table.
const cp1256 = (s: string) => {
  const dec = new TextDecoder('windows-1256');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(dec.decode(Uint8Array.of(b)), b);
  return Buffer.from([...s].map((ch) => map.get(ch) ?? 0x3f));
};

describe('SMTP intake over TCP with a real client (nodemailer)', () => {
  const open: Array<{ smtp: { close(): Promise<void> }; store: IntakeStore; transport: { close(): void } }> = [];
  after(async () => {
    for (const o of open) {
      o.transport.close();
      await o.smtp.close();
      o.store.close();
    }
  });
  const make = async (...args: Parameters<typeof server>) => {
    const s = await server(...args);
    open.push(s);
    return s;
  };

  test('a mail with a photo arrives in the queue: text kept, photo cleaned, From and Received only sealed', async () => {
    const { store, transport, dir } = await make();
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#084' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Phone of Reza' } })
      .toBuffer();
    await transport.sendMail({
      from: 'Reza Tehrani <reza.t@example.org>',
      to: 'tips@desk.example',
      subject: 'تجمع در میدان انقلاب',
      text: 'Thousands gathered at Enghelab square.',
      headers: { 'X-Originating-IP': '[10.9.8.7]', Received: 'from laptop.local ([192.168.1.77]) by mail.example.org' },
      attachments: [{ filename: 'IMG_0001.jpg', content: photo }],
    });
    const [m] = store.list({ limit: 5 }).messages;
    assert.equal(m?.channel, 'email');
    assert.equal(m?.text, 'تجمع در میدان انقلاب\n\nThousands gathered at Enghelab square.');
    assert.equal(m?.attachments.length, 1);
    assert.ok(!readFileSync(store.file(m!.attachments[0]!.id)!.path).includes('Phone of Reza'));
    const contact = openContact(store.contact(m!.id)!, member);
    assert.equal(contact.address, 'reza.t@example.org');
    assert.match(JSON.stringify(contact.received), /192\.168\.1\.77/);
    assert.match(JSON.stringify(contact['x-originating-ip']), /10\.9\.8\.7/);
    const db = readFileSync(join(dir, 'intake.db'));
    for (const s of ['reza.t@example.org', 'Reza Tehrani', '192.168.1.77', '10.9.8.7', 'laptop.local'])
      assert.ok(!db.includes(s), `${s} in the database`);
  });

  test('8-bit headers and body in windows-1256 are decoded', async () => {
    const { store, transport } = await make();
    const raw = Buffer.concat([
      Buffer.from('From: witness@example.org\r\nTo: tips@desk.example\r\nSubject: '),
      cp1256('گزارش'),
      Buffer.from(
        '\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1256\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      cp1256('سلام از تهران'),
      Buffer.from('\r\n'),
    ]);
    await transport.sendMail({ envelope: { from: 'witness@example.org', to: ['tips@desk.example'] }, raw });
    assert.match(store.list({ limit: 1 }).messages[0]?.text ?? '', /سلام از تهران/);
  });

  test('broken MIME is taken as far as it can be read; the next mail is unaffected', async () => {
    const { store, transport } = await make();
    const raw = Buffer.from(
      'From: a@example.org\r\nTo: tips@desk.example\r\nContent-Type: multipart/mixed; boundary="zzz"\r\n\r\n--zzz\r\nContent-Type: text/plain\r\n\r\npart one, never closed\r\n--zzz\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n',
    );
    await transport.sendMail({ envelope: { from: 'a@example.org', to: ['tips@desk.example'] }, raw });
    await transport.sendMail({ from: 'b@example.org', to: 'tips@desk.example', subject: 'fine', text: 'ok' });
    const texts = store.list({ limit: 5 }).messages.map((m) => m.text);
    assert.deepEqual(texts, ['fine\n\nok', 'part one, never closed']);
  });

  test('STARTTLS with the operator certificate', async () => {
    const tls = selfSignedCert();
    const { store, transport } = await make({ tls: { key: tls.key, cert: tls.cert } });
    const info = await transport.sendMail({ from: 'x@example.org', to: 'tips@desk.example', text: 'over TLS' });
    assert.match(info.response, /^250/);
    assert.equal(store.list({ limit: 1 }).messages[0]?.text, 'over TLS');
  });

  test('other recipients get 550; an oversized message gets 552 and is not stored', async () => {
    const { store, transport } = await make({ maxBytes: 64 * 1024 });
    await assert.rejects(transport.sendMail({ from: 'x@example.org', to: 'someone@else.example', text: 'relay me' }), {
      responseCode: 550,
    });
    await assert.rejects(
      transport.sendMail({
        from: 'x@example.org',
        to: 'tips@desk.example',
        text: 'big',
        attachments: [{ filename: 'a.bin', content: Buffer.alloc(300 * 1024, 7) }],
      }),
      { responseCode: 552 },
    );
    assert.equal(store.list({ limit: 5 }).messages.length, 0);
  });

  test('a flood from one sender is slowed with 451; others still get through', async () => {
    const { store, transport } = await make({ perSenderPerMinute: 3 });
    for (let i = 0; i < 3; i++)
      await transport.sendMail({ from: 'flood@example.org', to: 'tips@desk.example', text: `n${i}` });
    await assert.rejects(transport.sendMail({ from: 'flood@example.org', to: 'tips@desk.example', text: 'n3' }), {
      responseCode: 451,
    });
    await transport.sendMail({ from: 'calm@example.org', to: 'tips@desk.example', text: 'calm' });
    assert.equal(store.list({ limit: 10 }).messages.length, 4);
  });

  test('without a desk mail is deferred with 451 and nothing is stored', async () => {
    const { store, transport } = await make({}, []);
    await assert.rejects(transport.sendMail({ from: 'x@example.org', to: 'tips@desk.example', text: 'early' }), {
      responseCode: 451,
    });
    assert.equal(store.list({ limit: 5 }).messages.length, 0);
  });

  test('a client that never ends DATA is cut off with 421 at the deadline', async () => {
    const { smtp, store } = await make({ dataTimeoutMs: 700 });
    const sock = connect(smtp.port, '127.0.0.1');
    let got = '';
    sock.on('data', (d) => (got += d.toString()));
    const until = async (re: RegExp) => {
      for (let i = 0; i < 100 && !re.test(got); i++) await new Promise((r) => setTimeout(r, 20));
      assert.match(got, re);
    };
    await until(/^220/m);
    sock.write('EHLO slow\r\nMAIL FROM:<slow@example.org>\r\nRCPT TO:<tips@desk.example>\r\nDATA\r\n');
    await until(/^354/m);
    // Trickle bytes faster than the idle timeout, never ending the message.
    const trickle = setInterval(() => sock.writable && sock.write('x'), 100);
    const closed = new Promise((r) => sock.on('close', r));
    await closed;
    clearInterval(trickle);
    assert.match(got, /^421 /m);
    assert.equal(store.list({ limit: 5 }).messages.length, 0);
  });
});
