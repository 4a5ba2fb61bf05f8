import type { ProfileFields } from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { saveProfile } from '../../state/actions.js';
import { profileOf, profilesTick } from '../../state/profiles.js';
import type { PublishReport } from '../../state/publish.js';
import { useStore } from '../../state/store.js';
import { PublishResults } from '../PublishResults.js';
import { ImageField } from './ImageField.js';

type Field = Exclude<keyof ProfileFields, 'picture' | 'banner'>;
const TEXT_FIELDS: Array<{ key: Field; label: () => string; ltr?: boolean; url?: boolean; multiline?: boolean }> = [
  { key: 'display_name', label: () => t('displayName') },
  { key: 'name', label: () => t('name') },
  { key: 'about', label: () => t('about'), multiline: true },
  { key: 'website', label: () => t('website'), ltr: true, url: true },
  { key: 'nip05', label: () => t('nip05Field'), ltr: true },
];

/**
 * Settings → Edit profile: names, about, website, NIP-05, and an avatar and banner uploaded through
 * the node's media server. No location or time-zone fields, on purpose.
 */
export function ProfileForm(props: { me: string }) {
  useStore(profilesTick);
  const p = profileOf(props.me);
  const [fields, setFields] = useState<ProfileFields>(p ?? {});
  const [dirty, setDirty] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [report, setReport] = useState<PublishReport | null>(null);
  // The profile may arrive after the form opened: take it unless the user already typed.
  useEffect(() => {
    if (!dirty && p) setFields(p);
  }, [p, dirty]);
  const set = (key: keyof ProfileFields, value: string) => {
    setDirty(true);
    setFields((f) => ({ ...f, [key]: value }));
  };
  return (
    <form
      class="card"
      aria-labelledby="profile-h"
      onSubmit={async (e) => {
        e.preventDefault();
        setReport(await saveProfile(fields));
        setDirty(false);
      }}
    >
      <h2 id="profile-h">{t('editProfile')}</h2>
      {TEXT_FIELDS.map((f) =>
        f.multiline ? (
          <label key={f.key}>
            {f.label()}
            <textarea
              name={f.key}
              dir="auto"
              value={fields[f.key] ?? ''}
              onInput={(e) => set(f.key, e.currentTarget.value)}
            />
          </label>
        ) : (
          <label key={f.key}>
            {f.label()}
            <input
              name={f.key}
              inputMode={f.url ? 'url' : undefined}
              dir={f.ltr ? undefined : 'auto'}
              class={f.ltr ? 'ltr' : undefined}
              placeholder={f.key === 'nip05' ? 'name@example.org' : undefined}
              value={fields[f.key] ?? ''}
              onInput={(e) => set(f.key, e.currentTarget.value)}
            />
          </label>
        ),
      )}
      <ImageField
        label={t('avatar')}
        name="picture"
        value={fields.picture ?? ''}
        onChange={(url) => set('picture', url)}
        onBusy={setUploading}
      />
      <ImageField
        label={t('banner')}
        name="banner"
        value={fields.banner ?? ''}
        onChange={(url) => set('banner', url)}
        onBusy={setUploading}
      />
      <p class="muted">{t('profileNoLocation')}</p>
      <button class="primary" type="submit" disabled={uploading}>
        {t('save')}
      </button>
      {report && <PublishResults report={report} />}
    </form>
  );
}
