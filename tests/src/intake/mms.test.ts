import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import exifr from 'exifr';
import { npubEncode } from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import sharp from 'sharp';
import twilio from 'twilio';
import { httpAuth, keys, startTwilioStandIn } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { COMMENT, jpegWithGps } from '../media/helpers.js';

/*
 * Twilio MMS: the node downloads each MediaUrl with the account's basic auth, only from the
 * configured Twilio origin and within the size limit, and the picture goes through the media
 * pipeline: what the desk sees has no EXIF, GPS or comment.
 */

const SID = `AC${'2'.repeat(32)}`;
const TOKEN = 'twilio-token-for-mms-tests';
const MAX = 64 * 1024;

describe('Twilio MMS: media fetched from Twilio only, within limits, stored without metadata', async () => {
  const owner = keys();
  const twilioApi = await startTwilioStandIn(SID, TOKEN);
  // Somewhere else on the network: a signed webhook must not make the node fetch from it.
  let foreignHits = 0;
  const foreign = createServer((_req, res) => {
    foreignHits++;
    res.end('x');
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  after(() => Promise.all([twilioApi.close(), new Promise((r) => foreign.close(r))]));
  const env = nodeSuite({
    node: {
      desk: npubEncode(owner.pk),
      intakeTwilioAuthToken: TOKEN,
      intakeTwilioAccountSid: SID,
      intakeTwilioApiUrl: twilioApi.url,
      mediaMaxUploadBytes: MAX,
    },
  });
  const get = async (path: string) => {
    const url = `${env.node.httpUrl}${path}`;
    return fetch(url, { headers: { authorization: httpAuth(owner, url, 'GET'), accept: 'application/json' } });
  };

  test('the photo is fetched with basic auth and stored clean; a foreign URL and an oversized file are dropped', async () => {
    const photo = await jpegWithGps(320, 240);
    assert.ok((await exifr.gps(photo))?.latitude, 'the fixture carries GPS');
    const port = (foreign.address() as { port: number }).port;
    const form = {
      MessageSid: 'MM1',
      AccountSid: SID,
      From: '+989127654321',
      To: '+15550001111',
      Body: 'Photo of the crowd at Azadi',
      NumMedia: '3',
      MediaUrl0: twilioApi.media(photo, 'image/jpeg'),
      MediaContentType0: 'image/jpeg',
      MediaUrl1: `http://127.0.0.1:${port}/2010-04-01/Accounts/${SID}/Messages/MM1/Media/ME1`,
      MediaContentType1: 'image/jpeg',
      MediaUrl2: twilioApi.media(randomBytes(MAX + 1), 'image/jpeg'),
      MediaContentType2: 'image/jpeg',
    };
    const url = `${env.node.httpUrl}/api/intake/sms/twilio`;
    const res = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, form) },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(foreignHits, 0, 'nothing was fetched from outside Twilio');
    assert.equal(twilioApi.mediaFetched, 2, 'the photo and the oversized file reached the CDN');

    const { messages } = (await (await get('/api/intake/messages?channel=sms')).json()) as { messages: any[] };
    const m = messages[0];
    assert.equal(m.text, 'Photo of the crowd at Azadi');
    assert.equal(m.attachments.length, 1);
    assert.equal(m.attachments[0].type, 'image/jpeg');
    const stored = Buffer.from(await (await get(m.attachments[0].url)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    assert.equal(meta.width, 320);
    assert.equal(meta.exif, undefined, 'no EXIF block');
    assert.equal(meta.xmp, undefined, 'no XMP');
    assert.equal(await exifr.gps(stored).catch(() => undefined), undefined, 'no GPS');
    assert.ok(!stored.includes(Buffer.from(COMMENT)), 'no comment');
    assert.ok(!stored.includes(Buffer.from('WitnessPhone')), 'no camera make');

    // Why the other two were not taken is in the sealed details, for the desk only.
    const one = (await (await get(`/api/intake/messages/${m.id}`)).json()) as any;
    const contact = JSON.parse(
      nip44.decrypt(one.contact.nip44, nip44.getConversationKey(owner.sk, one.contact.pubkey)),
    ) as { mediaDropped: string[] };
    assert.deepEqual(contact.mediaDropped, [
      'media 1: not a media URL of this Twilio account',
      `media 2: over ${MAX} bytes`,
    ]);
  });

  test('a webhook with a forged signature fetches nothing', async () => {
    const before = twilioApi.mediaFetched;
    const form = {
      From: '+989127654321',
      Body: 'forged',
      NumMedia: '1',
      MediaUrl0: twilioApi.media(await jpegWithGps(), 'image/jpeg'),
    };
    const res = await fetch(`${env.node.httpUrl}/api/intake/sms/twilio`, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature('wrong', 'http://x', form) },
    });
    assert.equal(res.status, 403);
    assert.equal(twilioApi.mediaFetched, before);
  });
});
