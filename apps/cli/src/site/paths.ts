import { posix } from 'node:path';

/**
 * Where each node route lives in a static copy, and the relative href from one exported file to
 * another, so the folder works from any host path and from file://.
 */
export class SitePaths {
  /** Exported files by the node route they copy. */
  readonly #files = new Map<string, string>();

  /** `baseUrl`: where the copy will be published, for links to routes the copy does not hold. */
  constructor(private readonly baseUrl = '') {}

  /** Records that `route` is exported to `file` (a relative POSIX path). */
  add(route: string, file: string): string {
    this.#files.set(route, file);
    return file;
  }

  /** The file a route is exported to, if it is. */
  fileOf(route: string): string | undefined {
    return this.#files.get(route);
  }

  /** A link maker for pages written to `from`: exported routes become relative hrefs. */
  linker(from: string): (route: string) => string {
    return (route) => {
      const [path, fragment] = splitFragment(route);
      const file = this.#files.get(path);
      if (file) return relativeHref(from, file) + fragment;
      // Not in this copy: the published node has it, when we know where that is.
      return this.baseUrl ? `${this.baseUrl}${route}` : `#${route}`;
    };
  }
}

function splitFragment(route: string): [string, string] {
  const i = route.indexOf('#');
  return i <= 0 ? [route, ''] : [route.slice(0, i), route.slice(i)];
}

/** The href from file `from` to file `to`, each segment percent-encoded. */
export function relativeHref(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to) || posix.basename(to);
  return rel
    .split('/')
    .map((seg) => (seg === '..' ? seg : encodeURIComponent(seg)))
    .join('/');
}

/** A route segment as a safe file name: decoded, no separators, never hidden or empty. */
export function fileSegment(segment: string): string {
  let s = segment;
  try {
    s = decodeURIComponent(segment);
  } catch {
    // keep as given
  }
  s = s.replace(/[/\\\0:*?"<>|]/g, '_').replace(/^\.+/, '_');
  return s === '' ? '_' : s.slice(0, 180);
}
