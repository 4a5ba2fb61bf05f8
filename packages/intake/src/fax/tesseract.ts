import { lastLine, runTool } from '../run-tool.js';

/** One recognised word with its line and box, from tesseract's TSV output. */
export interface OcrWord {
  /** block-paragraph-line: the words of one text line share it. */
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

/** Where the Debian tesseract-ocr binary is; its language data comes from tesseract-ocr-fas and -eng. */
export const TESSERACT = process.env.LIFELINE_TESSERACT ?? 'tesseract';

/**
 * Runs Debian's `tesseract` on one page image in a child process (never on the event loop), with
 * one language, and returns its words. The image goes in on stdin, TSV comes out on stdout;
 * nothing touches the disk and nothing is downloaded: the language data is the Debian package's.
 */
export async function tesseractWords(png: Buffer, lang: string, dpi: number, timeoutMs = 120_000): Promise<OcrWord[]> {
  const run = await runTool({
    command: TESSERACT,
    args: ['stdin', 'stdout', '-l', lang, '--dpi', String(dpi), 'tsv'],
    input: png,
    timeoutMs,
    debian: 'tesseract-ocr tesseract-ocr-fas tesseract-ocr-eng',
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
  });
  if (run.signal) throw new Error(`OCR stopped (${run.signal}): the page took too long`);
  if (run.code !== 0) throw new Error(`OCR failed: ${lastLine(run)}`);
  return parseTsv(run.stdout.toString('utf8'));
}

/** Words (level 5 rows with text) from tesseract's TSV. */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = (f[11] ?? '').trim();
    if (!text) continue;
    words.push({
      line: `${f[2]}-${f[3]}-${f[4]}`,
      left: Number(f[6]),
      top: Number(f[7]),
      width: Number(f[8]),
      height: Number(f[9]),
      conf: Number(f[10]),
      text,
    });
  }
  return words;
}
