import type { Context, Hono } from 'hono';
import { isHex64, type DeskList } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import { badRequest, notFound } from '../http/errors.js';
import type { DeskBook } from './book.js';
import type { DeskMembership } from './members.js';
import { badges, claimOn, deskSummary, openReports, queueClaims } from './views.js';
import { trustContext } from './wot.js';

/** What the desk's HTTP API reads. */
export interface DeskDeps {
  store: Pick<EventStore, 'query'>;
  members: DeskMembership;
  book: DeskBook;
}

/** Most ids one badge request may ask about. */
const MAX_IDS = 200;
const HEADERS = { 'cache-control': 'no-cache' };

const ids = (value: string | undefined, what: string): string[] => {
  const list = (value ?? '').split(',').filter(Boolean);
  if (list.length > MAX_IDS) throw badRequest(`at most ${MAX_IDS} ${what} per request`);
  if (!list.every(isHex64)) throw badRequest(`${what} must be 64 lowercase hex characters`);
  return list;
};

/**
 * The desk's read API (everything it serves can also be computed from the events by any client):
 * GET /api/desk (desks), /api/desk/badges?e=<ids>&p=<pubkeys>, /api/desk/claims/<id>,
 * /api/desk/queue?state=open|all|<state>, /api/desk/accounts/<pubkey>. `?desk=<30000:owner:d>`
 * chooses a desk; the node's first is the default.
 */
export function deskRoutes(deps: DeskDeps) {
  const { book, members } = deps;
  const deskOf = (c: Context): DeskList => {
    const wanted = c.req.query('desk');
    const desk = wanted ? members.desk(wanted) : members.desks()[0];
    if (!desk) throw notFound(wanted ? 'this node does not follow that desk' : 'no desk is configured on this node');
    return desk;
  };
  return (app: Hono) => {
    app.get('/api/desk', (c) => c.json({ desks: members.desks().map(deskSummary) }, 200, HEADERS));
    app.get('/api/desk/badges', async (c) => {
      const desk = deskOf(c);
      // Events a just-stored label points at are being read from the store; answer with them.
      await book.settled();
      const events = ids(c.req.query('e'), 'event ids');
      const pubkeys = ids(c.req.query('p'), 'pubkeys');
      const accounts = book.accounts(desk);
      const labels: Record<string, { label: string; reason: string }> = {};
      for (const p of pubkeys) {
        const v = accounts.get(p);
        if (v && v.label !== 'unverified') labels[p] = { label: v.label, reason: v.reason };
        else if (desk.members.has(p)) labels[p] = { label: 'trusted', reason: 'desk member' };
      }
      return c.json(
        { desk: deskSummary(desk).coordinate, events: badges(book, desk, events), accounts: labels },
        200,
        HEADERS,
      );
    });
    app.get('/api/desk/claims/:id', async (c) => {
      const desk = deskOf(c);
      await book.settled();
      const id = c.req.param('id');
      if (!isHex64(id)) throw badRequest('a claim id is 64 lowercase hex characters');
      const claim = book.claims.get(id);
      // An event id names the claim opened on it, so a post's badge can link to its claim.
      const view = claim ? book.compute(claim, desk) : claimOn(book, desk, id);
      if (!view) throw notFound('no claim with this id on this node');
      const events: Record<string, unknown> = {};
      for (const s of view.sources) if (s.target.type === 'event') events[s.target.id] = book.event(s.target.id);
      const accounts = book.accounts(desk);
      const authors: Record<string, string> = {};
      for (const s of view.sources)
        if (s.author)
          authors[s.author] = accounts.get(s.author)?.label ?? (desk.members.has(s.author) ? 'trusted' : 'unverified');
      return c.json({ desk: deskSummary(desk), claim: view, events, accounts: authors }, 200, HEADERS);
    });
    app.get('/api/desk/queue', async (c) => {
      const desk = deskOf(c);
      await book.settled();
      const state = c.req.query('state') ?? 'open';
      if (!/^[a-z][a-z0-9_-]{0,31}$/.test(state)) throw badRequest('state is open, all or a state name');
      return c.json(
        { desk: deskSummary(desk), claims: queueClaims(book, desk, state), reports: openReports(book, desk) },
        200,
        HEADERS,
      );
    });
    app.get('/api/desk/accounts/:pubkey', async (c) => {
      const desk = deskOf(c);
      const pubkey = c.req.param('pubkey');
      if (!isHex64(pubkey)) throw badRequest('a pubkey is 64 lowercase hex characters');
      const view = book.accounts(desk).get(pubkey);
      const trust = await trustContext(deps.store, book, desk, pubkey);
      return c.json(
        {
          pubkey,
          member: desk.members.has(pubkey),
          label: view?.label ?? 'unverified',
          reason: view?.reason ?? '',
          history: view?.history ?? [],
          trust,
        },
        200,
        HEADERS,
      );
    });
  };
}
