// What a party's environmental bureau does on a case: the state commands the case allows now, its own joint
// enforcement actions (another party's are read-only), and evidence files (hashed in the browser; only the digest and
// the file's details go to the gateway). Every write carries the case version the page shows, so a write based on a
// stale page is refused; the page then reloads the case and says so.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import { EmptyState } from '../../components/status.views.tsx';
import {
  AddPollutionCaseEvidenceDocument,
  AgreeToClosePollutionCaseDocument,
  AmendPollutionEnforcementActionDocument,
  ChangePollutionCaseStateDocument,
  RaisePollutionCaseDisputeDocument,
  RecordPollutionEnforcementActionDocument,
  ResolvePollutionCaseMediationDocument,
  type PollutionCaseCommand,
  type PollutionCaseDetailFragment,
  type PollutionCaseState,
  type PollutionCaseTransition,
} from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { sha256Hex } from './evidence-hash.ts';
import { formatDateTime } from '../shared/pollution.format.ts';
import { beijingToday, formatBytes } from './records.format.ts';
import { errorCodes, MutationErrorView } from './records.views.tsx';

type Case = PollutionCaseDetailFragment;

/** What each state command leads to. */
const TRANSITIONS: Readonly<Partial<Record<PollutionCaseCommand, PollutionCaseState>>> = {
  START_JOINT_INVESTIGATION: 'UNDER_JOINT_INVESTIGATION',
  START_JOINT_ENFORCEMENT: 'JOINT_ENFORCEMENT',
  START_REMEDIATION: 'REMEDIATION',
};

/** States in which parties record and amend enforcement actions (the service's ENFORCEMENT_STATES). */
const ENFORCEMENT_STATES: readonly PollutionCaseState[] = ['JOINT_ENFORCEMENT', 'REMEDIATION'];

/** Shows a write's error; a stale version (or a transition another party made first) reloads the case. */
function useWriteOutcome(onStale: () => void) {
  const [error, setError] = useState<CombinedError | undefined>();
  const [done, setDone] = useState('');
  const settle = (result: { error?: CombinedError | undefined }, message: string): boolean => {
    if (result.error) {
      setError(result.error);
      setDone('');
      const codes = errorCodes(result.error);
      if (codes.includes('POLLUTION_CASE_VERSION_CONFLICT') || codes.includes('POLLUTION_CASE_TRANSITION_NOT_ALLOWED')) onStale();
      return false;
    }
    setError(undefined);
    setDone(message);
    return true;
  };
  const view: ReactNode = (
    <>
      {error ? <MutationErrorView error={error} /> : null}
      <p role="status" className="muted">
        {done}
      </p>
    </>
  );
  return { settle, view, reset: () => setError(undefined) };
}

/** The state commands, for a party's environmental bureau. */
export function CaseCommands({ record, mayAct, onStale }: { record: Case; mayAct: boolean; onStale: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<PollutionCaseCommand | null>(null);
  const outcome = useWriteOutcome(onStale);
  const commands = record.allowedCommands ?? [];
  const mediationCommands: PollutionCaseCommand[] = commands.filter((c) => c === 'RESUME_AFTER_MEDIATION' || c === 'CLOSE_BY_MEDIATION');
  return (
    <section aria-labelledby="case-actions" className="panel">
      <h2 id="case-actions">{t('cases.actions.title')}</h2>
      {!mayAct ? (
        <p className="muted">{t('cases.actions.notParty')}</p>
      ) : commands.length === 0 ? (
        <p className="muted">{t('cases.actions.none')}</p>
      ) : (
        <>
          <div className="action-list">
            {commands
              .filter((c) => c !== 'CLOSE_BY_MEDIATION' || !commands.includes('RESUME_AFTER_MEDIATION'))
              .map((command) => (
                <button
                  key={command}
                  type="button"
                  className={open === command ? 'button button-primary' : 'button'}
                  aria-expanded={open === command}
                  onClick={() => {
                    outcome.reset();
                    setOpen(open === command ? null : command);
                  }}
                >
                  {mediationCommands.length > 1 && mediationCommands.includes(command) ? t('cases.actions.recordMediation') : t(`cases.actions.command.${command}`)}
                </button>
              ))}
          </div>
          {open && TRANSITIONS[open] ? (
            <StateChangeForm record={record} command={open as PollutionCaseTransition} onClose={() => setOpen(null)} settle={outcome.settle} />
          ) : null}
          {open === 'CLOSE_BY_AGREEMENT' ? <AgreeToCloseForm record={record} onClose={() => setOpen(null)} settle={outcome.settle} /> : null}
          {open === 'RAISE_DISPUTE' ? <DisputeForm record={record} onClose={() => setOpen(null)} settle={outcome.settle} /> : null}
          {open === 'RESUME_AFTER_MEDIATION' || open === 'CLOSE_BY_MEDIATION' ? (
            <MediationForm record={record} outcomes={mediationCommands} onClose={() => setOpen(null)} settle={outcome.settle} />
          ) : null}
        </>
      )}
      {outcome.view}
    </section>
  );
}

type Settle = (result: { error?: CombinedError | undefined }, message: string) => boolean;

function StateChangeForm({ record, command, onClose, settle }: { record: Case; command: PollutionCaseTransition; onClose: () => void; settle: Settle }) {
  const { t } = useTranslation();
  const [{ fetching }, change] = useMutation(ChangePollutionCaseStateDocument);
  const state = t(`cases.state.${TRANSITIONS[command] ?? 'REPORTED'}`);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await change({ input: { caseId: record.id, command, expectedVersion: record.version ?? null } });
    if (settle(result, t('cases.actions.stateChanged', { state }))) onClose();
  };
  return (
    <form className="action-form" onSubmit={submit}>
      <p>{t('cases.actions.confirmState', { state })}</p>
      <FormButtons busy={fetching} submitLabel={t('cases.actions.confirm')} onCancel={onClose} />
    </form>
  );
}

function AgreeToCloseForm({ record, onClose, settle }: { record: Case; onClose: () => void; settle: Settle }) {
  const { t } = useTranslation();
  const [{ fetching }, agree] = useMutation(AgreeToClosePollutionCaseDocument);
  const [statement, setStatement] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await agree({ input: { caseId: record.id, statement, expectedVersion: record.version ?? null } });
    if (settle(result, t('cases.actions.done'))) onClose();
  };
  return (
    <form className="action-form" onSubmit={submit}>
      <TextArea label={t('cases.actions.statement')} hint={t('cases.actions.statementHint')} value={statement} onChange={setStatement} required autoFocus />
      <FormButtons busy={fetching} submitLabel={t('cases.actions.command.CLOSE_BY_AGREEMENT')} onCancel={onClose} />
    </form>
  );
}

function DisputeForm({ record, onClose, settle }: { record: Case; onClose: () => void; settle: Settle }) {
  const { t } = useTranslation();
  const [{ fetching }, dispute] = useMutation(RaisePollutionCaseDisputeDocument);
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await dispute({ input: { caseId: record.id, reason, expectedVersion: record.version ?? null } });
    if (settle(result, t('cases.actions.done'))) onClose();
  };
  return (
    <form className="action-form" onSubmit={submit}>
      <TextArea label={t('cases.actions.reason')} value={reason} onChange={setReason} required autoFocus />
      <FormButtons busy={fetching} submitLabel={t('cases.actions.command.RAISE_DISPUTE')} onCancel={onClose} />
    </form>
  );
}

function MediationForm({ record, outcomes, onClose, settle }: { record: Case; outcomes: PollutionCaseCommand[]; onClose: () => void; settle: Settle }) {
  const { t } = useTranslation();
  const [{ fetching }, resolve] = useMutation(ResolvePollutionCaseMediationDocument);
  const [mediator, setMediator] = useState('');
  const [summary, setSummary] = useState('');
  const [outcome, setOutcome] = useState<'RESUME' | 'CLOSE'>(outcomes.includes('RESUME_AFTER_MEDIATION') ? 'RESUME' : 'CLOSE');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await resolve({ input: { caseId: record.id, mediator, summary, outcome, expectedVersion: record.version ?? null } });
    if (settle(result, t('cases.actions.done'))) onClose();
  };
  return (
    <form className="action-form" onSubmit={submit}>
      <TextInput label={t('cases.actions.mediator')} value={mediator} onChange={setMediator} required autoFocus />
      <fieldset className="field">
        <legend className="field-label">{t('cases.actions.outcome')}</legend>
        {outcomes.includes('RESUME_AFTER_MEDIATION') ? (
          <label>
            <input type="radio" name="outcome" checked={outcome === 'RESUME'} onChange={() => setOutcome('RESUME')} /> {t('cases.actions.outcomeResume')}
          </label>
        ) : null}
        {outcomes.includes('CLOSE_BY_MEDIATION') ? (
          <label>
            <input type="radio" name="outcome" checked={outcome === 'CLOSE'} onChange={() => setOutcome('CLOSE')} /> {t('cases.actions.outcomeClose')}
          </label>
        ) : null}
      </fieldset>
      <TextArea label={t('cases.actions.summary')} value={summary} onChange={setSummary} required />
      <FormButtons busy={fetching} submitLabel={t('cases.actions.submit')} onCancel={onClose} />
    </form>
  );
}

/** The enforcement actions, each party's own amendable, and the form to record one. */
export function EnforcementActions({ record, mayAct, onStale }: { record: Case; mayAct: boolean; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const [amending, setAmending] = useState<string | null>(null);
  const outcome = useWriteOutcome(onStale);
  const actions = record.enforcementActions ?? [];
  const canRecord = mayAct && ENFORCEMENT_STATES.includes(record.state);
  const amendingAction = actions.find((a) => a.actionId === amending);
  return (
    <section aria-labelledby="case-enforcement" className="panel">
      <h2 id="case-enforcement">{t('cases.enforcement.title')}</h2>
      {actions.length === 0 ? (
        <EmptyState>
          <p>{t('cases.enforcement.empty')}</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('cases.enforcement.colDate')}</th>
                <th scope="col">{t('cases.enforcement.colProvince')}</th>
                <th scope="col">{t('cases.enforcement.colFindings')}</th>
                <th scope="col">{t('cases.enforcement.colRecorded')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((action) => {
                const own = action.responsibleProvince === user.province;
                return (
                  <tr key={action.actionId} data-action-id={action.actionId}>
                    <td className="nowrap">{action.date}</td>
                    <th scope="row">
                      {provinceName(action.responsibleProvince, i18n.language)}
                      {own ? <span className="tag">{t('cases.enforcement.own')}</span> : null}
                    </th>
                    <td>{action.findings}</td>
                    <td>
                      {t('cases.enforcement.recorded', { user: action.recordedBy?.username ?? '', at: formatDateTime(action.recordedAt, i18n.language) })}
                      {action.revision > 0 ? <div className="muted">{t('cases.enforcement.revision', { count: action.revision })}</div> : null}
                      {action.amendable && mayAct && ENFORCEMENT_STATES.includes(record.state) ? (
                        <div>
                          <button
                            type="button"
                            className="button button-small"
                            aria-expanded={amending === action.actionId}
                            aria-label={`${t('cases.enforcement.amend')} ${action.date}`}
                            onClick={() => {
                              outcome.reset();
                              setAmending(amending === action.actionId ? null : action.actionId);
                            }}
                          >
                            {t('cases.enforcement.amend')}
                          </button>
                        </div>
                      ) : !own ? (
                        <div className="muted">{t('cases.enforcement.readOnly')}</div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {amendingAction ? (
        <EnforcementForm
          key={amendingAction.actionId}
          record={record}
          title={t('cases.enforcement.amendTitle', { date: amendingAction.date })}
          initial={{ date: amendingAction.date, findings: amendingAction.findings }}
          actionId={amendingAction.actionId}
          onClose={() => setAmending(null)}
          settle={outcome.settle}
        />
      ) : null}
      {canRecord && !amendingAction ? (
        <EnforcementForm record={record} title={t('cases.enforcement.record')} initial={{ date: beijingToday(), findings: '' }} onClose={() => {}} settle={outcome.settle} />
      ) : null}
      {outcome.view}
    </section>
  );
}

function EnforcementForm({
  record,
  title,
  initial,
  actionId,
  onClose,
  settle,
}: {
  record: Case;
  title: string;
  initial: { date: string; findings: string };
  actionId?: string;
  onClose: () => void;
  settle: Settle;
}) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const headingId = useId();
  const [{ fetching: recording }, recordAction] = useMutation(RecordPollutionEnforcementActionDocument);
  const [{ fetching: amending }, amendAction] = useMutation(AmendPollutionEnforcementActionDocument);
  const [date, setDate] = useState(initial.date);
  const [findings, setFindings] = useState(initial.findings);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expectedVersion = record.version ?? null;
    const result = actionId
      ? await amendAction({ input: { caseId: record.id, actionId, date, findings, expectedVersion } })
      : await recordAction({ input: { caseId: record.id, date, findings, expectedVersion } });
    if (settle(result, t('cases.actions.done'))) {
      if (!actionId) setFindings('');
      onClose();
    }
  };
  return (
    <form className="action-form" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="muted">{t('cases.enforcement.responsible', { province: provinceName(user.province, i18n.language) })}</p>
      <div className="field">
        <label htmlFor={`${headingId}-date`} className="field-label">
          {t('cases.enforcement.date')}
        </label>
        <input
          id={`${headingId}-date`}
          type="date"
          value={date}
          max={beijingToday()}
          required
          aria-describedby={`${headingId}-date-hint`}
          onChange={(event) => setDate(event.target.value)}
        />
        <span id={`${headingId}-date-hint`} className="field-hint">
          {t('cases.enforcement.dateHint')}
        </span>
      </div>
      <TextArea label={t('cases.enforcement.findings')} hint={t('cases.enforcement.findingsHint')} value={findings} onChange={setFindings} required />
      <FormButtons busy={recording || amending} submitLabel={t('cases.actions.submit')} onCancel={actionId ? onClose : undefined} />
    </form>
  );
}

/** The evidence list and the form to add a document by its digest. */
export function EvidenceSection({ record, mayAct, onStale }: { record: Case; mayAct: boolean; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const outcome = useWriteOutcome(onStale);
  const evidence = record.evidence ?? [];
  return (
    <section aria-labelledby="case-evidence" className="panel">
      <h2 id="case-evidence">{t('cases.evidence.title')}</h2>
      {evidence.length === 0 ? (
        <EmptyState>
          <p>{t('cases.evidence.empty')}</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('cases.evidence.colDescription')}</th>
                <th scope="col">{t('cases.evidence.colKind')}</th>
                <th scope="col">{t('cases.evidence.colFile')}</th>
                <th scope="col">{t('cases.evidence.colSubmitted')}</th>
              </tr>
            </thead>
            <tbody>
              {evidence.map((item) => (
                <tr key={item.evidenceId}>
                  <th scope="row">{item.description}</th>
                  <td>{t(`cases.evidence.kind.${item.kind}`)}</td>
                  <td>
                    {item.kind === 'DOCUMENT' ? (
                      <>
                        {t('cases.evidence.file', {
                          filename: item.filename ?? '',
                          size: item.sizeBytes !== null && item.sizeBytes !== undefined ? formatBytes(item.sizeBytes, i18n.language) : '',
                          mediaType: item.mediaType ?? '',
                        })}
                        {item.sha256 ? (
                          <div className="hash">
                            {t('cases.evidence.sha256')}
                            {item.sha256}
                          </div>
                        ) : null}
                      </>
                    ) : (
                      t('cases.evidence.readings', { count: item.readings.length })
                    )}
                  </td>
                  <td>
                    {t('cases.evidence.submitted', {
                      province: provinceName(item.submittedProvince, i18n.language),
                      user: item.submittedBy?.username ?? '',
                      at: formatDateTime(item.submittedAt, i18n.language),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayAct && record.state !== 'CLOSED' ? <EvidenceForm record={record} settle={outcome.settle} /> : null}
      {outcome.view}
    </section>
  );
}

type Hashed = { status: 'none' } | { status: 'hashing' } | { status: 'failed' } | { status: 'ready'; filename: string; mediaType: string; sizeBytes: number; sha256: string };

function EvidenceForm({ record, settle }: { record: Case; settle: Settle }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [{ fetching }, add] = useMutation(AddPollutionCaseEvidenceDocument);
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<Hashed>({ status: 'none' });
  const [fileInputKey, setFileInputKey] = useState(0);
  const [missingFile, setMissingFile] = useState(false);
  const choose = async (chosen: File | undefined) => {
    setMissingFile(false);
    if (!chosen) {
      setFile({ status: 'none' });
      return;
    }
    setFile({ status: 'hashing' });
    try {
      const sha256 = await sha256Hex(chosen);
      setFile({ status: 'ready', filename: chosen.name, mediaType: chosen.type || 'application/octet-stream', sizeBytes: chosen.size, sha256 });
    } catch {
      setFile({ status: 'failed' });
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file.status !== 'ready') {
      setMissingFile(true);
      return;
    }
    const { filename, mediaType, sizeBytes, sha256 } = file;
    const result = await add({ input: { caseId: record.id, description, document: { filename, mediaType, sizeBytes, sha256 }, expectedVersion: record.version ?? null } });
    if (settle(result, t('cases.actions.done'))) {
      setDescription('');
      setFile({ status: 'none' });
      setFileInputKey((k) => k + 1);
    }
  };
  return (
    <form className="action-form" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{t('cases.evidence.add')}</h3>
      <p className="muted">{t('cases.evidence.addHint')}</p>
      <div className="field">
        <label htmlFor={`${headingId}-input`} className="field-label">
          {t('cases.evidence.chooseFile')}
        </label>
        <input id={`${headingId}-input`} key={fileInputKey} type="file" onChange={(event) => void choose(event.target.files?.[0])} aria-describedby={`${headingId}-file`} />
        <span id={`${headingId}-file`} className="field-hint" aria-live="polite">
          {file.status === 'hashing'
            ? t('cases.evidence.hashing')
            : file.status === 'failed'
              ? t('cases.evidence.hashFailed')
              : file.status === 'ready'
                ? t('cases.evidence.hashed', { sha256: file.sha256 })
                : missingFile
                  ? t('cases.evidence.noFile')
                  : ''}
        </span>
      </div>
      <TextArea label={t('cases.evidence.description')} value={description} onChange={setDescription} required />
      <FormButtons busy={fetching || file.status === 'hashing'} submitLabel={t('cases.actions.submit')} />
    </form>
  );
}

function TextArea({ label, hint, value, onChange, required, autoFocus }: { label: string; hint?: string; value: string; onChange: (value: string) => void; required?: boolean; autoFocus?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {/* Opened by the user's own click, so moving focus into the form is expected. */}
      <textarea id={id} value={value} required={required} autoFocus={autoFocus} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(event) => onChange(event.target.value)} />
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

function TextInput({ label, value, onChange, required, autoFocus }: { label: string; value: string; onChange: (value: string) => void; required?: boolean; autoFocus?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input id={id} type="text" value={value} required={required} autoFocus={autoFocus} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

function FormButtons({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: string; onCancel?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('cases.actions.saving') : submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel}>
          {t('cases.actions.cancel')}
        </button>
      ) : null}
    </div>
  );
}
