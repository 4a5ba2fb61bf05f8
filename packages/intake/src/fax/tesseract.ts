import { spawn } from 'node:child_process';

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
export function tesseractWords(png: Buffer, lang: string, dpi: number, timeoutMs = 120_000): Promise<OcrWord[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(TESSERACT, ['stdin', 'stdout', '-l', lang, '--dpi', String(dpi), 'tsv'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new Error('tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-fas tesseract-ocr-eng)')
          : e,
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(
          new Error(
            signal ? `OCR stopped (${signal}): the page took too long` : `OCR failed: ${err.trim().split('\n').pop()}`,
          ),
        );
      resolve(parseTsv(Buffer.concat(out).toString('utf8')));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(png);
  });
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
