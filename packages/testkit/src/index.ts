// The test kit's base: no Lifeline package but the protocol types, so every package's tests can
// use it. `@lifeline/testkit/browser` adds Chromium; `@lifeline/testkit/node` starts real nodes.
export {
  fakeEvent,
  fakeSigned,
  httpAuth,
  keys,
  nostrAuthorization,
  signed,
  type EventDraft,
  type TestKeys,
} from './events.js';
export { nip86Call } from './nip86.js';
export { seededRandom } from './random.js';
export { tempDir } from './temp.js';
export { socketOwners } from './sockets.js';
export { sleep, waitFor } from './wait.js';
export { freePort, serveFiles, type FileServer, type ServedFile } from './net.js';
export { RawClient } from './raw-client.js';
export { NeverReadingSocket, clientTextFrame, rssOf, startProbe, type ProbeReport } from './hostile.js';
export { selfSignedCert } from './tls.js';
export { characterErrorRate, faxPage, PERSIAN_FONT, type FaxLine } from './fax.js';
export { startDovecot, type TestDovecot } from './dovecot.js';
export { startHylafax, type TestHylafax } from './hylafax.js';
export { blockyPixels } from './pictures.js';
export { twoCamps, type TwoCamps, type TwoCampTexts } from './two-camps.js';
export {
  startTelnyxStandIn,
  startTwilioStandIn,
  type TelnyxFaxSent,
  type TelnyxStandIn,
  type TwilioSent,
  type TwilioStandIn,
} from './gateways.js';
