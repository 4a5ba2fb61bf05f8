/** Tiny `--name value` / `--flag` parser shared by every bench script, so each one reads the same way. */
export interface Args {
  str(name: string, fallback: string): string;
  optional(name: string): string | undefined;
  num(name: string, fallback: number): number;
  flag(name: string): boolean;
}

/** Parses argv (defaults to process.argv) into typed getters; unknown flags are left to the caller. */
export function parseArgs(argv: string[] = process.argv.slice(2)): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === undefined || !token.startsWith('--')) continue;
    const eq = token.indexOf('=');
    if (eq > 0) {
      values.set(token.slice(2, eq), token.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      values.set(token.slice(2), next);
      i++;
    } else {
      values.set(token.slice(2), 'true');
    }
  }
  return {
    str: (name, fallback) => values.get(name) ?? fallback,
    optional: (name) => values.get(name),
    num(name, fallback) {
      const raw = values.get(name);
      if (raw === undefined) return fallback;
      const n = Number(raw.replace(/_/g, ''));
      if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got ${raw}`);
      return n;
    },
    flag: (name) => values.get(name) === 'true',
  };
}
