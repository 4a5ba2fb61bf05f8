import type { Blog } from './blog.js';
import { plainText } from './markdown.js';
import type { ResolvedEntry } from './resolve.js';
import { iso } from './time.js';

/** schema.org LiveBlogPosting for a blog page, with each entry as a liveBlogUpdate. */
export function liveBlogJsonLd(blog: Blog, entries: ResolvedEntry[], pageUrl: string, modified: number): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    '@id': pageUrl,
    url: pageUrl,
    headline: blog.title,
    description: blog.summary,
    inLanguage: blog.lang,
    datePublished: iso(blog.starts ?? blog.event.created_at),
    dateModified: iso(modified),
    coverageStartTime: iso(blog.starts ?? blog.event.created_at),
    ...(blog.ends || blog.status === 'ended' ? { coverageEndTime: iso(blog.ends ?? modified) } : {}),
    ...(blog.image ? { image: blog.image } : {}),
    liveBlogUpdate: entries.map((e) => ({
      '@type': 'BlogPosting',
      '@id': `${pageUrl}/entry/${e.id}`,
      url: `${pageUrl}/entry/${e.id}`,
      headline: e.headline,
      datePublished: iso(e.time),
      dateModified: iso(e.modified ?? e.time),
      articleBody: [plainText(e.body), ...e.updates.map((u) => u.text)].join('\n\n'),
      ...(e.images[0] ? { image: e.images[0].url } : {}),
    })),
  };
}

/** JSON for a <script type="application/ld+json"> block: `<` escaped so text cannot close the element. */
export function jsonForScript(value: object): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
