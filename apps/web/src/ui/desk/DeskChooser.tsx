import { t } from '../../i18n/index.js';
import { chooseDesk, desk, desks } from '../../state/desk.js';
import { useStore } from '../../state/store.js';

/** Which of the node's desks the reader follows; shown only when the node follows more than one. */
export function DeskChooser(props: { onChange?: () => void }) {
  const all = useStore(desks);
  const current = useStore(desk);
  if (all.length < 2) return null;
  return (
    <label class="desk-chooser">
      {t('deskFollowed')}{' '}
      <select
        data-testid="desk-chooser"
        value={current?.coordinate ?? ''}
        onChange={(e) => {
          chooseDesk(e.currentTarget.value);
          props.onChange?.();
        }}
      >
        {all.map((d) => (
          <option value={d.coordinate}>{d.title || `${d.owner.slice(0, 8)}…`}</option>
        ))}
      </select>
    </label>
  );
}
