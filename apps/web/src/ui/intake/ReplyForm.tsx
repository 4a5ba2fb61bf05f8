import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { IntakeError, replyIntake, type IntakeMessage } from '../../state/intake.js';

/** Longest reply per channel, as the node enforces it: ten SMS, about two fax pages. */
const MAX_LENGTH = { email: 20_000, sms: 1_600, fax: 6_000 } as const;

/**
 * Replies to a message's sender the way it came (email, SMS, or a fax page the node renders). The address is opened here, on the member's device, from the
 * contact details the node sealed to the member's key, and sent only with the reply itself.
 */
export function ReplyForm(props: {
  message: IntakeMessage;
  onDone: (what: string) => void;
  onError: (why: string) => void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const send = () => {
    setBusy(true);
    replyIntake(props.message.id, text.trim())
      .then(
        () => {
          setText('');
          props.onDone(t('intakeReplied'));
        },
        (e: Error) =>
          props.onError(e instanceof IntakeError && e.message === 'no-nip44' ? t('intakeReplyNoKey') : e.message),
      )
      .finally(() => setBusy(false));
  };
  return (
    <div class="intake-reply">
      <label for="intake-reply">{t('intakeReplyText')}</label>
      <textarea
        id="intake-reply"
        dir="auto"
        rows={3}
        maxLength={MAX_LENGTH[props.message.channel]}
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <button type="button" disabled={busy || !text.trim()} onClick={send}>
        {t('intakeReply')}
      </button>
    </div>
  );
}
