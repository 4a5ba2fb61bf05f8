import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { uploadImage } from '../../media/upload.js';
import { currentSigner } from '../../state/session.js';

/**
 * An avatar or banner picker: the file is stripped on this device and uploaded to the node's media
 * server (media/upload.ts); the field then holds the node's URL.
 */
export function ImageField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (url: string) => void;
  onBusy?: (busy: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const id = `${props.name}-file`;
  return (
    <fieldset class="image-field">
      <legend>{props.label}</legend>
      {props.value && <img class={props.name === 'banner' ? 'banner' : 'avatar'} src={props.value} alt="" />}
      {/* The label looks like a button and opens the picker; the native control, whose text the
          browser writes in its own language, stays focusable but out of sight. */}
      <label for={id} class="button">
        {t('uploadImageFor', { what: props.label })}
      </label>
      <input
        id={id}
        class="skip"
        name={`${props.name}-file`}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        disabled={busy}
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (!file) return;
          setBusy(true);
          props.onBusy?.(true);
          setError('');
          try {
            props.onChange(await uploadImage(file, currentSigner(), `Upload a profile ${props.name}`));
          } catch (err) {
            setError(t('uploadFailed', { message: (err as Error).message }));
          } finally {
            setBusy(false);
            props.onBusy?.(false);
          }
        }}
      />
      {busy && <p role="status">{t('uploading')}</p>}
      {props.value && (
        <button type="button" onClick={() => props.onChange('')}>
          {t('removeImageField', { what: props.label })}
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
