// 确认收到: the addressed province's acknowledgement of an alert's current message, with an optional note (the detail
// page) or in one click (the inbox). The gateway's refusals are explained next to the button.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { AcknowledgePollutionAlertDocument } from '../../generated/gql/graphql.ts';
import { describeGatewayError } from '../../graphql/graphql.client.ts';
import { problemText } from '../shared/problem-text.ts';
import { ALERT_TYPENAMES } from './alerts.context.ts';

/** The acknowledge button (and, with `withNote`, the note field). */
export function AcknowledgeAction({ alertId, headline, withNote = false, onDone }: { alertId: string; headline: string; withNote?: boolean; onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const [result, acknowledge] = useMutation(AcknowledgePollutionAlertDocument);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const noteId = useId();
  const hintId = useId();

  const submit = async () => {
    setMessage(null);
    const trimmed = note.trim();
    const answer = await acknowledge({ input: { alertId, ...(trimmed ? { note: trimmed } : {}) } }, ALERT_TYPENAMES);
    if (!answer.error) {
      setMessage({ tone: 'success', text: t('alerts.acknowledge.done') });
      onDone?.();
      return;
    }
    const problem = describeGatewayError(answer.error);
    let text: string;
    if (problem.kind === 'server' && problem.code === 'POLLUTION_ALERT_ALREADY_ACKNOWLEDGED') text = t('alerts.acknowledge.ALREADY');
    else if (problem.kind === 'server' && problem.code === 'POLLUTION_ALERT_NOT_CURRENT') text = t('alerts.acknowledge.NOT_CURRENT');
    else text = t('alerts.acknowledge.failed', { reason: problemText(problem, t, i18n) });
    setMessage({ tone: 'error', text });
  };

  return (
    <form
      className="acknowledge-action"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {withNote ? (
        <div className="field">
          <label htmlFor={noteId}>{t('alerts.acknowledge.note')}</label>
          <p className="field-hint" id={hintId}>
            {t('alerts.acknowledge.noteHint')}
          </p>
          <textarea id={noteId} aria-describedby={hintId} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
      ) : null}
      <button
        type="submit"
        className="button button-primary"
        disabled={result.fetching}
        // In a list every button reads the same; say which alert it acknowledges.
        aria-label={withNote || result.fetching ? undefined : t('alerts.acknowledge.buttonFor', { headline })}
      >
        {result.fetching ? t('alerts.acknowledge.pending') : t('alerts.acknowledge.button')}
      </button>
      {message ? (
        <p className={`inline-message inline-message-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
