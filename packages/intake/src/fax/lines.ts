import type { OcrWord } from './tesseract.js';

/** A text line as read in one language: its box, mean word confidence and text. */
export interface OcrLine {
  top: number;
  bottom: number;
  left: number;
  right: number;
  conf: number;
  text: string;
  lang: string;
}

const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

/** OCR output made comparable: bidi control marks removed, Arabic yeh/kaf as the Persian letters, spaces collapsed. */
export function cleanOcrText(s: string): string {
  return s
    .replace(BIDI_MARKS, '')
    .replace(/\u064a/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/\s+/g, ' ')
    .trim();
}

const RTL = /[\u0600-\u06ff]/;

/** Groups one pass's words into lines, words in reading order (right to left for Persian). */
export function toLines(words: readonly OcrWord[], lang: string): OcrLine[] {
  const byLine = new Map<string, OcrWord[]>();
  for (const w of words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const lines: OcrLine[] = [];
  for (const ws of byLine.values()) {
    const rtl = ws.filter((w) => RTL.test(w.text)).length * 2 > ws.length;
    const ordered = [...ws].sort((a, b) => (rtl ? b.left - a.left : a.left - b.left));
    lines.push({
      top: Math.min(...ws.map((w) => w.top)),
      bottom: Math.max(...ws.map((w) => w.top + w.height)),
      left: Math.min(...ws.map((w) => w.left)),
      right: Math.max(...ws.map((w) => w.left + w.width)),
      conf: ws.reduce((s, w) => s + w.conf, 0) / ws.length,
      text: cleanOcrText(ordered.map((w) => w.text).join(' ')),
      lang,
    });
  }
  return lines.sort((a, b) => a.top - b.top);
}

const overlap = (a: OcrLine, b: OcrLine) =>
  Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)) /
  Math.max(1, Math.min(a.bottom - a.top, b.bottom - b.top));

/**
 * Chooses the language per line: the page was read once per language, and for each line the
 * reading with the higher mean confidence wins. A mixed `fas+eng` pass misreads Persian words as
 * Latin letters; one language per line does not.
 */
export function chooseLines(passes: readonly OcrLine[][]): OcrLine[] {
  const all = passes.flat().sort((a, b) => a.top - b.top);
  const chosen: OcrLine[] = [];
  for (const line of all) {
    const rival = chosen.findIndex((c) => overlap(c, line) > 0.5);
    if (rival < 0) chosen.push(line);
    else if (line.conf > (chosen[rival] as OcrLine).conf) chosen[rival] = line;
  }
  return chosen.sort((a, b) => a.top - b.top);
}

const DIGITS = /[0-9\u06f0-\u06f9\u0660-\u0669]/g;

/**
 * The fax header (the TSI line a sending machine prints: its number, date, page): a line in the
 * top 6% of the page carrying five or more digits, as read by any pass.
 */
export function isHeaderLine(line: OcrLine, pageHeight: number): boolean {
  return line.top < pageHeight * 0.06 && (line.text.match(DIGITS)?.length ?? 0) >= 5;
}
