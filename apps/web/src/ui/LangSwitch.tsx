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
          setLang(e.currentTarget.value as 'en' | 'fa');
          rerender();
        }}
      >
        <option value="en">English</option>
        <option value="fa">فارسی</option>
      </select>
    </label>
  );
}
