import { esc, isSafeUrl } from './html.js';

// Inline syntax, first match wins: `code`, [text](url), **strong**, *em* / _em_, bare URL.
const INLINE =
  /`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|(?<![\p{L}\p{N}])_([^_\n]+)_(?![\p{L}\p{N}])|(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]])/gu;

function link(url: string, label: string): string {
  return `<a href="${esc(url)}" rel="nofollow noopener noreferrer" dir="auto">${label}</a>`;
}

/** Renders inline Markdown; every piece of user text passes through `esc`. */
export function inline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += esc(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, code, label, url, strong, em1, em2, bare] = m;
    if (code !== undefined) out += `<code>${esc(code)}</code>`;
    else if (label !== undefined) out += isSafeUrl(url!) ? link(url!, inline(label)) : esc(m[0]);
    else if (strong !== undefined) out += `<strong>${inline(strong)}</strong>`;
    else if (em1 !== undefined || em2 !== undefined) out += `<em>${inline((em1 ?? em2)!)}</em>`;
    else if (bare !== undefined) out += link(bare, esc(bare));
  }
  return out + esc(text.slice(last));
}

/**
 * The safe Markdown subset for entry bodies: paragraphs, line breaks, `-`/`*` lists, `>` quotes,
 * `#`–`###` headings (rendered one level below the entry headline), code, links (http/https only),
 * strong and emphasis. Raw HTML is never passed through: it comes out as text.
 */
export function renderMarkdown(source: string): string {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const html: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      html.push(`<ul>${lines.map((l) => `<li dir="auto">${inline(l.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`);
    } else if (lines.every((l) => /^\s*>/.test(l))) {
      html.push(
        `<blockquote dir="auto">${lines.map((l) => inline(l.replace(/^\s*>\s?/, ''))).join('<br>')}</blockquote>`,
      );
    } else if (lines.length === 1 && /^#{1,3}\s+/.test(lines[0]!)) {
      const level = Math.min(6, lines[0]!.match(/^#+/)![0].length + 3);
      html.push(`<h${level} dir="auto">${inline(lines[0]!.replace(/^#+\s+/, ''))}</h${level}>`);
    } else {
      html.push(`<p dir="auto">${lines.map(inline).join('<br>')}</p>`);
    }
  }
  return html.join('\n');
}

/** Plain text of a Markdown body, for feeds' summaries and JSON-LD articleBody. */
export function plainText(source: string): string {
  return source
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*(#{1,3}|>|[-*])\s+/gm, '')
    .trim();
}
