/** Page wording in the blog's language (English unless Persian). */
export interface Strings {
  live: string;
  ended: string;
  planned: string;
  keyEvents: string;
  older: string;
  newer: string;
  update: string;
  correction: string;
  via: string;
  comments: string;
  noComments: string;
  commentHint: string;
  commentInApp: string;
  archiveOf: (date: string) => string;
  latestLink: string;
  previousDay: (date: string) => string;
  verified: string;
  unverified: string;
  history: string;
  posted: string;
  edited: string;
  permalink: string;
  allEntries: string;
  noEntries: string;
  feeds: string;
  /** Heading of a community note the node rates helpful. */
  readersAdded: string;
  sources: string;
}

const en: Strings = {
  live: 'Live',
  ended: 'Ended',
  planned: 'Planned',
  keyEvents: 'Key events',
  older: 'Older entries',
  newer: 'Newer entries',
  update: 'Update',
  correction: 'Correction',
  via: 'via',
  comments: 'Reader comments',
  noComments: 'No comments yet.',
  commentHint:
    'Readers with a Nostr key can comment here (through a key extension, with JavaScript on) or from any Nostr app.',
  commentInApp: 'Comment in the Lifeline app',
  archiveOf: (date) => `This is the archive of ${date}.`,
  latestLink: 'For the latest, click here',
  previousDay: (date) => `Earlier coverage: ${date}`,
  verified: 'signature verified',
  unverified: "could not be verified — not shown as anyone's words",
  history: 'History',
  posted: 'posted',
  edited: 'edited',
  permalink: 'Permalink',
  allEntries: 'All entries',
  noEntries: 'No entries yet.',
  feeds: 'Feeds',
  readersAdded: 'Readers added context',
  sources: 'Sources',
};

const fa: Strings = {
  live: 'زنده',
  ended: 'پایان‌یافته',
  planned: 'برنامه‌ریزی‌شده',
  keyEvents: 'رویدادهای مهم',
  older: 'مطالب قدیمی‌تر',
  newer: 'مطالب تازه‌تر',
  update: 'به‌روزرسانی',
  correction: 'اصلاحیه',
  via: 'از طریق',
  comments: 'نظرهای خوانندگان',
  noComments: 'هنوز نظری نیست.',
  commentHint:
    'خوانندگانی که کلید ناستر دارند می‌توانند همین‌جا (با افزونهٔ کلید و جاوااسکریپت روشن) یا از هر برنامهٔ ناستر نظر بدهند.',
  commentInApp: 'نظر دادن در برنامهٔ لایف‌لاین',
  archiveOf: (date) => `این بایگانی ${date} است.`,
  latestLink: 'برای تازه‌ترین خبرها اینجا را بزنید',
  previousDay: (date) => `پوشش پیشین: ${date}`,
  verified: 'امضا تأیید شد',
  unverified: 'تأیید نشد — به نام کسی نمایش داده نمی‌شود',
  history: 'تاریخچه',
  posted: 'منتشر شد',
  edited: 'ویرایش شد',
  permalink: 'پیوند ثابت',
  allEntries: 'همهٔ مطالب',
  noEntries: 'هنوز مطلبی نیست.',
  feeds: 'خوراک‌ها',
  readersAdded: 'خوانندگان زمینه افزودند',
  sources: 'منابع',
};

/** The strings for a blog language. */
export function stringsFor(lang: string): Strings {
  return lang.startsWith('fa') ? fa : en;
}
