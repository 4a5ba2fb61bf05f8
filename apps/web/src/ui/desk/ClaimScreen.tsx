import {
  ACCOUNT_LABELS,
  accountLabelName,
  badgeOf,
  badgeText,
  reasonText,
  stateName,
  type AccountLabel,
  type SourceKind,
  type SourceView,
} from '@lifeline/verify-desk';
import { useEffect, useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.js';
import {
  amMember,
  attachSource,
  labelAccount,
  loadClaim,
  loadDesk,
  setClaimState,
  type ClaimPage,
} from '../../state/desk.js';
import { me } from '../../state/session.js';
import { Name } from '../Name.js';
import { IntakeVia } from '../intake/IntakeVia.js';
import { ClaimHistory } from './ClaimHistory.js';
import { DeskChooser } from './DeskChooser.js';
import { parseSourceRef } from './source-ref.js';

const DEFAULT_STATES = ['unstarted', 'in_progress', 'confirmed', 'false', 'misleading', 'inconclusive'];

/** The claim page (#/claim/<claim or event id>): state, every source with why it counts or not, history; members act here. */
export function ClaimScreen(props: { id: string }) {
  const [page, setPage] = useState<ClaimPage | null | undefined>(undefined);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void loadDesk().then(() => loadClaim(props.id).then(setPage, () => setPage(null)));
  }, [props.id, version]);
  if (page === undefined) return <p class="muted">{t('loading')}</p>;
  if (page === null) return <p data-testid="claim-missing">{t('deskNotFound')}</p>;
  const { claim, desk } = page;
  const reload = () => setVersion((v) => v + 1);
  const member = amMember();
  return (
    <section class="claim" data-testid="claim-page" data-state={claim.state}>
      <h1>
        {t('deskClaim')}:{' '}
        <bdi dir="auto" lang={claim.lang}>
          {claim.text}
        </bdi>
      </h1>
      <p>
        <span
          class={`badge ${claim.state === 'confirmed' ? 'ok' : claim.state === 'false' || claim.state === 'misleading' ? 'bad' : 'warn'}`}
          data-testid="claim-state"
        >
          {badgeText(badgeOf(claim), lang(), desk.states)}
        </span>{' '}
        {claim.stateReason && <bdi dir="auto">{t('deskReason', { reason: claim.stateReason })}</bdi>}
      </p>
      <DeskChooser onChange={reload} />
      <p class="muted">
        {desk.primaryConfirms ? t('deskRuleShortcut', { n: desk.minSources }) : t('deskRule', { n: desk.minSources })}
      </p>
      <h2>{t('deskSources')}</h2>
      <ol class="sources" data-testid="sources">
        {claim.sources.map((s) => (
          <SourceItem key={s.label} source={s} page={page} member={member} onChange={reload} />
        ))}
      </ol>
      {me() && <AttachForm claim={claim.id} member={member} onDone={reload} />}
      {member && (
        <StateForm
          claim={claim.id}
          states={[...DEFAULT_STATES, ...desk.states.map((s) => s.value)]}
          customs={desk.states}
          onDone={reload}
        />
      )}
      <ClaimHistory history={claim.history} customs={desk.states} />
    </section>
  );
}

function SourceItem(props: { source: SourceView; page: ClaimPage; member: boolean; onChange: () => void }) {
  const s = props.source;
  const ev = s.target.type === 'event' ? props.page.events[s.target.id] : undefined;
  return (
    <li data-testid="source" data-n={s.n} data-counts={String(s.counts)}>
      <strong>{t('deskSourceN', { n: s.n })}</strong> · {s.kind === 'primary' ? t('deskPrimary') : t('deskSecondary')}
      {s.sender ? (
        <>
          {' · '}
          <IntakeVia tags={ev?.tags} />
        </>
      ) : (
        s.author && (
          <>
            {' · '}
            <Name pubkey={s.author} />
          </>
        )
      )}
      {ev && (
        <p dir="auto" class="source-text">
          <bdi>{ev.content.slice(0, 280)}</bdi>
        </p>
      )}
      {s.target.type === 'url' && (
        <p>
          <a href={s.target.url} rel="nofollow noopener noreferrer" target="_blank" dir="ltr">
            <bdi>{s.target.url}</bdi>
          </a>
        </p>
      )}
      <p class={s.counts ? 'ok' : 'muted'} data-testid="source-reason">
        {s.counts ? '✓' : '✗'} {s.counts ? t('deskCounts') : t('deskNotCounted')}:{' '}
        {s.reasons.map((r) => reasonText(r, lang())).join('; ')}
      </p>
      {props.member && s.author && !s.sender && (
        <LabelAuthor
          pubkey={s.author}
          current={props.page.accounts[s.author] ?? 'unverified'}
          onDone={props.onChange}
        />
      )}
    </li>
  );
}

function LabelAuthor(props: { pubkey: string; current: string; onDone: () => void }) {
  const [label, setLabel] = useState(props.current);
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState('');
  return (
    <form
      class="desk-inline"
      data-testid="label-author"
      onSubmit={async (e) => {
        e.preventDefault();
        const { refused } = await labelAccount(props.pubkey, label as AccountLabel, reason);
        setMsg(refused ? t('deskRefused', { reason: refused }) : t('deskPublished'));
        if (!refused) props.onDone();
      }}
    >
      <label>
        {t('deskLabelAuthor')}{' '}
        <select value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
          {ACCOUNT_LABELS.map((l) => (
            <option value={l}>{accountLabelName(l, lang())}</option>
          ))}
        </select>
      </label>{' '}
      <input
        dir="auto"
        placeholder={t('deskStateReason')}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />{' '}
      <button type="submit">{t('deskSave')}</button> {msg && <span role="status">{msg}</span>}
    </form>
  );
}

function AttachForm(props: { claim: string; member: boolean; onDone: () => void }) {
  const [ref, setRef] = useState('');
  const [kind, setKind] = useState<SourceKind>('primary');
  const [verified, setVerified] = useState(false);
  const [contradicts, setContradicts] = useState(false);
  const [msg, setMsg] = useState('');
  return (
    <form
      class="desk-form"
      data-testid="attach-source"
      onSubmit={async (e) => {
        e.preventDefault();
        const target = parseSourceRef(ref);
        if (!target) return setMsg(t('deskBadRef'));
        const { refused } = await attachSource({
          claim: props.claim,
          ...target,
          kind,
          verified,
          stance: contradicts ? 'contradicts' : 'supports',
        });
        setMsg(refused ? t('deskRefused', { reason: refused }) : t('deskPublished'));
        if (!refused) {
          setRef('');
          props.onDone();
        }
      }}
    >
      <h2>{props.member ? t('deskAttach') : t('deskSuggest')}</h2>
      <input
        dir="ltr"
        name="source"
        placeholder={t('deskSourceRef')}
        value={ref}
        onInput={(e) => setRef(e.currentTarget.value)}
        required
      />
      <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as SourceKind)}>
        <option value="primary">{t('deskPrimary')}</option>
        <option value="secondary">{t('deskSecondary')}</option>
      </select>
      {props.member && (
        <label>
          <input type="checkbox" checked={verified} onChange={(e) => setVerified(e.currentTarget.checked)} />{' '}
          {t('deskVerified')}
        </label>
      )}
      <label>
        <input type="checkbox" checked={contradicts} onChange={(e) => setContradicts(e.currentTarget.checked)} />{' '}
        {t('deskContradicts')}
      </label>
      <button type="submit">{props.member ? t('deskAttach') : t('deskSuggest')}</button>
      {msg && (
        <p role="status" data-testid="attach-result">
          {msg}
        </p>
      )}
    </form>
  );
}

function StateForm(props: {
  claim: string;
  states: string[];
  customs: { value: string; en: string; fa: string }[];
  onDone: () => void;
}) {
  const [state, setState] = useState('in_progress');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState('');
  return (
    <form
      class="desk-form"
      data-testid="set-state"
      onSubmit={async (e) => {
        e.preventDefault();
        const { refused } = await setClaimState(props.claim, state, reason);
        setMsg(refused ? t('deskRefused', { reason: refused }) : t('deskPublished'));
        if (!refused) props.onDone();
      }}
    >
      <h2>{t('deskSetState')}</h2>
      <select name="state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
        {props.states.map((s) => (
          <option value={s}>{stateName(s, lang(), props.customs)}</option>
        ))}
      </select>
      <input
        dir="auto"
        name="reason"
        placeholder={t('deskStateReason')}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <button type="submit">{t('deskSave')}</button>
      {msg && (
        <p role="status" data-testid="state-result">
          {msg}
        </p>
      )}
    </form>
  );
}
