import { MAX_MEDIA } from '@lifeline/client';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import type { PendingImage } from '../../media/attach.js';

/**
 * The composer's images: a button that adds up to four, and for each a preview of the clean copy
 * (what will be uploaded, already stripped on this device), its alt text and a remove button.
 */
export function Attachments(props: {
  items: PendingImage[];
  busy: boolean;
  idPrefix: string;
  onAdd: (files: File[]) => void;
  onChange: (items: PendingImage[]) => void;
}) {
  const { items } = props;
  const input = useRef<HTMLInputElement>(null);
  // The previews are blob: URLs; they are freed when the composer goes away.
  useEffect(
    () => () => {
      for (const i of items) URL.revokeObjectURL(i.preview);
    },
    [],
  );
  return (
    <>
      {items.length > 0 && (
        <ul class="attachments" aria-label={t('attachedImages')}>
          {items.map((item, n) => (
            <li key={item.key}>
              <img src={item.preview} alt="" />
              <label>
                {t('imageAlt', { n: n + 1 })}
                <input
                  name={`alt-${n + 1}`}
                  dir="auto"
                  value={item.alt}
                  maxLength={1000}
                  onInput={(e) =>
                    props.onChange(items.map((i) => (i === item ? { ...i, alt: e.currentTarget.value } : i)))
                  }
                />
              </label>
              <button
                type="button"
                onClick={() => {
                  URL.revokeObjectURL(item.preview);
                  props.onChange(items.filter((i) => i !== item));
                }}
              >
                {t('removeImage', { n: n + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={input}
        id={`${props.idPrefix}-images`}
        // Hidden: the "Add images" button below opens it, so keyboard and screen-reader users meet one control.
        hidden
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) props.onAdd(files);
        }}
      />
      <button
        type="button"
        disabled={props.busy || items.length >= MAX_MEDIA}
        onClick={() => input.current?.click()}
        aria-describedby={`${props.idPrefix}-images-hint`}
      >
        {t('addImages')}
      </button>
      <span id={`${props.idPrefix}-images-hint`} class="skip">
        {t('addImagesHint', { max: MAX_MEDIA })}
      </span>
    </>
  );
}
