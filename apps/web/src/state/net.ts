import { pool } from './relays.js';
import { lastPublish } from './relays.js';
import { outboxCount, online } from './outbox.js';
import { fetchEvent, me, publish, send } from './publish.js';
import * as social from './social.js';
import * as actions from './actions.js';

export type { PublishReport } from './relays.js';

/** Everything the screens need from the network, under one name. */
export const net = {
  pool,
  publish,
  send,
  me,
  fetchEvent,
  outboxCount,
  online,
  lastPublish,
  ...social,
  ...actions,
};
