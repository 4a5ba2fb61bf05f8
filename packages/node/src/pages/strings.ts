/** Wording of the pages without JavaScript, in English and Persian. */
export interface PageStrings {
  dir: 'ltr' | 'rtl';
  timeline: string;
  tag: (t: string) => string;
  search: string;
  searchFor: (q: string) => string;
  searchButton: string;
  profile: string;
  thread: string;
  older: string;
  nothing: string;
  openInApp: string;
  reposted: string;
  fabricated: string;
  imageHidden: string;
  replyTo: string;
  language: string;
  feed: string;
  impostor: (of: string) => string;
  liveBlogs: string;
  blogsOf: (who: string) => string;
  live: string;
  ended: string;
  planned: string;
  updated: string;
}

const en: PageStrings = {
  dir: 'ltr',
  timeline: 'Public timeline',
  tag: (t) => `#${t}`,
  search: 'Search',
  searchFor: (q) => `Search: ${q}`,
  searchButton: 'Search',
  profile: 'Posts',
  thread: 'Thread',
  older: 'Older posts',
  nothing: 'Nothing here yet.',
  openInApp: 'Open in the Lifeline app',
  reposted: 'reposted',
  fabricated: 'Fabricated repost: the embedded post fails signature verification.',
  imageHidden: 'image (not loaded)',
  replyTo: 'in reply to',
  language: 'فارسی',
  feed: 'Atom feed',
  impostor: (of) => `Possible impostor of ${of}`,
  liveBlogs: 'Live-blogs',
  blogsOf: (who) => `Live-blogs by ${who}`,
  live: 'Live',
  ended: 'Ended',
  planned: 'Planned',
  updated: 'updated',
};

const fa: PageStrings = {
  dir: 'rtl',
  timeline: 'خط زمانی عمومی',
  tag: (t) => `#${t}`,
  search: 'جستجو',
  searchFor: (q) => `جستجو: ${q}`,
  searchButton: 'جستجو',
  profile: 'نوشته‌ها',
  thread: 'رشته گفتگو',
  older: 'نوشته‌های قدیمی‌تر',
  nothing: 'هنوز چیزی اینجا نیست.',
  openInApp: 'باز کردن در برنامه لایف‌لاین',
  reposted: 'بازنشر کرد',
  fabricated: 'بازنشر جعلی: امضای نوشته درون آن معتبر نیست.',
  imageHidden: 'تصویر (بارگذاری نشد)',
  replyTo: 'در پاسخ به',
  language: 'English',
  feed: 'خوراک Atom',
  impostor: (of) => `احتمالاً جعل هویت ${of}`,
  liveBlogs: 'گزارش‌های زنده',
  blogsOf: (who) => `گزارش‌های زنده ${who}`,
  live: 'زنده',
  ended: 'پایان‌یافته',
  planned: 'برنامه‌ریزی‌شده',
  updated: 'به‌روزرسانی',
};

/** Persian when `?lang=fa`, or when there is no `?lang` and Accept-Language prefers Persian. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): 'en' | 'fa' {
  if (query === 'fa' || query === 'en') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('fa') ? 'fa' : 'en';
}

/** The strings of one language. */
export function pageStrings(lang: 'en' | 'fa'): PageStrings {
  return lang === 'fa' ? fa : en;
}
