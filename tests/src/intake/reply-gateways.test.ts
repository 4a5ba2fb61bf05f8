import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npubEncode } from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import twilio from 'twilio';
import { cleanOcrText, faxReader } from '@lifeline/intake';
import {
  characterErrorRate,
  httpAuth,
  keys,
  startHylafax,
  startTelnyxStandIn,
  startTwilioStandIn,
  tempDir,
} from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

/*
 * Replies go back the way each message came, through the real gateway protocol: Twilio's
 * Messages API and Telnyx's fax API (local servers standing for them check auth and fields),
 * gammu-smsd's outbox through the real gammu-smsd-inject (Debian gammu-smsd), and a fax page
 * rendered on the node that OCRs back to the reply.
 */

const cli = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));
const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'twilio-token-for-reply-tests';
const TELNYX_KEY = 'KEY-telnyx-for-tests';
// Debian gammu-smsd, tesseract and poppler-utils: a missing one fails under CI and skips elsewhere.
const has = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
};
const need = (what: string, ok: boolean) => (ok || process.env.CI === 'true' ? false : `needs Debian ${what}`);
const noGammu = need('gammu-smsd', has('gammu-smsd-inject', ['--help']));
const noHylafax = need('hylafax-server, hylafax-client', has('/usr/sbin/faxq', ['-h']) && has('sendfax', ['-h']));
const noOcr = need(
  'tesseract-ocr, poppler-utils, libtiff-tools',
  has('tesseract', ['--version']) && has('pdftoppm', ['-v']) && has('tiff2pdf', ['-h']),
);

describe('replies through Twilio, gammu-smsd and fax, each to the thread sender only', async () => {
  const owner = keys();
  const twilioApi = await startTwilioStandIn(SID, TOKEN);
  const telnyx = await startTelnyxStandIn(TELNYX_KEY);
  const hylafax = noHylafax ? undefined : await startHylafax();
  after(() => Promise.all([twilioApi.close(), telnyx.close(), hylafax?.stop()]));
  const gammuDir = tempDir();
  for (const d of ['outbox', 'inbox', 'sent', 'error']) mkdirSync(join(gammuDir, d));
  const smsdrc = join(gammuDir, 'smsdrc');
  // gammu-smsd's files backend (gammu-smsd-files(7)); the modem itself is not needed to queue a message.
  writeFileSync(
    smsdrc,
    ['[gammu]', 'device = /dev/null', 'connection = at', '[smsd]', 'service = files', 'outboxformat = unicode']
      .concat(
        ['outbox', 'inbox', 'sent', 'error'].map(
          (d) => `${d === 'sent' ? 'sentsms' : d === 'error' ? 'errorsms' : d}path = ${join(gammuDir, d)}/`,
        ),
      )
      .join('\n'),
  );
  const env = nodeSuite({
    node: {
      desk: npubEncode(owner.pk),
      intakeLocal: true,
      intakeTwilioAuthToken: TOKEN,
      intakeTwilioAccountSid: SID,
      intakeTwilioFrom: '+15550001111',
      intakeTwilioApiUrl: twilioApi.url,
      intakeGammuSmsdrc: smsdrc,
      intakeTelnyxApiKey: TELNYX_KEY,
      intakeTelnyxConnectionId: 'fax-app-1',
      intakeTelnyxFrom: '+15550002222',
      intakeTelnyxApiUrl: telnyx.url,
      ...(hylafax ? { intakeSendfax: 'sendfax', intakeSendfaxHost: hylafax.host } : {}),
    },
  });
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
  const opened = async (id: string) => {
    const { body } = await api('GET', `/api/intake/messages/${id}`);
    return JSON.parse(nip44.decrypt(body.contact.nip44, nip44.getConversationKey(owner.sk, body.contact.pubkey))) as {
      address: string;
    };
  };
  const newest = async (channel: string) =>
    (await api('GET', `/api/intake/messages?channel=${channel}`)).body.messages[0];

  test('Twilio: the reply is POSTed to the Messages API with the account auth; another number is refused', async () => {
    const url = `${env.node.httpUrl}/api/intake/sms/twilio`;
    const form = {
      MessageSid: 'SM1',
      AccountSid: SID,
      From: '+989121234567',
      To: '+15550001111',
      Body: 'Tear gas at Enghelab square',
      NumMedia: '0',
    };
    const res = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, form) },
    });
    assert.equal(res.status, 200);
    const m = await newest('sms');
    const { address } = await opened(m.id);
    assert.equal(address, '+989121234567');
    const other = await api('POST', `/api/intake/messages/${m.id}/reply`, { text: 'hi', address: '+989120000000' });
    assert.equal(other.status, 400);
    assert.equal(other.body.error, 'not-the-sender');
    assert.equal(twilioApi.sent.length, 0);
    const reply = 'دریافت شد، مراقب باشید. Received, stay safe.';
    const ok = await api('POST', `/api/intake/messages/${m.id}/reply`, { text: reply, address });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(twilioApi.sent, [{ To: '+989121234567', From: '+15550001111', Body: reply }]);
    assert.equal(twilioApi.refused, 0);
    const long = await api('POST', `/api/intake/messages/${m.id}/reply`, { text: 'x'.repeat(1601), address });
    assert.equal(long.status, 400);
    assert.equal(twilioApi.sent.length, 1);
    const thread = (await api('GET', `/api/intake/messages?sender=${m.sender}`)).body.messages;
    assert.deepEqual(
      thread.map((x: { direction: string; via: string }) => `${x.direction}:${x.via}`),
      ['out:desk', 'in:twilio'],
    );
    assert.ok(!JSON.stringify(thread).includes('9121234567'));
  });

  test('gammu-smsd: `lifeline intake sms` hands a message over; the reply is queued in the real outbox', {
    skip: noGammu,
  }, async () => {
    await promisify(execFile)(
      process.execPath,
      [cli, 'intake', 'sms', '--data', env.node.dataDir, '--url', env.node.httpUrl],
      {
        env: { ...process.env, SMS_MESSAGES: '1', SMS_1_NUMBER: '+989351234567', SMS_1_TEXT: 'Shots fired near Evin' },
      },
    );
    const m = await newest('sms');
    assert.equal(m.via, 'gammu');
    const { address } = await opened(m.id);
    const reply = 'پیام شما رسید. Are you safe?';
    const ok = await api('POST', `/api/intake/messages/${m.id}/reply`, { text: reply, address });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const queued = readdirSync(join(gammuDir, 'outbox'));
    assert.equal(queued.length, 1);
    // gammu-smsd-files(7): OUT<priority><date>_<time>_<serial>_<number>_<note>.txt, text as UTF-16 with a BOM.
    assert.match(queued[0] as string, /^OUTC\d{8}_\d{6}_\d\d_\+989351234567_.*\.txt$/);
    const bytes = readFileSync(join(gammuDir, 'outbox', queued[0] as string));
    assert.equal(new TextDecoder('utf-16be').decode(bytes.subarray(2)), reply);
  });

  test('fax: the reply is rendered as fax pages and sent through Telnyx; the page OCRs back to the text', {
    skip: noOcr,
  }, async () => {
    await env.node.intake!.intake.receive({
      channel: 'fax',
      via: 'telnyx',
      address: '+98 21 5550 0100',
      contact: { faxId: 'f-9' },
      text: 'A fax that came through Telnyx',
      attachments: [],
    });
    const m = await newest('fax');
    const { address } = await opened(m.id);
    const persian = 'پیام شما به دست ما رسید و در حال بررسی آن هستیم. لطفا مراقب خودتان باشید.';
    const english = 'Thank you for your fax, we are checking the report. Please stay safe.';
    const started = performance.now();
    const ok = await api('POST', `/api/intake/messages/${m.id}/reply`, { text: `${persian}\n${english}`, address });
    const seconds = (performance.now() - started) / 1000;
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(telnyx.faxes.length, 1);
    const fax = telnyx.faxes[0]!;
    assert.deepEqual([fax.to, fax.from, fax.connectionId], ['+982155500100', '+15550002222', 'fax-app-1']);
    assert.equal(fax.pdf.subarray(0, 5).toString(), '%PDF-');
    // Read back the way a received fax is read: pdftoppm at 204 dpi, tesseract per line and language.
    const doc = await faxReader({ maxPages: 3, maxPixels: 20_000_000 })(fax.pdf, 'application/pdf');
    assert.equal(doc.pages.length, 1);
    const lines = doc.pages[0]!.text.split('\n');
    assert.equal(lines.length, 2, doc.pages[0]!.text);
    const cerFa = characterErrorRate(persian, cleanOcrText(lines[0]!));
    const cerEn = characterErrorRate(english, lines[1]!);
    console.log(
      `fax reply: rendered and sent in ${seconds.toFixed(2)} s; read back CER Persian ${(cerFa * 100).toFixed(2)}%, English ${(cerEn * 100).toFixed(2)}%`,
    );
    assert.ok(cerFa <= 0.05, `Persian CER ${cerFa}: ${lines[0]}`);
    assert.ok(cerEn <= 0.03, `English CER ${cerEn}: ${lines[1]}`);
  });

  test('fax by modem: the reply is submitted to a real HylaFAX server with sendfax, and reads back', {
    skip: noHylafax || noOcr,
  }, async () => {
    await env.node.intake!.intake.receive({
      channel: 'fax',
      via: 'hylafax',
      address: '0098 21 5550 0177',
      contact: { tsi: '0098 21 5550 0177' },
      text: 'A fax that came by modem',
      attachments: [],
    });
    const m = await newest('fax');
    const { address } = await opened(m.id);
    const sentByTelnyx = telnyx.faxes.length;
    const english = 'Received by the desk. We will call back on a safe line.';
    const ok = await api('POST', `/api/intake/messages/${m.id}/reply`, { text: english, address });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(telnyx.faxes.length, sentByTelnyx, 'a modem fax is answered through HylaFAX, not Telnyx');
    // faxstat lists the queued job (no modem here, so it waits), dialling the sender's number.
    const jobs = await hylafax!.jobs();
    assert.match(jobs, /^1\s+\d+\s+\w+\s+\w+\s+00982155500/m, jobs);
    const [doc] = hylafax!.documents();
    assert.ok(doc, 'the document is in the spool');
    const read = await faxReader({ maxPages: 2, maxPixels: 20_000_000 })(doc, 'image/tiff');
    const cer = characterErrorRate(english, read.pages[0]?.text ?? '');
    console.log(`fax reply through HylaFAX: read back from the spool, CER English ${(cer * 100).toFixed(2)}%`);
    assert.ok(cer <= 0.03, read.pages[0]?.text);
  });

  test('a gateway without a way out answers 409, and nothing is recorded', async () => {
    await env.node.intake!.intake.receive({
      channel: 'email',
      via: 'smtp',
      address: 'leyla@example.org',
      contact: {},
      text: 'By mail',
      attachments: [],
    });
    const m = await newest('email');
    const res = await api('POST', `/api/intake/messages/${m.id}/reply`, { text: 'hi', address: 'leyla@example.org' });
    assert.equal(res.status, 409);
    assert.equal(res.body.error, 'reply-unavailable');
    const thread = (await api('GET', `/api/intake/messages?sender=${m.sender}`)).body.messages;
    assert.equal(thread.length, 1);
  });
});
