// 上报水质监测数据: an environmental bureau uploads a CSV file of readings. The service stores a file all or nothing
// and names every problem by its line and column (input.csv.lines[7].unit); they are listed here by line, column
// and reason, so the officer can correct the file and upload it again. An accepted file says what it stored and which
// cases its exceedances opened or updated.
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, type CombinedError } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import { SubmitPollutionReadingsCsvDocument, type ReadingsUploadResultFragment } from '../../generated/gql/graphql.ts';
import { describeGatewayError, validationProblemsOf } from '../../graphql/graphql.client.ts';
import { problemText } from '../shared/problem-text.ts';
import '../alerts/alerts.css';
import './readings-upload.css';

/** The gateway's request body limit is 1 MiB; the file and its JSON envelope must fit. */
export const MAX_UPLOAD_BYTES = 1_000_000;

const CSV_COLUMNS = ['section_id', 'parameter', 'value', 'unit', 'sampled_at'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A problem the gateway named, placed on its line and column. */
export interface UploadProblem {
  /** The file's line (the header is line 1), or null for the whole file. */
  line: number | null;
  /** The column, or null for the whole line (or file). */
  column: string | null;
  reason: string;
}

/** Reads VALIDATION_FAILED problems (`input.csv.lines[7].unit`, `input.csv.lines[3]`, `input.csv`) into lines and columns. */
export function uploadProblemsOf(error: CombinedError): UploadProblem[] | null {
  return (
    validationProblemsOf(error)?.map((problem) => {
      const match = /lines\[(\d+)\](?:\.([a-z_]+))?$/.exec(problem.field);
      return { line: match ? Number(match[1]) : null, column: match?.[2] ?? null, reason: problem.reason };
    }) ?? null
  );
}

// An example a bureau can fill in: one row of each kind of value the service checks.
const TEMPLATE = `${CSV_COLUMNS.join(',')}\nyellow-liuzhuang,COD,15.2,mg/L,2026-11-20T08:00:00+08:00\nyellow-liuzhuang,NH3-N,0.42,mg/L,2026-11-20T08:00:00+08:00\n`;

/** The upload page. */
export default function ReadingsUploadPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('upload.title'));
  const user = useSignedInUser();
  const [text, setText] = useState('');
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'accepted'; result: ReadingsUploadResultFragment } | { kind: 'rejected'; problems: UploadProblem[] } | { kind: 'failed'; reason: string } | null>(null);
  const [submission, submit] = useMutation(SubmitPollutionReadingsCsvDocument);
  const fileId = useId();
  const fileHintId = useId();
  const textId = useId();

  if (!user.roles.includes('environment')) {
    return (
      <>
        <h1>{t('upload.title')}</h1>
        <p className="notice notice-warning">{t('upload.onlyEnvironment')}</p>
      </>
    );
  }

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setOutcome(null);
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setLocalProblem(t('upload.tooLarge', { size: `${(file.size / 1_000_000).toFixed(1)} MB` }));
      return;
    }
    try {
      setText(await file.text());
      setLocalProblem(null);
    } catch (error) {
      setLocalProblem(t('upload.unreadable', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const send = async () => {
    setOutcome(null);
    if (text.trim() === '') {
      setLocalProblem(t('upload.empty'));
      return;
    }
    if (new TextEncoder().encode(text).length > MAX_UPLOAD_BYTES) {
      setLocalProblem(t('upload.tooLarge', { size: `${(new TextEncoder().encode(text).length / 1_000_000).toFixed(1)} MB` }));
      return;
    }
    setLocalProblem(null);
    const answer = await submit({ input: { csv: text } }, { additionalTypenames: ['PollutionCase'] });
    if (answer.data) {
      setOutcome({ kind: 'accepted', result: answer.data.submitReadingsCsv });
      return;
    }
    const problems = answer.error ? uploadProblemsOf(answer.error) : null;
    if (problems) setOutcome({ kind: 'rejected', problems });
    else setOutcome({ kind: 'failed', reason: answer.error ? problemText(describeGatewayError(answer.error), t, i18n) : '' });
  };

  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`;
  return (
    <>
      <p>
        <Link to="/pollution/sections">{t('sections.detail.back')}</Link>
      </p>
      <h1>{t('upload.title')}</h1>
      <p className="lead">{t('upload.lead')}</p>
      <section className="panel" aria-labelledby="upload-format">
        <h2 id="upload-format">{t('upload.format')}</h2>
        <p>{t('upload.formatBody')}</p>
        <a className="button" href={templateHref} download="xietong-readings-template.csv">
          {t('upload.template')}
        </a>
      </section>
      <form
        className="panel alert-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label htmlFor={fileId}>{t('upload.file')}</label>
          <p className="field-hint" id={fileHintId}>
            {t('upload.fileHint')}
          </p>
          <input id={fileId} type="file" accept=".csv,text/csv" aria-describedby={fileHintId} onChange={(event) => void chooseFile(event)} />
        </div>
        <div className="field">
          <label htmlFor={textId}>{t('upload.text')}</label>
          <textarea id={textId} rows={10} spellCheck={false} className="code-input" value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        {localProblem ? (
          <p className="field-error" role="alert">
            {localProblem}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={submission.fetching}>
          {submission.fetching ? t('upload.pending') : t('upload.submit')}
        </button>
      </form>
      {outcome?.kind === 'accepted' ? <Accepted result={outcome.result} /> : null}
      {outcome?.kind === 'rejected' ? <Rejected problems={outcome.problems} /> : null}
      {outcome?.kind === 'failed' ? (
        <p className="notice notice-error" role="alert">
          {t('upload.failed', { reason: outcome.reason })}
        </p>
      ) : null}
    </>
  );
}

function Accepted({ result }: { result: ReadingsUploadResultFragment }) {
  const { t } = useTranslation();
  const caseLinks = (cases: ReadingsUploadResultFragment['openedCases']) => (
    <ul className="plain-list">
      {cases.map((c) => (
        <li key={c.id}>
          <Link to={`/pollution/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>
        </li>
      ))}
    </ul>
  );
  return (
    <section className="panel upload-accepted" role="status" aria-labelledby="upload-accepted" data-testid="upload-accepted">
      <h2 id="upload-accepted">{t('upload.accepted', { count: result.accepted })}</h2>
      <p>{result.exceedances > 0 ? t('upload.exceedances', { count: result.exceedances }) : t('upload.noExceedances')}</p>
      {result.openedCases.length > 0 ? (
        <>
          <p>{t('upload.opened')}</p>
          {caseLinks(result.openedCases)}
        </>
      ) : null}
      {result.updatedCases.length > 0 ? (
        <>
          <p>{t('upload.updated')}</p>
          {caseLinks(result.updatedCases)}
        </>
      ) : null}
      <p className="muted">{t('upload.batch', { id: result.batchId })}</p>
    </section>
  );
}

function Rejected({ problems }: { problems: UploadProblem[] }) {
  const { t, i18n } = useTranslation();
  const columnLabel = (column: string | null) => {
    if (column === null) return t('upload.wholeLine');
    return (CSV_COLUMNS as readonly string[]).includes(column) ? t(`upload.column.${column as CsvColumn}`) : column;
  };
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return (
    <section className="panel" aria-labelledby="upload-rejected" data-testid="upload-rejected">
      <h2 id="upload-rejected" role="alert">
        {t('upload.rejected', { count: problems.length })}
      </h2>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('upload.problemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('upload.colLine')}</th>
              <th scope="col">{t('upload.colColumn')}</th>
              <th scope="col">{t('upload.colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((problem, index) => (
              <tr key={`${problem.line ?? 'file'}-${problem.column ?? ''}-${index}`}>
                <th scope="row">{problem.line === null ? t('upload.wholeFile') : problem.line.toLocaleString(i18n.language)}</th>
                <td>{problem.line === null ? '' : columnLabel(problem.column)}</td>
                <td lang="en">{problem.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
