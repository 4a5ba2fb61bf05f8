/** Synthetic post text in English, Persian or both, sized like real microblog posts. */
const english = (
  'the a of and to in is on for at with from by people street police crowd tonight square ' +
  'march protest vote votes election results phone internet blocked slow confirmed source ' +
  'sources report reports video photo witnesses university students near north south ' +
  'tehran azadi avenue road bridge station hospital injured arrested released news now ' +
  'please share stay safe need more information heard shots gas smoke rooftops chanting ' +
  'quiet again morning evening thousands hundreds today yesterday still waiting update'
).split(' ');

const persian = (
  'و در به از که این را با است برای آن یک خیابان مردم پلیس امشب میدان راهپیمایی رای ' +
  'انتخابات نتایج تلفن اینترنت قطع کند تایید منبع گزارش ویدیو عکس شاهدان دانشگاه ' +
  'دانشجویان نزدیک شمال جنوب تهران آزادی پل ایستگاه بیمارستان زخمی بازداشت آزاد خبر ' +
  'الان لطفا پخش کنید مراقب باشید اطلاعات بیشتر صدای تیر گاز دود پشت‌بام شعار ' +
  'دوباره صبح عصر هزاران صدها امروز دیروز هنوز منتظر'
).split(' ');

/** Hashtags carried both in content and in `t` tags (NIP-24 style), Persian ones included. */
export const hashtags = [
  'iranelection',
  'tehran',
  'azadi',
  'news',
  'confirmed',
  'verify',
  'lifeline',
  'ایران',
  'تهران',
  'انتخابات',
  'آزادی',
  'خبر',
];

/** Returns post text of roughly 3–60 words; `lang` picks the word pool(s). */
export function postText(rand: () => number): string {
  const roll = rand();
  const pools = roll < 0.5 ? [persian] : roll < 0.85 ? [english] : [english, persian];
  // Skewed length: most posts are short, a tail reaches the old 280-character habit.
  const words = 3 + Math.floor(rand() ** 2 * 57);
  const out: string[] = [];
  let pool = pools[0] ?? english;
  for (let i = 0; i < words; i++) {
    if (pools.length > 1 && rand() < 0.15) pool = pools[Math.floor(rand() * pools.length)] ?? pool;
    out.push(pool[Math.floor(rand() * pool.length)] ?? '');
  }
  return out.join(' ');
}

/** Reaction contents (NIP-25): mostly likes, some emoji. */
export const reactions = ['+', '+', '+', '+', '❤️', '🔥', '👍', '-'];
