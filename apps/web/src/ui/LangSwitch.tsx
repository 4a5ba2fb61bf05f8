import { lang, setLang } from '../i18n/index.js';
import { rerender } from '../state/app.js';

/** English / فارسی switch; flips `<html dir>` so the whole layout mirrors. */
export function LangSwitch() {
  return (
    <label class="lang-switch">
      <span class="skip">Language / زبان</span>
      <select
        aria-label="Language / زبان"
        value={lang()}
        onChange={(e) => {
          // The other language's strings are a chunk of their own: re-render once they are here.
          void setLang(e.currentTarget.value as 'en' | 'fa').then(rerender, () => rerender());
        }}
      >
        <option value="en">English</option>
        <option value="fa">فارسی</option>
      </select>
    </label>
  );
}
