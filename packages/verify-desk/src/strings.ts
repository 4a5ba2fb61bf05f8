import type { ClaimBadge } from './claim.js';
import type { SourceReason } from './independence.js';

/*
 * The desk's words in English and Persian, in one place because both the web app and the
 * server-rendered live-blog pages (no JavaScript) say them. Persian numbers use Persian digits.
 */

/** A language the desk's words exist in. */
export type DeskLang = 'en' | 'fa';

const num = (n: number, lang: DeskLang) => (lang === 'fa' ? n.toLocaleString('fa-IR') : String(n));

const STATES: Record<string, { en: string; fa: string }> = {
  unstarted: { en: 'Unstarted', fa: 'شروع‌نشده' },
  in_progress: { en: 'In progress', fa: 'در حال بررسی' },
  confirmed: { en: 'Confirmed', fa: 'تأیید شد' },
  false: { en: 'False', fa: 'نادرست' },
  misleading: { en: 'Misleading', fa: 'گمراه‌کننده' },
  inconclusive: { en: 'Inconclusive', fa: 'بی‌نتیجه' },
};

const ACCOUNTS: Record<string, { en: string; fa: string }> = {
  trusted: { en: 'Trusted by the desk', fa: 'مورد اعتماد میز' },
  unverified: { en: 'Unverified', fa: 'تأییدنشده' },
  suspected_sockpuppet: { en: 'Suspected sockpuppet', fa: 'مشکوک به حساب جعلی' },
  sockpuppet: { en: 'Sockpuppet', fa: 'حساب جعلی' },
};

/** A state's name; desk-defined states bring their own names. */
export function stateName(
  state: string,
  lang: DeskLang,
  custom: readonly { value: string; en: string; fa: string }[] = [],
): string {
  const c = custom.find((s) => s.value === state);
  return (c ?? STATES[state])?.[lang] ?? state;
}

/** An account label's name. */
export function accountLabelName(label: string, lang: DeskLang): string {
  return ACCOUNTS[label]?.[lang] ?? label;
}

/** The badge as people wrote it in 2009: "Confirmed · 3 independent sources", "Confirmed by 1 independent source — needs 2 more". */
export function badgeText(
  b: ClaimBadge,
  lang: DeskLang,
  custom: readonly { value: string; en: string; fa: string }[] = [],
): string {
  if (b.state === 'confirmed')
    return lang === 'fa'
      ? `تأیید شد · ${num(b.independent, lang)} منبع مستقل`
      : `Confirmed · ${b.independent} independent source${b.independent === 1 ? '' : 's'}`;
  if (b.state !== 'unstarted' && b.state !== 'in_progress') return stateName(b.state, lang, custom);
  if (b.independent === 0)
    return lang === 'fa'
      ? `${stateName(b.state, lang)} · هنوز منبع مستقلی نیست`
      : `${stateName(b.state, lang)} · no independent source yet`;
  if (b.missing === 0)
    return lang === 'fa'
      ? `${num(b.independent, lang)} منبع مستقل · آماده‌ی تأیید`
      : `${b.independent} independent source${b.independent === 1 ? '' : 's'} · ready to confirm`;
  return lang === 'fa'
    ? `تأییدشده با ${num(b.independent, lang)} منبع مستقل — ${num(b.missing, lang)} منبع دیگر لازم است`
    : `Confirmed by ${b.independent} independent source${b.independent === 1 ? '' : 's'} — needs ${b.missing} more`;
}

/** Why a source does or does not count, in words ("quotes source 1", "92% same text as source 2"). */
export function reasonText(r: SourceReason, lang: DeskLang): string {
  const fa = lang === 'fa';
  const s = 'source' in r ? num(r.source, lang) : '';
  switch (r.code) {
    case 'counts':
      return fa ? 'مستقل — شمرده می‌شود' : 'independent — counts';
    case 'suggestion':
      return fa ? 'پیشنهاد یک غیرعضو — شمرده نمی‌شود' : 'suggested by a non-member — not counted';
    case 'contradicts':
      return fa ? 'ادعا را رد می‌کند' : 'contradicts the claim';
    case 'missing':
      return fa ? 'رویداد منبع روی این گره نیست' : 'the source event is not on this node';
    case 'sockpuppet':
    case 'suspected_sockpuppet':
      return accountLabelName(r.code, lang);
    case 'impostor':
      return fa ? 'جعل هویت یک حساب دیگر' : 'impostor of another account';
    case 'duplicate':
      return fa ? `همان منبع ${s}` : `same as source ${s}`;
    case 'linked':
      return fa ? `به گروه منبع ${s} پیوسته است` : `tied to source ${s} by another source`;
    case 'same_author':
      return fa ? `همان نویسنده‌ی منبع ${s}` : `same author as source ${s}`;
    case 'same_cluster':
      return fa ? `در همان خوشه‌ی هماهنگ منبع ${s}` : `same coordinated cluster as source ${s}`;
    case 'same_sender':
      return fa ? `همان فرستنده‌ی منبع ${s}` : `same sender as source ${s}`;
    case 'same_site':
      return fa ? `همان وب‌سایت منبع ${s}` : `same website as source ${s}`;
    case 'same_origin':
      return fa ? `از همان اصل منبع ${s}` : `relays the same original as source ${s}`;
    case 'repost_of':
      return fa ? `بازنشر منبع ${s}` : `repost of source ${s}`;
    case 'quote_of':
      return fa ? `نقل‌قول منبع ${s}` : `quotes source ${s}`;
    case 'reply_to':
      return fa ? `پاسخ به منبع ${s}` : `reply to source ${s}`;
    case 'reposted_by':
      return fa ? `منبع ${s} آن را بازنشر کرده` : `reposted by source ${s}`;
    case 'quoted_by':
      return fa ? `منبع ${s} آن را نقل کرده` : `quoted by source ${s}`;
    case 'replied_by':
      return fa ? `منبع ${s} به آن پاسخ داده` : `answered by source ${s}`;
    case 'near_duplicate':
      return fa ? `${num(r.percent, lang)}٪ همان متن منبع ${s}` : `${r.percent}% same text as source ${s}`;
  }
}
