import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { decode } from 'nostr-tools/nip19';
import { openCore } from '@lifeline/node';
import { UsageError, parseArgs } from '../args.js';
import { nodeConfig, requireNode } from '../node-config.js';
import { Progress } from '../progress.js';
import { buildSite, type SiteSelection } from '../site/build.js';
import { SiteWriter } from '../site/writer.js';
import type { Command } from './command.js';

/** `lifeline export-site`: live-blogs, accounts and hashtags as a static folder that proves itself. */
export const exportSite: Command = {
  usage:
    'export-site --out DIR [--blog NPUB/D] [--profile NPUB] [--tag TAG] [--since DATE] [settings such as --data DIR]',
  about: `Writes a folder of static HTML pages (the node's own live-blog, profile, thread and hashtag pages), media
from the node's Blossom store and, with --base-url, Atom and JSON feeds. Links are relative, so the folder
works from any static host, a USB stick or file://. Every page carries the signed events it shows, and
verify.html checks their signatures in the reader's browser without the network. Running it again over
the same folder rewrites only the files whose content changed.`,
  flags: {
    out: { kind: 'string', value: 'DIR', description: 'the folder to write (created if missing)' },
    blog: { kind: 'list', value: 'NPUB/D', description: "a live-blog: its curator's npub and its d identifier" },
    profile: { kind: 'list', value: 'NPUB', description: 'an account: its posts, their threads and its live-blogs' },
    tag: { kind: 'list', value: 'TAG', description: 'a hashtag (any spelling; folded as search folds it)' },
    since: {
      kind: 'string',
      value: 'DATE',
      description: 'only posts and blogs changed since DATE (YYYY-MM-DD or ISO time)',
    },
    'base-url': { kind: 'string', value: 'URL', description: 'where the copy will be published; enables feeds' },
    lang: { kind: 'string', value: 'en|fa', description: 'language of the pages around the posts (default en)' },
  },
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, this.flags);
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    const out = flags.out as string | undefined;
    if (!out) throw new UsageError('--out DIR is required');
    const sel = selection(flags);
    if (!sel.blogs.length && !sel.profiles.length && !sel.tags.length)
      throw new UsageError('choose what to export: --blog, --profile or --tag');
    const config = nodeConfig(rest, process.env);
    if (!config.databaseUrl) requireNode(config.data);
    const verifier = await readFile(verifierPath(config.webDir)).catch(() => {
      throw new UsageError('the web app is not built (site-verify.js missing): run "npm run build -w @lifeline/web"');
    });
    const core = await openCore({ ...config, logLevel: 'warn' });
    const progress = new Progress(process.stderr, 'files');
    let last = 0;
    try {
      const report = await buildSite(
        sel,
        { store: core.store, mediaDir: config.mediaDir || join(config.data, 'media'), verifier },
        new SiteWriter(resolve(out)),
        (done) => {
          progress.tick(done - last);
          last = done;
        },
      );
      progress.finish();
      io.err(
        `exported ${report.pages} pages, ${report.events} signed events, ${report.media} media files to ${out}: ` +
          `${report.written} written, ${report.unchanged} unchanged, ${report.removed} removed`,
      );
    } catch (err) {
      progress.finish();
      if (err instanceof UsageError) throw err;
      throw new UsageError((err as Error).message);
    } finally {
      await core.close();
    }
    return 0;
  },
};

function list(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
}

function pubkeyOf(npub: string, flag: string): string {
  try {
    const d = decode(npub);
    if (d.type === 'npub') return d.data;
    if (d.type === 'nprofile') return d.data.pubkey;
  } catch {
    // reported below
  }
  if (/^[0-9a-f]{64}$/.test(npub)) return npub;
  throw new UsageError(`--${flag} ${npub}: not an npub`);
}

/** The selection the flags name, or a UsageError saying which flag is wrong. */
function selection(flags: Record<string, unknown>): SiteSelection {
  const blogs = list(flags.blog).map((b) => {
    const slash = b.indexOf('/');
    if (slash < 0) throw new UsageError(`--blog ${b}: expected NPUB/D`);
    return { pubkey: pubkeyOf(b.slice(0, slash), 'blog'), d: b.slice(slash + 1) };
  });
  let since: number | undefined;
  if (typeof flags.since === 'string') {
    const t = Date.parse(flags.since);
    if (!Number.isFinite(t)) throw new UsageError(`--since ${flags.since}: not a date (YYYY-MM-DD or ISO time)`);
    since = Math.floor(t / 1000);
  }
  const lang = (flags.lang as string | undefined) ?? 'en';
  if (lang !== 'en' && lang !== 'fa') throw new UsageError('--lang must be en or fa');
  const baseUrl = ((flags['base-url'] as string | undefined) ?? '').replace(/\/+$/, '');
  if (baseUrl && !/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError('--base-url must be an http(s) URL');
  return {
    blogs,
    profiles: list(flags.profile).map((p) => pubkeyOf(p, 'profile')),
    tags: list(flags.tag),
    ...(since ? { since } : {}),
    lang,
    baseUrl,
  };
}

/** site-verify.js from the configured web build, else the one built with this installation. */
function verifierPath(webDir: string): string {
  if (webDir) return join(webDir, 'site-verify.js');
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@lifeline/web/package.json')), 'dist', 'site-verify.js');
}
