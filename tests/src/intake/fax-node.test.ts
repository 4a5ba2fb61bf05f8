import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npubEncode } from 'nostr-tools/nip19';
import nodemailer from 'nodemailer';
import { PERSIAN_FONT, faxPage, freePort, httpAuth, keys, nip98Api, signed, tempDir } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

const cli = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));
const NUMBER = '+98 21 5550 0100';

/** Every file under a directory, for "the number is nowhere in clear" checks. */
function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('fax: `lifeline intake fax` and fax-to-email into the queue, published without the number', async () => {
  const owner = keys();
  const smtpPort = await freePort();
  const telnyx = generateKeyPairSync('ed25519');
  const telnyxPublic = telnyx.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
  const env = nodeSuite({
    client: true,
    node: {
      desk: npubEncode(owner.pk),
      intakeLocal: true,
      intakeFax: true,
      intakeTelnyxPublicKey: telnyxPublic,
      smtpPort,
      intakeAddresses: 'fax@desk.example',
    },
  });
  const page = () =>
    faxPage([
      { text: `FAX ${NUMBER}   30/11/2026 10:45   P.01/01`, font: 'DejaVu Sans Mono', pt: 9 },
      { text: 'تیراندازی در خیابان آزادی', font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 },
      { text: 'Shooting on Azadi street', font: 'DejaVu Serif', pt: 14 },
    ]);
  const api = nip98Api(() => env.node.httpUrl, owner);

  test('a HylaFAX hook hands a TIFF over; the member reads it and publishes a live-blog entry "via fax"', async () => {
    const file = join(tempDir(), 'fax000001.tif');
    writeFileSync(file, await page());
    await promisify(execFile)(process.execPath, [
      cli,
      'intake',
      'fax',
      file,
      '--from',
      NUMBER,
      '--data',
      env.node.dataDir,
      '--url',
      env.node.httpUrl,
    ]);
    const list = await api('GET', '/api/intake/messages?channel=fax');
    assert.equal(list.body.messages.length, 1);
    const m = list.body.messages[0];
    assert.match(m.pages[0], /آزادی/);
    assert.match(m.pages[0], /Azadi/);
    assert.ok(
      !JSON.stringify(list.body).replace(/\D/g, '').includes('55500100'),
      'the number is not in the API answer',
    );
    assert.equal(m.attachments[0].type, 'image/png');
    const img = await fetch(`${env.node.httpUrl}${m.attachments[0].url}`, {
      headers: { authorization: httpAuth(owner, `${env.node.httpUrl}${m.attachments[0].url}`, 'GET') },
    });
    assert.equal(img.status, 200);

    const leaky = signed(owner, {
      kind: 30023,
      tags: [['d', 'x']],
      content: `${m.pages[0]}\n(fax from 021-5550-0100)`,
    });
    assert.equal((await api('POST', `/api/intake/messages/${m.id}/publish`, { event: leaky })).status, 422);
    const entry = signed(owner, { kind: 1, content: `Shooting on Azadi street — via fax` });
    const done = await api('POST', `/api/intake/messages/${m.id}/publish`, { event: entry });
    assert.equal(done.status, 200);
    const stored = await env.client.req('entry', { ids: [entry.id] });
    assert.equal(stored.events.length, 1);
  });

  test('fax-to-email: a TIFF attached to a mail is read as a fax', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
    await transport.sendMail({
      from: 'faxgateway@provider.example',
      to: 'fax@desk.example',
      subject: 'Fax received',
      text: '',
      attachments: [{ filename: 'fax.tif', content: await page(), contentType: 'image/tiff' }],
    });
    transport.close();
    const list = await api('GET', '/api/intake/messages?channel=fax');
    assert.equal(list.body.messages.length, 2);
    assert.match(list.body.messages[0].pages[0], /Azadi/);
  });

  test('a Telnyx fax.received webhook: signature checked, the PDF fetched from media_url and read', async (t) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f.tif'), await page());
    execFileSync('tiff2pdf', ['-o', join(dir, 'f.pdf'), join(dir, 'f.tif')]);
    const pdf = readFileSync(join(dir, 'f.pdf'));
    // The provider's file storage: a real HTTP server holding the document.
    const storage = createServer((_req, res) => res.end(pdf));
    await new Promise<void>((r) => storage.listen(0, '127.0.0.1', r));
    t.after(() => storage.close());
    const port = (storage.address() as { port: number }).port;
    const body = JSON.stringify({
      data: {
        event_type: 'fax.received',
        payload: {
          fax_id: 'f-1',
          from: NUMBER,
          to: '+15550003333',
          media_url: `http://127.0.0.1:${port}/f.pdf`,
          partial_content: false,
        },
      },
    });
    const post = (ts: string, sig: string) =>
      fetch(`${env.node.httpUrl}/api/intake/fax/telnyx`, {
        method: 'POST',
        body,
        headers: { 'telnyx-timestamp': ts, 'telnyx-signature-ed25519': sig, 'content-type': 'application/json' },
      });
    const now = String(Math.floor(Date.now() / 1000));
    const sigOf = (ts: string, text = body) =>
      sign(null, Buffer.from(`${ts}|${text}`), telnyx.privateKey).toString('base64');
    const forged = generateKeyPairSync('ed25519');
    assert.equal(
      (await post(now, sign(null, Buffer.from(`${now}|${body}`), forged.privateKey).toString('base64'))).status,
      403,
    );
    const old = String(Number(now) - 3600);
    assert.equal((await post(old, sigOf(old))).status, 403, 'a replayed old webhook');
    assert.equal((await post(now, sigOf(now, body.replace('f-1', 'f-2')))).status, 403, 'signed over another body');
    const before = (await api('GET', '/api/intake/messages?channel=fax')).body.messages.length;
    const ok = await post(now, sigOf(now));
    assert.equal(ok.status, 200, await ok.clone().text());
    const list = await api('GET', '/api/intake/messages?channel=fax');
    assert.equal(list.body.messages.length, before + 1);
    assert.match(list.body.messages[0].pages[0], /Azadi/);
    assert.match(list.body.messages[0].pages[0], /آزادی/);
  });

  test('no file in the data directory holds the number or the gateway address in clear', () => {
    for (const path of allFiles(env.node.dataDir)) {
      const bytes = readFileSync(path);
      for (const form of ['5550 0100', '55500100', '5550-0100', 'faxgateway@provider.example'])
        assert.ok(!bytes.includes(form), `${form} in ${path}`);
    }
  });
});
