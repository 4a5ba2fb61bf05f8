import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npubEncode } from 'nostr-tools/nip19';
import nodemailer from 'nodemailer';
import { PERSIAN_FONT, faxPage, freePort, httpAuth, keys, signed, tempDir } from '@lifeline/testkit';
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
  const env = nodeSuite({
    client: true,
    node: {
      desk: npubEncode(owner.pk),
      intakeLocal: true,
      intakeFax: true,
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
  const api = async (method: string, path: string, body?: unknown) => {
    const url = `${env.node.httpUrl}${path}`;
    const text = body === undefined ? undefined : JSON.stringify(body);
    const res = await fetch(url, {
      method,
      ...(text ? { body: text } : {}),
      headers: { authorization: httpAuth(owner, url, method, text), accept: 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as any };
  };

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

  test('no file in the data directory holds the number or the gateway address in clear', () => {
    for (const path of allFiles(env.node.dataDir)) {
      const bytes = readFileSync(path);
      for (const form of ['5550 0100', '55500100', '5550-0100', 'faxgateway@provider.example'])
        assert.ok(!bytes.includes(form), `${form} in ${path}`);
    }
  });
});
