import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { attachSource, loadDesk, loadQueue, type QueueItem } from '../../state/desk.js';
import type { IntakeMessage } from '../../state/intake.js';

/**
 * Attaches an intake message to one of the desk's open claims as a source: the message is
 * published first when it is not yet (the source must be an event), and the label carries the
 * pseudonymous sender id so several reports from one sender count once on the claim.
 */
export function AttachToClaim(props: {
  message: IntakeMessage;
  /** Publishes the message as the review stands and returns the event id. */
  publish: () => Promise<string>;
  onDone: (what: string) => void;
  onError: (why: string) => void;
}) {
  const [claims, setClaims] = useState<QueueItem[]>([]);
  const [claim, setClaim] = useState('');
  useEffect(() => {
    let live = true;
    loadDesk()
      .then((d): Promise<QueueItem[]> => (d ? loadQueue('open').then((q) => q.claims) : Promise.resolve([])))
      .then(
        (c) => live && setClaims(c),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  if (!claims.length) return null;
  const attach = async () => {
    const event = props.message.published ?? (await props.publish());
    const { refused } = await attachSource({
      claim,
      event,
      kind: 'primary',
      verified: false,
      stance: 'supports',
      sender: props.message.sender,
    });
    if (refused) throw new Error(refused);
  };
  return (
    <div class="intake-attach">
      <label>
        {t('intakeClaim')}{' '}
        <select value={claim} onChange={(e) => setClaim((e.target as HTMLSelectElement).value)}>
          <option value="">{t('intakeNoClaim')}</option>
          {claims.map((c) => (
            <option key={c.claim} value={c.claim} dir="auto">
              {c.text.slice(0, 80)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button
        type="button"
        disabled={!claim}
        onClick={() =>
          attach().then(
            () => props.onDone(t('intakeAttached')),
            (e: Error) => props.onError(e.message),
          )
        }
      >
        {t('intakeAttach')}
      </button>
    </div>
  );
}
