import { schema, type Config, type Setting, type SettingName } from './schema.js';

/** A setting that could not be read; the message names the flag or variable at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `maxSubscriptions` -> `max-subscriptions`. */
export const flagName = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** `maxSubscriptions` -> `LIFELINE_MAX_SUBSCRIPTIONS`. */
export const envName = (key: string): string => `LIFELINE_${flagName(key).replace(/-/g, '_').toUpperCase()}`;

const byFlag = new Map<string, SettingName>((Object.keys(schema) as SettingName[]).map((k) => [flagName(k), k]));

function coerce(key: SettingName, raw: string, where: string): string | number | boolean {
  const s: Setting<string | number | boolean> = schema[key];
  switch (s.type) {
    case 'number': {
      const n = Number(raw);
      const min = s.min ?? 0;
      const max = s.max ?? Number.MAX_SAFE_INTEGER;
      if (raw.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
        throw new ConfigError(
          `${where}: expected a whole number ${s.max === undefined ? `>= ${min}` : `from ${min} to ${max}`}, got "${raw}"`,
        );
      }
      return n;
    }
    case 'boolean':
      if (['true', '1', 'yes', 'on', ''].includes(raw)) return true;
      if (['false', '0', 'no', 'off'].includes(raw)) return false;
      throw new ConfigError(`${where}: expected true or false, got "${raw}"`);
    default:
      if (s.choices && !s.choices.includes(raw)) {
        throw new ConfigError(`${where}: expected one of ${s.choices.join(', ')}, got "${raw}"`);
      }
      for (const item of s.list ? raw.split(',').map((v) => v.trim()) : [raw]) {
        if (s.schemes && item !== '' && !(URL.canParse(item) && s.schemes.includes(new URL(item).protocol))) {
          throw new ConfigError(`${where}: expected ${schemesText(s.schemes)}, got "${item}"`);
        }
      }
      return raw;
  }
}

const schemesText = (schemes: readonly string[]) => `a URL starting with ${schemes.map((p) => `${p}//`).join(' or ')}`;

/** What values a setting accepts beyond its type, as a sentence for --help and docs/config.md ('' when any). */
function allowedValues(s: Setting<string | number | boolean>): string {
  if (s.choices) return `One of: ${s.choices.join(', ')}.`;
  if (s.schemes) return `Empty or ${schemesText(s.schemes)}.`;
  if (s.type !== 'number') return '';
  if (s.max !== undefined) return `From ${s.min ?? 0} to ${s.max}.`;
  return s.min ? `At least ${s.min}.` : '';
}

/** The defaults of every setting. */
export function defaults(): Config {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(schema)) out[k] = s.default;
  return out as Config;
}

/**
 * Resolves the configuration: defaults, then `LIFELINE_*` environment variables, then flags
 * (`--port 9000`, `--port=9000`, `--auth-required`, `--no-auth-required`). Unknown flags and
 * unknown `LIFELINE_*` variables are errors, so a typo never silently runs with a default.
 */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Config {
  const cfg = defaults() as Record<string, unknown>;
  const byEnv = new Map((Object.keys(schema) as SettingName[]).map((k) => [envName(k), k]));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('LIFELINE_') || value === undefined) continue;
    const key = byEnv.get(name);
    if (!key) throw new ConfigError(`unknown environment variable ${name}`);
    cfg[key] = coerce(key, value, name);
  }
  const listed = new Set<SettingName>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument "${arg}"`);
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) [name, value] = [name.slice(0, eq), name.slice(eq + 1)];
    let key = byFlag.get(name);
    if (!key && name.startsWith('no-')) {
      key = byFlag.get(name.slice(3));
      if (key && schema[key].type === 'boolean' && value === undefined) {
        cfg[key] = false;
        continue;
      }
      key = undefined;
    }
    if (!key) throw new ConfigError(`unknown option --${name} (see --help)`);
    if (value === undefined) {
      const next = argv[i + 1];
      if (schema[key].type === 'boolean' && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined) throw new ConfigError(`--${name} needs a value`);
      else value = argv[++i]!;
    }
    const v = coerce(key, value, `--${name}`);
    // A list setting given twice on the command line keeps both (`--mirror a --mirror b`).
    cfg[key] = (schema[key] as { list?: boolean }).list && listed.has(key) && cfg[key] !== '' ? `${cfg[key]},${v}` : v;
    listed.add(key);
  }
  return cfg as Config;
}

/** The `--help` text listing every setting with the values it accepts and its default. */
export function helpText(): string {
  const lines = Object.entries(schema).map(([k, s]) => {
    const flag = `--${flagName(k)}${s.type === 'boolean' ? '' : ` <${s.type}>`}`;
    const allowed = allowedValues(s);
    return `  ${flag.padEnd(36)} ${s.description}${allowed ? ` ${allowed}` : ''} (default: ${JSON.stringify(s.default)})`;
  });
  return lines.join('\n');
}

/** docs/config.md, generated from the schema. */
export function configMarkdown(): string {
  const rows = Object.entries(schema).map(([k, s]) => {
    const allowed = allowedValues(s);
    return `| \`--${flagName(k)}\` | \`${envName(k)}\` | \`${JSON.stringify(s.default)}\` | ${s.description}${allowed ? ` ${allowed}` : ''} |`;
  });
  return [
    '# Configuration',
    '',
    'Generated from `packages/config/src/schema.ts` by `npm run docs:config`; do not edit by hand.',
    '',
    'Every setting can be given as a flag (`npm start -- --port 9000`) or an environment variable.',
    'Flags win over environment variables, which win over defaults. Unknown flags or `LIFELINE_*`',
    'variables are errors.',
    '',
    '| flag | environment | default | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
