import { createHash } from 'node:crypto';
import { classifyRead, classifyWrite, probeDelivery, probeListedAndCounted, type AccessProbe, type ProbeCaller, type ProbeEnvironment, type ProbeOutcome, type ProbeResponse } from '../../../access-matrix/access-probe.ts';
import { defineCells, type AccessRule, type MatrixRelation } from '../../../access-matrix/policy-table.ts';

// The pollution rows of the access matrix (access-model.md, pollution): parties' environmental bureaus read and write
// the case, each only its own entries; parties' liaison offices read the summary and escalations, never evidence; the
// national observer reads everything and writes nothing; every other role and province sees nothing.
//
// Relations, for the records the probes make on the Liuzhuang section (Henan upstream, Shandong downstream):
// owner = the reporting / sending province (Henan); party = the other party (Shandong, the alert's addressee);
// none = a province not on the record (Anhui). Pollution records have no members or sharing scope: a province that
// is only a mechanism member (Jiangsu) or "shared" (Beijing) is a stranger to them, so those columns deny like none.
// For readings the record is the section: owner = its upstream province, party = its downstream province.
// Observers and admins are national (000000): every relation is the same user.
// Compensation agreements and assessments (yellow-henan-shandong-r1) have two parties and no owner: the owner column
// is Henan (upstream), the party column Shandong (downstream); both are parties, and only environmental bureaus and
// the observer read them (the full view: money and figures).

const HENAN = '410000';
const SHANDONG = '370000';
const PROVINCE_OF_RELATION: Readonly<Record<Exclude<MatrixRelation, 'any'>, string>> = { owner: HENAN, party: SHANDONG, none: '340000', member: '320000', shared: '110000' };

const parties = ['owner', 'party'] as const;

/** The pollution cells: who may do what, everyone else denied. */
export const pollutionAccessRules: readonly AccessRule[] = [
  ...defineCells({ domain: 'pollution', object: 'case', operation: 'read', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'case', operation: 'node', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'case-evidence', operation: 'read', relational: true, allow: { environment: parties, observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'alert', operation: 'list', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  // Only an addressed province acknowledges; the sender has nothing to acknowledge.
  ...defineCells({ domain: 'pollution', object: 'alert-acknowledgement', operation: 'write', relational: true, allow: { environment: ['party'] } }),
  ...defineCells({ domain: 'pollution', object: 'enforcement-action', operation: 'write', relational: true, allow: { environment: parties } }),
  // Each party amends only its own actions: another party's is refused to everyone.
  ...defineCells({ domain: 'pollution', object: 'other-party-enforcement-action', operation: 'write', relational: true, allow: {} }),
  ...defineCells({ domain: 'pollution', object: 'readings', operation: 'write', relational: true, allow: { environment: parties } }),
  // alertIssued: a new alert addressed to my province (the sender's own province is not addressed).
  ...defineCells({ domain: 'pollution', object: 'alert-issued', operation: 'subscribe', relational: true, allow: { environment: ['party'], liaison: ['party'], observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'case-updated', operation: 'subscribe', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  // alertActivity and alertAcknowledged: every change of a thread reaches its sender and addressees (environment and
  // liaison) and the observer; alertAcknowledgementOverdue likewise (the duty-roster step's audience is the province
  // that did not acknowledge and the sender).
  ...defineCells({ domain: 'pollution', object: 'alert-activity', operation: 'subscribe', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'alert-acknowledged', operation: 'subscribe', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'alert-escalation', operation: 'subscribe', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  // Compensation: the agreement's parties' environmental bureaus and the observer read; the parties' bureaus run
  // assessments, which are published to the same readers.
  ...(['read', 'list', 'node'] as const).flatMap((operation) => [
    ...defineCells({ domain: 'pollution', object: 'compensation-agreement', operation, relational: true, allow: { environment: parties, observer: 'all' } }),
    ...defineCells({ domain: 'pollution', object: 'compensation-assessment', operation, relational: true, allow: { environment: parties, observer: 'all' } }),
  ]),
  ...defineCells({ domain: 'pollution', object: 'compensation-assessment', operation: 'write', relational: true, allow: { environment: parties } }),
  ...defineCells({ domain: 'pollution', object: 'assessment-published', operation: 'subscribe', relational: true, allow: { environment: parties, observer: 'all' } }),
  // A new agreement version: the parties' environmental bureaus (each a party: the owner column is one of them);
  // their liaison offices and every other role are FORBIDDEN, non-parties find no agreement, the observer and
  // admins never write.
  ...defineCells({ domain: 'pollution', object: 'compensation-agreement', operation: 'write', relational: true, allow: { environment: parties } }),
  // The case list (pollutionCases): a case appears to its parties' environment and liaison and the observer, and
  // totalCount counts exactly the cases the caller can page through (a hidden case is never counted).
  ...defineCells({ domain: 'pollution', object: 'case', operation: 'list', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  // One alert (pollutionAlert(id), node(id)): its sender's and addressees' environment and liaison, the observer.
  ...defineCells({ domain: 'pollution', object: 'alert', operation: 'read', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'alert', operation: 'node', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  // A section's readings (MonitoringSection.readings; the record is the section, owner = upstream Henan, party =
  // downstream Shandong): the environmental bureaus of the section's provinces and the observer, as the gateway's
  // scope (readsFull(sectionRecord)) and the service (canReadSectionReadings) both implement; null for anyone else.
  ...defineCells({ domain: 'pollution', object: 'readings', operation: 'read', relational: true, allow: { environment: parties, observer: 'all' } }),
  // The readings behind a case (PollutionCase.readings, full view): the case parties' environment and the observer.
  ...defineCells({ domain: 'pollution', object: 'case-readings', operation: 'read', relational: true, allow: { environment: parties, observer: 'all' } }),
  // issueAlert: the environmental bureau of a province on either side of the section (the record is the section);
  // other provinces' bureaus are told the section is not theirs (input.sectionCode), every other role FORBIDDEN.
  ...defineCells({ domain: 'pollution', object: 'alert', operation: 'write', relational: true, allow: { environment: parties } }),
  // updateAlert and cancelAlert: only the sending province's bureau; an addressee is FORBIDDEN, a stranger NOT_FOUND.
  ...defineCells({ domain: 'pollution', object: 'alert-update', operation: 'write', relational: true, allow: { environment: ['owner'] } }),
  ...defineCells({ domain: 'pollution', object: 'alert-cancellation', operation: 'write', relational: true, allow: { environment: ['owner'] } }),
  // Case writes by the parties' environmental bureaus: openCase (from an alert the province is on), changeCaseState,
  // addCaseEvidence (its own evidence), linkAlertToCase, agreeToCloseCase (its own agreement), raiseCaseDispute.
  ...defineCells({ domain: 'pollution', object: 'case', operation: 'write', relational: true, allow: { environment: parties } }),
  ...defineCells({ domain: 'pollution', object: 'case-state', operation: 'write', relational: true, allow: { environment: parties } }),
  ...defineCells({ domain: 'pollution', object: 'case-evidence', operation: 'write', relational: true, allow: { environment: parties } }),
  ...defineCells({ domain: 'pollution', object: 'case-alert-link', operation: 'write', relational: true, allow: { environment: parties } }),
  ...defineCells({ domain: 'pollution', object: 'case-closure-agreement', operation: 'write', relational: true, allow: { environment: parties } }),
  ...defineCells({ domain: 'pollution', object: 'case-dispute', operation: 'write', relational: true, allow: { environment: parties } }),
  // Escalation policies are configuration, no province's record: every province's environment and liaison, the
  // observer and admins read them (the schema's ESCALATION_POLICY_READERS and the service's canReadEscalationPolicies);
  // only admins record a version, everyone else is FORBIDDEN.
  ...defineCells({ domain: 'pollution', object: 'escalation-policy', operation: 'read', relational: false, allow: { environment: 'all', liaison: 'all', observer: 'all', admin: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'escalation-policy', operation: 'write', relational: false, allow: { admin: 'all' } }),
  // Straight to the service with the user's own token: it decides alike.
  ...defineCells({ domain: 'pollution', object: 'case', operation: 'direct-read', relational: true, allow: { environment: parties, liaison: parties, observer: 'all' } }),
  ...defineCells({ domain: 'pollution', object: 'enforcement-action', operation: 'direct-write', relational: true, allow: { environment: parties } }),
  ...defineCells({ domain: 'pollution', object: 'compensation-agreement', operation: 'direct-write', relational: true, allow: { environment: parties } }),
];

interface Fixtures {
  alert: { id: string; messageId: string };
  case: { id: string; caseId: string };
  henanActionId: string;
  shandongActionId: string;
}

function unexpected(message: string): ProbeOutcome {
  return { unexpected: message };
}

function must<T>(response: ProbeResponse, field: string): T {
  const value = response.data?.[field];
  if (response.errors.length > 0 || value === null || value === undefined) throw new Error(`fixture ${field} failed: ${JSON.stringify(response.errors)}`);
  return value as T;
}

const ISSUE = 'mutation($input: IssueAlertInput!) { issueAlert(input: $input) { alert { id messageId } } }';
const issueInput = (headline: string) => ({
  category: 'EARLY_WARNING',
  severity: 'III',
  sectionCode: 'yellow-liuzhuang',
  location: { description: 'Taiqian reach' },
  pollutant: { name: 'ammonia', parameter: 'NH3-N' },
  headline,
  description: 'Access-matrix probe alert.',
});

async function issueAlert(env: ProbeEnvironment, headline: string): Promise<{ id: string; messageId: string }> {
  const henan = await env.callerFor('environment', HENAN);
  return must<{ alert: { id: string; messageId: string } }>(await env.graphql(henan, ISSUE, { input: issueInput(headline) }), 'issueAlert').alert;
}

// One set of records per environment, made through the gateway by the parties' environmental bureaus.
const fixturesByEnv = new WeakMap<ProbeEnvironment, Promise<Fixtures>>();

function fixturesOf(env: ProbeEnvironment): Promise<Fixtures> {
  let fixtures = fixturesByEnv.get(env);
  if (!fixtures) {
    fixtures = makeFixtures(env);
    fixtures.catch(() => fixturesByEnv.delete(env));
    fixturesByEnv.set(env, fixtures);
  }
  return fixtures;
}

async function makeFixtures(env: ProbeEnvironment): Promise<Fixtures> {
  const henan = await env.callerFor('environment', HENAN);
  const shandong = await env.callerFor('environment', SHANDONG);
  const alert = await issueAlert(env, 'Access matrix: ammonia above Liuzhuang');
  const opened = must<{ case: { id: string; caseId: string } }>(await env.graphql(henan, 'mutation($id: ID!) { openCase(input: { alertId: $id }) { case { id caseId } } }', { id: alert.id }), 'openCase');
  const caseId = opened.case.id;
  must(
    await env.graphql(henan, 'mutation($input: AddCaseEvidenceInput!) { addCaseEvidence(input: $input) { evidenceId } }', {
      input: { caseId, description: 'Sampling report', document: { sha256: 'c'.repeat(64), filename: 'report.pdf', mediaType: 'application/pdf', sizeBytes: 1024 } },
    }),
    'addCaseEvidence',
  );
  for (const command of ['START_JOINT_INVESTIGATION', 'START_JOINT_ENFORCEMENT']) {
    must(await env.graphql(henan, 'mutation($id: ID!, $c: PollutionCaseTransition!) { changeCaseState(input: { caseId: $id, command: $c }) { case { state } } }', { id: caseId, c: command }), 'changeCaseState');
  }
  const record = 'mutation($id: ID!) { recordEnforcementAction(input: { caseId: $id, date: "2026-11-01", findings: "Inspected the outfall" }) { actionId } }';
  const henanAction = must<{ actionId: string }>(await env.graphql(henan, record, { id: caseId }), 'recordEnforcementAction');
  const shandongAction = must<{ actionId: string }>(await env.graphql(shandong, record, { id: caseId }), 'recordEnforcementAction');
  return { alert, case: opened.case, henanActionId: henanAction.actionId, shandongActionId: shandongAction.actionId };
}

/** The demo user who acts in a cell: of the cell's role, in the province that has the cell's relation to the record. */
async function actorFor(caller: ProbeCaller, relation: MatrixRelation, env: ProbeEnvironment): Promise<ProbeCaller> {
  if (caller.role === 'anonymous' || caller.role === 'observer' || caller.role === 'admin' || relation === 'any') return caller;
  return env.callerFor(caller.role, PROVINCE_OF_RELATION[relation]);
}

// A Connect call straight to the pollution service (JSON), bypassing the gateway, with the user's own token.
async function callServiceDirectly(env: ProbeEnvironment, caller: ProbeCaller, method: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const base = env.serviceUrls.pollution;
  if (!base) throw new Error('the probe environment has no pollution service URL');
  const response = await fetch(`${base}/xietong.pollution.v1.PollutionService/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

// Connect answers a refusal as unauthenticated (401), permission_denied (403) or not_found (404).
function classifyDirect(result: { status: number; body: Record<string, unknown> }, accept: (body: Record<string, unknown>) => boolean): ProbeOutcome {
  if (result.status === 200) return accept(result.body) ? 'allow' : unexpected(`body not accepted: ${JSON.stringify(result.body)}`);
  if ([401, 403, 404].includes(result.status)) return 'deny';
  return unexpected(`status ${result.status}: ${JSON.stringify(result.body)}`);
}


let readingsMinute = 0;

const AGREEMENT = 'yellow-henan-shandong-r1';
const RUN_ASSESSMENT = 'mutation($input: RunAssessmentInput!) { runAssessment(input: $input) { reused assessment { id assessmentId } } }';
const assessmentInput = (source: string) => ({ agreementCode: AGREEMENT, period: { kind: 'ANNUAL', year: 2022 }, officialClass: { waterClass: 'II', source } });

interface CompensationFixtures {
  agreement: { id: string; code: string };
  assessment: { id: string; assessmentId: string };
}

const compensationByEnv = new WeakMap<ProbeEnvironment, Promise<CompensationFixtures>>();

function compensationOf(env: ProbeEnvironment): Promise<CompensationFixtures> {
  let fixtures = compensationByEnv.get(env);
  if (!fixtures) {
    fixtures = makeCompensationFixtures(env);
    fixtures.catch(() => compensationByEnv.delete(env));
    compensationByEnv.set(env, fixtures);
  }
  return fixtures;
}

// Annual means for 2022 and, for the change payment, 2021 at Liuzhuang; then Henan's bureau assesses 2022.
async function makeCompensationFixtures(env: ProbeEnvironment): Promise<CompensationFixtures> {
  const henan = await env.callerFor('environment', HENAN);
  const readings = [2021, 2022].flatMap((year) =>
    [['COD', year === 2021 ? '15' : '14'], ['NH3-N', year === 2021 ? '0.50' : '0.45'], ['TP', year === 2021 ? '0.10' : '0.09']].map(([parameter, value]) => ({
      sectionCode: 'yellow-liuzhuang',
      parameter,
      value,
      unit: 'mg/L',
      sampledAt: `${year}-06-15T08:00:00+08:00`,
    })),
  );
  must(await env.graphql(henan, 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { accepted } }', { input: { readings } }), 'submitReadings');
  const ran = must<{ assessment: { id: string; assessmentId: string } }>(await env.graphql(henan, RUN_ASSESSMENT, { input: assessmentInput('Access matrix fixture') }), 'runAssessment');
  const agreement = must<{ id: string; code: string }>(await env.graphql(henan, 'query($code: String!) { compensationAgreement(code: $code) { id code } }', { code: AGREEMENT }), 'compensationAgreement');
  return { agreement, assessment: ran.assessment };
}

// The agreement the version cells write: its own code on Liuzhuang (Henan upstream, Shandong downstream), in force
// in 2040 only, so no other cell's agreement or assessment changes. Each allowed cell records the next version.
const VERSIONED_AGREEMENT = 'access-matrix-liuzhuang';
const RECORD_VERSION =
  'mutation($input: RecordCompensationAgreementVersionInput!) { recordCompensationAgreementVersion(input: $input) { previousVersion agreement { code version } } }';
const versionTerms = (version: number, reason: string) => ({
  agreementCode: VERSIONED_AGREEMENT,
  version,
  nameZh: '访问矩阵测试协议（刘庄）',
  nameEn: 'Access matrix test agreement (Liuzhuang)',
  sectionCode: 'yellow-liuzhuang',
  parties: [
    { province: HENAN, role: 'UPSTREAM', shareBasisPoints: 10_000 },
    { province: SHANDONG, role: 'DOWNSTREAM', shareBasisPoints: 10_000 },
  ],
  validFrom: '2040-01-01',
  validTo: '2040-12-31',
  classPayment: { period: 'ANNUAL', baselineClass: 'III', amountPerClassStepFen: String(100_000_000 + version), parameters: ['COD', 'NH3-N', 'TP'] },
  fenRounding: 'half-away-from-zero',
  settlement: 'annual',
  reason,
});
const versionedByEnv = new WeakMap<ProbeEnvironment, Promise<void>>();

/** Henan's bureau records version 1 of the matrix's agreement once per environment. */
function versionedAgreementOf(env: ProbeEnvironment): Promise<void> {
  let made = versionedByEnv.get(env);
  if (!made) {
    made = (async () => {
      const henan = await env.callerFor('environment', HENAN);
      if ((await newestVersion(env)) > 0) return;
      must(await env.graphql(henan, RECORD_VERSION, { input: versionTerms(1, 'Access matrix fixture') }), 'recordCompensationAgreementVersion');
    })();
    made.catch(() => versionedByEnv.delete(env));
    versionedByEnv.set(env, made);
  }
  return made;
}

/** The newest version of the matrix's agreement, as Henan's bureau reads it (0 when there is none). */
async function newestVersion(env: ProbeEnvironment): Promise<number> {
  const henan = await env.callerFor('environment', HENAN);
  const response = await env.graphql(henan, 'query($code: String!) { compensationAgreement(code: $code) { version } }', { code: VERSIONED_AGREEMENT });
  return (response.data?.compensationAgreement as { version: number } | null | undefined)?.version ?? 0;
}

/**
 * Reads a connection page by page (at most 20 pages of 100) as the actor: allowed when a node passes `isTheRecord`,
 * denied when the list ends without it or the field is refused like a missing record.
 */
async function probeListed(env: ProbeEnvironment, actor: ProbeCaller, query: string, field: string, isTheRecord: (node: Record<string, unknown>) => boolean): Promise<ProbeOutcome> {
  let after: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const response = await env.graphql(actor, query, { after });
    const list = response.data?.[field] as { edges: Array<{ node: Record<string, unknown> }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null | undefined;
    if (!list) return classifyRead(response, field, () => false);
    if (response.errors.length > 0) return unexpected(`list with errors: ${JSON.stringify(response.errors)}`);
    if (list.edges.some((e) => isTheRecord(e.node))) return 'allow';
    if (!list.pageInfo.hasNextPage) return 'deny';
    after = list.pageInfo.endCursor;
  }
  return unexpected(`${field} did not end within 20 pages`);
}

// The escalation exercise. An escalation falls due an acknowledgement deadline after sending (hours), and the
// service's job looks once per interval (a minute in the test platform): one occurrence is made for the whole group.
// Every user a cell of the group acts as subscribes first; a fresh alert of Henan's is then moved five hours into
// the past in the service's own table (its only change: sent_at and the job's next look), the unchanged job escalates
// it to Shandong's duty roster, publishes through the outbox and Kafka, and the gateway delivers it — or not — to
// each subscriber. Each cell then reads what its user's live stream received.
const ESCALATION_SUBSCRIPTION = 'subscription { alertAcknowledgementOverdue { messageId province step } }';
const ESCALATION_WAIT_MS = 140_000;
const escalationByEnv = new WeakMap<ProbeEnvironment, Promise<ReadonlyMap<string, ProbeOutcome>>>();

function actorKey(actor: Pick<ProbeCaller, 'role' | 'province'>): string {
  return `${actor.role}/${actor.province ?? '-'}`;
}

function escalationExerciseOf(env: ProbeEnvironment): Promise<ReadonlyMap<string, ProbeOutcome>> {
  let exercise = escalationByEnv.get(env);
  if (!exercise) {
    exercise = runEscalationExercise(env);
    exercise.catch(() => {});
    escalationByEnv.set(env, exercise);
  }
  return exercise;
}

async function runEscalationExercise(env: ProbeEnvironment): Promise<ReadonlyMap<string, ProbeOutcome>> {
  if (!env.sql) throw new Error('the probe environment cannot reach the pollution database, so no escalation can fall due');
  const actors: ProbeCaller[] = [await env.callerFor('anonymous'), await env.callerFor('observer'), await env.callerFor('admin')];
  for (const role of ['environment', 'liaison', 'medical_insurance', 'investment'] as const) {
    for (const province of Object.values(PROVINCE_OF_RELATION)) actors.push(await env.callerFor(role, province));
  }
  const streams = await Promise.all(actors.map((actor) => env.openSubscription(actor, ESCALATION_SUBSCRIPTION)));
  try {
    const outcomes = new Map<string, ProbeOutcome>();
    const received = actors.map((): ProbeResponse[] => []);
    // A refused subscription answers at once.
    await Promise.all(
      streams.map(async (stream, i) => {
        const early = await stream.next(500);
        const key = actorKey(actors[i] as ProbeCaller);
        if (early === 'complete') outcomes.set(key, unexpected('the stream closed without an answer'));
        else if (early && early.errors.length > 0) {
          const codes = early.errors.map((e) => String(e.extensions?.code));
          outcomes.set(key, codes.every((code) => code === 'NOT_FOUND' || code === 'UNAUTHENTICATED') ? 'deny' : unexpected(`refused with ${codes.join(', ')}`));
        } else if (early) received[i]?.push(early);
      }),
    );
    const alert = await issueAlert(env, 'Access matrix: escalation probe (not acknowledged)');
    // Severity III: Shandong's acknowledgement was due 240 minutes after sending; the joint mechanism only at 480.
    await env.sql('pollution', "UPDATE alert_message SET sent_at = sent_at - interval '300 minutes', escalation_due_at = now() WHERE id = $1", [alert.messageId]);
    const isTheEvent = (payload: ProbeResponse) => (payload.data?.alertAcknowledgementOverdue as { messageId?: string } | undefined)?.messageId === alert.messageId;
    const witness = actors.findIndex((actor) => actor.role === 'observer');
    const deadline = Date.now() + ESCALATION_WAIT_MS;
    let seen = received[witness]?.some(isTheEvent) ?? false;
    while (!seen && Date.now() < deadline) {
      const payload = await streams[witness]?.next(deadline - Date.now());
      if (payload === null || payload === 'complete' || payload === undefined) break;
      received[witness]?.push(payload);
      seen = isTheEvent(payload);
    }
    if (!seen) throw new Error(`the national observer did not receive the escalation of ${alert.messageId} within ${ESCALATION_WAIT_MS / 1000} s`);
    // The hub hands an event to every subscriber at once: what has not arrived shortly after the observer's never will.
    await Promise.all(
      streams.map(async (stream, i) => {
        const key = actorKey(actors[i] as ProbeCaller);
        if (outcomes.has(key)) return;
        const got = received[i] as ProbeResponse[];
        for (let payload = await stream.next(500); payload !== null && payload !== 'complete'; payload = await stream.next(500)) got.push(payload);
        const broken = got.find((payload) => payload.errors.length > 0);
        if (broken) outcomes.set(key, unexpected(`errors in a delivered payload: ${JSON.stringify(broken.errors)}`));
        else outcomes.set(key, got.some(isTheEvent) ? 'allow' : 'deny');
      }),
    );
    return outcomes;
  } finally {
    for (const stream of streams) stream.close();
  }
}

const OPEN_CASE = 'mutation($id: ID!) { openCase(input: { alertId: $id }) { case { id caseId } } }';
const CHANGE_STATE = 'mutation($id: ID!, $c: PollutionCaseTransition!) { changeCaseState(input: { caseId: $id, command: $c }) { case { state } } }';

/** A case of its own for one cell: Henan's bureau issues an alert, opens the case from it and moves it on. */
async function openProbeCase(env: ProbeEnvironment, label: string, commands: readonly string[] = []): Promise<{ id: string; caseId: string }> {
  const henan = await env.callerFor('environment', HENAN);
  const alert = await issueAlert(env, `Access matrix: ${label}`);
  const opened = must<{ case: { id: string; caseId: string } }>(await env.graphql(henan, OPEN_CASE, { id: alert.id }), 'openCase').case;
  for (const command of commands) must(await env.graphql(henan, CHANGE_STATE, { id: opened.id, c: command }), 'changeCaseState');
  return opened;
}

// The records the write cells that may share one act on, and the readings the reading cells look for: a reading
// Henan's bureau stored at Liuzhuang (COD below every class limit, so no exceedance opens a case) at an instant no
// other probe uses, and a case (Henan and Shandong) whose monitoring-data evidence names it. Evidence is added and
// alerts are linked to this case, never to the fixture case other cells read.
const PROBE_READING = { sectionCode: 'yellow-liuzhuang', parameter: 'COD', sampledAt: '2026-08-01T08:00:00+08:00' } as const;

interface WriteFixtures {
  case: { id: string; caseId: string };
}

const writeFixturesByEnv = new WeakMap<ProbeEnvironment, Promise<WriteFixtures>>();

function writeFixturesOf(env: ProbeEnvironment): Promise<WriteFixtures> {
  let fixtures = writeFixturesByEnv.get(env);
  if (!fixtures) {
    fixtures = makeWriteFixtures(env);
    fixtures.catch(() => writeFixturesByEnv.delete(env));
    writeFixturesByEnv.set(env, fixtures);
  }
  return fixtures;
}

async function makeWriteFixtures(env: ProbeEnvironment): Promise<WriteFixtures> {
  const henan = await env.callerFor('environment', HENAN);
  must(
    await env.graphql(henan, 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { accepted } }', { input: { readings: [{ ...PROBE_READING, value: '10', unit: 'mg/L' }] } }),
    'submitReadings',
  );
  const c = await openProbeCase(env, 'write target case');
  must(
    await env.graphql(henan, 'mutation($input: AddCaseEvidenceInput!) { addCaseEvidence(input: $input) { evidenceId } }', {
      input: { caseId: c.id, description: 'The probe reading', monitoringData: { readings: [PROBE_READING] } },
    }),
    'addCaseEvidence',
  );
  return { case: c };
}

const isProbeReading = (reading: { sampledAt?: unknown; parameter?: unknown }) =>
  reading.parameter === PROBE_READING.parameter && typeof reading.sampledAt === 'string' && Date.parse(reading.sampledAt) === Date.parse(PROBE_READING.sampledAt);

// The escalation policy the policy cells read and write: its own code on Jingziguan (Shaanxi–Henan, a section no
// probe issues alerts on, governed by no other policy), every version taking effect in 2040, so no alert of any
// other cell gets its deadlines from it.
const PROBE_POLICY = 'access-matrix-jingziguan';
const SET_POLICY = 'mutation($input: SetEscalationPolicyInput!) { setEscalationPolicy(input: $input) { code policy { version } } }';
const policyInput = (expectedVersion: number, source: string) => ({
  code: PROBE_POLICY,
  name: 'Access matrix test policy (Jingziguan)',
  sectionCodes: ['dan-jingziguan'],
  acknowledgeWithinMinutes: { I: 60, II: 120, III: 240, IV: 480 },
  jointMechanismAfterMinutes: { I: 60, II: 120, III: 240, IV: 480 },
  source,
  effectiveFrom: '2040-01-01T00:00:00Z',
  expectedVersion,
});
const POLICIES = '{ pollutionEscalationPolicies { code versions { version } } }';
const policyByEnv = new WeakMap<ProbeEnvironment, Promise<void>>();

/** The newest version of the matrix's policy, as the platform administrator reads it (0 when there is none). */
async function newestPolicyVersion(env: ProbeEnvironment): Promise<number> {
  const admin = await env.callerFor('admin');
  const policies = must<Array<{ code: string; versions: Array<{ version: number }> }>>(await env.graphql(admin, POLICIES), 'pollutionEscalationPolicies');
  return Math.max(0, ...(policies.find((p) => p.code === PROBE_POLICY)?.versions.map((v) => v.version) ?? []));
}

/** The administrator records version 1 of the matrix's policy once per environment. */
function probePolicyOf(env: ProbeEnvironment): Promise<void> {
  let made = policyByEnv.get(env);
  if (!made) {
    made = (async () => {
      if ((await newestPolicyVersion(env)) > 0) return;
      must(await env.graphql(await env.callerFor('admin'), SET_POLICY, { input: policyInput(0, 'Access matrix fixture') }), 'setEscalationPolicy');
    })();
    made.catch(() => policyByEnv.delete(env));
    policyByEnv.set(env, made);
  }
  return made;
}

/**
 * A write that must be refused by the access rule or not at all: a bureau of a province on neither side of the
 * section is told so on the section field (the service's answer; sections are reference data, so it reveals nothing).
 */
function classifySectionWrite(response: ProbeResponse, field: string, sectionField: string, accept: (value: unknown) => boolean): ProbeOutcome {
  const problems = response.errors[0]?.extensions?.problems as Array<{ field: string }> | undefined;
  if (response.errors.length === 1 && response.errors[0]?.extensions?.code === 'VALIDATION_FAILED' && problems?.length === 1 && problems[0]?.field === sectionField) return 'deny';
  return classifyWrite(response, field, accept);
}

/** The pollution probes, one per (object, operation). */
export const pollutionAccessProbes: readonly AccessProbe[] = [
  {
    domain: 'pollution',
    object: 'case',
    operation: 'read',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { pollutionCase(id: $id) { caseId title state counts { evidence } } }', { id: c.id });
      return classifyRead(response, 'pollutionCase', (value) => (value as { caseId: string }).caseId === c.caseId);
    },
  },
  {
    domain: 'pollution',
    object: 'case',
    operation: 'node',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { node(id: $id) { id ... on PollutionCase { caseId } } }', { id: c.id });
      return classifyRead(response, 'node', (value) => (value as { caseId: string }).caseId === c.caseId);
    },
  },
  {
    domain: 'pollution',
    object: 'case-evidence',
    operation: 'read',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { pollutionCase(id: $id) { caseId evidence { evidenceId filename } } }', { id: c.id });
      const readsCase = classifyRead(response, 'pollutionCase', () => true);
      if (readsCase !== 'allow') return readsCase;
      // The case itself is readable (a liaison office): its evidence must be null, never an empty list or an error.
      const evidence = (response.data?.pollutionCase as { evidence: Array<{ filename: string }> | null }).evidence;
      if (evidence === null) return 'deny';
      return evidence.some((e) => e.filename === 'report.pdf') ? 'allow' : unexpected(`evidence without the fixture: ${JSON.stringify(evidence)}`);
    },
  },
  {
    domain: 'pollution',
    object: 'alert',
    operation: 'list',
    async run(caller, relation, env) {
      const { alert } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      let after: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const response = await env.graphql(actor, 'query($after: String) { pollutionAlerts(first: 100, after: $after) { totalCount edges { node { messageId } } pageInfo { hasNextPage endCursor } } }', { after });
        const list = response.data?.pollutionAlerts as { totalCount: number; edges: Array<{ node: { messageId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null | undefined;
        if (!list) return classifyRead(response, 'pollutionAlerts', () => false);
        if (response.errors.length > 0) return unexpected(`list with errors: ${JSON.stringify(response.errors)}`);
        if (list.edges.some((e) => e.node.messageId === alert.messageId)) return 'allow';
        if (!list.pageInfo.hasNextPage) return 'deny';
        after = list.pageInfo.endCursor;
      }
      return unexpected('the inbox did not end within 20 pages');
    },
  },
  {
    domain: 'pollution',
    object: 'alert-acknowledgement',
    operation: 'write',
    async run(caller, relation, env) {
      // A fresh alert per cell: a province acknowledges a message once.
      const alert = await issueAlert(env, `Access matrix: acknowledgement probe ${caller.role}/${relation}`);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($id: ID!) { acknowledgeAlert(input: { alertId: $id }) { alert { acknowledgements { province } } } }', { id: alert.id });
      return classifyWrite(response, 'acknowledgeAlert', (value) => (value as { alert: { acknowledgements: Array<{ province: string }> } }).alert.acknowledgements.some((a) => a.province === actor.province));
    },
  },
  {
    domain: 'pollution',
    object: 'enforcement-action',
    operation: 'write',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($id: ID!) { recordEnforcementAction(input: { caseId: $id, date: "2026-11-02", findings: "Matrix probe action" }) { actionId } }', { id: c.id });
      return classifyWrite(response, 'recordEnforcementAction', (value) => typeof (value as { actionId: unknown }).actionId === 'string');
    },
  },
  {
    domain: 'pollution',
    object: 'other-party-enforcement-action',
    operation: 'write',
    async run(caller, relation, env) {
      const fixtures = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      // Always an action another province carried out: Shandong's for Henan, Henan's for anyone else.
      const actionId = actor.province === HENAN ? fixtures.shandongActionId : fixtures.henanActionId;
      const response = await env.graphql(actor, 'mutation($input: AmendEnforcementActionInput!) { amendEnforcementAction(input: $input) { case { caseId } } }', {
        input: { caseId: fixtures.case.id, actionId, findings: 'Rewritten by another province' },
      });
      return classifyWrite(response, 'amendEnforcementAction', () => true);
    },
  },
  {
    domain: 'pollution',
    object: 'readings',
    operation: 'write',
    async run(caller, relation, env) {
      const actor = await actorFor(caller, relation, env);
      readingsMinute += 1;
      const sampledAt = new Date(Date.UTC(2026, 9, 1) + readingsMinute * 60_000).toISOString();
      const response = await env.graphql(actor, 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { accepted } }', {
        input: { readings: [{ sectionCode: 'yellow-liuzhuang', parameter: 'COD', value: '10', unit: 'mg/L', sampledAt }] },
      });
      // A province on neither side of the section is told so on the field (the service's answer), not FORBIDDEN.
      const problems = response.errors[0]?.extensions?.problems as Array<{ field: string }> | undefined;
      if (response.errors[0]?.extensions?.code === 'VALIDATION_FAILED' && problems?.length === 1 && problems[0]?.field === 'input.readings[0].sectionCode') return 'deny';
      return classifyWrite(response, 'submitReadings', (value) => (value as { accepted: number }).accepted === 1);
    },
  },
  {
    domain: 'pollution',
    object: 'alert-issued',
    operation: 'subscribe',
    async run(caller, relation, env) {
      const actor = await actorFor(caller, relation, env);
      return probeDelivery(env, actor, 'subscription { alertIssued { messageId } }', {}, async () => {
        const alert = await issueAlert(env, `Access matrix: delivery probe ${caller.role}/${relation}`);
        return (payload) => (payload.data?.alertIssued as { messageId?: string } | undefined)?.messageId === alert.messageId;
      });
    },
  },
  {
    domain: 'pollution',
    object: 'case-updated',
    operation: 'subscribe',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      return probeDelivery(env, actor, 'subscription { caseUpdated { caseId change timelineSeq } }', {}, async () => {
        const henan = await env.callerFor('environment', HENAN);
        const recorded = must<{ case: { timeline: Array<{ seq: number }> } }>(
          await env.graphql(henan, 'mutation($id: ID!) { recordEnforcementAction(input: { caseId: $id, date: "2026-11-03", findings: "Delivery probe" }) { case { timeline { seq } } } }', { id: c.id }),
          'recordEnforcementAction',
        );
        const seq = Math.max(...recorded.case.timeline.map((e) => e.seq));
        return (payload) => {
          const event = payload.data?.caseUpdated as { caseId?: string; timelineSeq?: number } | undefined;
          return event?.caseId === c.caseId && event.timelineSeq === seq;
        };
      });
    },
  },
  {
    domain: 'pollution',
    object: 'alert-activity',
    operation: 'subscribe',
    async run(caller, relation, env) {
      const actor = await actorFor(caller, relation, env);
      return probeDelivery(env, actor, 'subscription { alertActivity { messageId change } }', {}, async () => {
        const alert = await issueAlert(env, `Access matrix: activity probe ${caller.role}/${relation}`);
        return (payload) => {
          const event = payload.data?.alertActivity as { messageId?: string; change?: string } | undefined;
          return event?.messageId === alert.messageId && event.change === 'ISSUED';
        };
      });
    },
  },
  {
    domain: 'pollution',
    object: 'alert-acknowledged',
    operation: 'subscribe',
    async run(caller, relation, env) {
      const actor = await actorFor(caller, relation, env);
      return probeDelivery(env, actor, 'subscription { alertAcknowledged { messageId province } }', {}, async () => {
        const alert = await issueAlert(env, `Access matrix: acknowledged probe ${caller.role}/${relation}`);
        const shandong = await env.callerFor('environment', SHANDONG);
        must(await env.graphql(shandong, 'mutation($id: ID!) { acknowledgeAlert(input: { alertId: $id }) { alert { id } } }', { id: alert.id }), 'acknowledgeAlert');
        return (payload) => {
          const event = payload.data?.alertAcknowledged as { messageId?: string; province?: string } | undefined;
          return event?.messageId === alert.messageId && event.province === SHANDONG;
        };
      });
    },
  },
  {
    domain: 'pollution',
    object: 'alert-escalation',
    operation: 'subscribe',
    prepare(env) {
      void escalationExerciseOf(env);
    },
    async run(caller, relation, env) {
      const actor = await actorFor(caller, relation, env);
      const outcome = (await escalationExerciseOf(env)).get(actorKey(actor));
      return outcome ?? unexpected(`no subscriber for ${actorKey(actor)} in the escalation exercise`);
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-agreement',
    operation: 'read',
    async run(caller, relation, env) {
      await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($code: String!) { compensationAgreement(code: $code) { code parties { province } } }', { code: AGREEMENT });
      return classifyRead(response, 'compensationAgreement', (value) => (value as { code: string }).code === AGREEMENT);
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-agreement',
    operation: 'list',
    async run(caller, relation, env) {
      await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, '{ compensationAgreements { code } }');
      const list = response.data?.compensationAgreements as Array<{ code: string }> | null | undefined;
      if (!list) return classifyRead(response, 'compensationAgreements', () => false);
      if (response.errors.length > 0) return unexpected(`list with errors: ${JSON.stringify(response.errors)}`);
      return list.some((a) => a.code === AGREEMENT) ? 'allow' : 'deny';
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-agreement',
    operation: 'node',
    async run(caller, relation, env) {
      const { agreement } = await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { node(id: $id) { id ... on CompensationAgreement { code } } }', { id: agreement.id });
      return classifyRead(response, 'node', (value) => (value as { code: string }).code === AGREEMENT);
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-assessment',
    operation: 'read',
    async run(caller, relation, env) {
      const { assessment } = await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { compensationAssessment(id: $id) { assessmentId netTransfers { payer payee } } }', { id: assessment.id });
      return classifyRead(response, 'compensationAssessment', (value) => (value as { assessmentId: string }).assessmentId === assessment.assessmentId);
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-assessment',
    operation: 'list',
    async run(caller, relation, env) {
      const { assessment } = await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      // Superseded ones too: the delivery probes publish newer assessments of the same period.
      const query = 'query($after: String) { compensationAssessments(includeSuperseded: true, first: 100, after: $after) { totalCount edges { node { assessmentId } } pageInfo { hasNextPage endCursor } } }';
      return probeListed(env, actor, query, 'compensationAssessments', (node) => node.assessmentId === assessment.assessmentId);
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-assessment',
    operation: 'node',
    async run(caller, relation, env) {
      const { assessment } = await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { node(id: $id) { id ... on CompensationAssessment { assessmentId } } }', { id: assessment.id });
      return classifyRead(response, 'node', (value) => (value as { assessmentId: string }).assessmentId === assessment.assessmentId);
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-assessment',
    operation: 'write',
    async run(caller, relation, env) {
      await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      // The fixture's inputs: an allowed run returns the same assessment (reused), so the cells publish nothing.
      const response = await env.graphql(actor, RUN_ASSESSMENT, { input: assessmentInput('Access matrix fixture') });
      return classifyWrite(response, 'runAssessment', (value) => typeof (value as { assessment: { assessmentId: unknown } }).assessment.assessmentId === 'string');
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-agreement',
    operation: 'write',
    async run(caller, relation, env) {
      await versionedAgreementOf(env);
      const actor = await actorFor(caller, relation, env);
      // The next version, valid in every respect: a refusal is the access rule's, never the input's.
      const next = (await newestVersion(env)) + 1;
      const response = await env.graphql(actor, RECORD_VERSION, { input: versionTerms(next, `Access matrix cell ${caller.role}/${relation}`) });
      return classifyWrite(response, 'recordCompensationAgreementVersion', (value) => (value as { agreement: { version: number } }).agreement.version === next);
    },
  },
  {
    domain: 'pollution',
    object: 'assessment-published',
    operation: 'subscribe',
    async run(caller, relation, env) {
      await compensationOf(env);
      const actor = await actorFor(caller, relation, env);
      return probeDelivery(env, actor, 'subscription { assessmentPublished { assessmentId agreementCode } }', {}, async () => {
        // Another source of the official class is another input: a new assessment that supersedes the last.
        const henan = await env.callerFor('environment', HENAN);
        const ran = must<{ reused: boolean; assessment: { assessmentId: string } }>(await env.graphql(henan, RUN_ASSESSMENT, { input: assessmentInput(`Access matrix probe ${caller.role}/${relation}`) }), 'runAssessment');
        if (ran.reused) throw new Error('the probe assessment was not new, so nothing was published');
        return (payload) => (payload.data?.assessmentPublished as { assessmentId?: string } | undefined)?.assessmentId === ran.assessment.assessmentId;
      });
    },
  },
  {
    domain: 'pollution',
    object: 'case',
    operation: 'direct-read',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const result = await callServiceDirectly(env, actor, 'GetCase', { caseId: c.caseId });
      return classifyDirect(result, (body) => (body.case as { id?: string } | undefined)?.id === c.caseId);
    },
  },
  {
    domain: 'pollution',
    object: 'enforcement-action',
    operation: 'direct-write',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const result = await callServiceDirectly(env, actor, 'RecordEnforcementAction', { caseId: c.caseId, date: '2026-11-04', findings: 'Direct probe action' });
      return classifyDirect(result, (body) => typeof body.actionId === 'string');
    },
  },
  {
    domain: 'pollution',
    object: 'compensation-agreement',
    operation: 'direct-write',
    async run(caller, relation, env) {
      await versionedAgreementOf(env);
      const actor = await actorFor(caller, relation, env);
      const next = (await newestVersion(env)) + 1;
      const terms = versionTerms(next, `Access matrix direct cell ${caller.role}/${relation}`);
      // The same terms in the Connect request's JSON (enum names as protobuf spells them).
      const result = await callServiceDirectly(env, actor, 'RecordAgreementVersion', {
        agreementId: terms.agreementCode,
        version: next,
        nameZh: terms.nameZh,
        nameEn: terms.nameEn,
        sectionId: terms.sectionCode,
        parties: terms.parties.map((p) => ({ province: p.province, role: `PARTY_ROLE_${p.role}`, shareBasisPoints: p.shareBasisPoints })),
        validFrom: terms.validFrom,
        validTo: terms.validTo,
        classPayment: { period: 'PERIOD_KIND_ANNUAL', baselineClass: 'WATER_CLASS_III', amountPerClassStepFen: terms.classPayment.amountPerClassStepFen, parameters: terms.classPayment.parameters },
        fenRounding: terms.fenRounding,
        settlement: terms.settlement,
        reason: terms.reason,
      });
      return classifyDirect(result, (body) => (body.agreement as { version?: number } | undefined)?.version === next);
    },
  },
  {
    domain: 'pollution',
    object: 'case',
    operation: 'list',
    async run(caller, relation, env) {
      const { case: c } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const query = 'query($after: String) { pollutionCases(first: 100, after: $after) { totalCount edges { node { caseId } } pageInfo { hasNextPage endCursor } } }';
      return probeListedAndCounted(env, actor, query, 'pollutionCases', (node) => node.caseId === c.caseId);
    },
  },
  {
    domain: 'pollution',
    object: 'alert',
    operation: 'read',
    async run(caller, relation, env) {
      const { alert } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { pollutionAlert(id: $id) { messageId headline senderProvince } }', { id: alert.id });
      return classifyRead(response, 'pollutionAlert', (value) => (value as { messageId: string }).messageId === alert.messageId);
    },
  },
  {
    domain: 'pollution',
    object: 'alert',
    operation: 'node',
    async run(caller, relation, env) {
      const { alert } = await fixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { node(id: $id) { id ... on PollutionAlert { messageId } } }', { id: alert.id });
      return classifyRead(response, 'node', (value) => (value as { messageId: string }).messageId === alert.messageId);
    },
  },
  {
    domain: 'pollution',
    object: 'readings',
    operation: 'read',
    async run(caller, relation, env) {
      await writeFixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const at = Date.parse(PROBE_READING.sampledAt);
      const response = await env.graphql(
        actor,
        'query($code: String!, $p: String!, $from: DateTime!, $to: DateTime!) { pollutionSection(code: $code) { code readings(parameter: $p, from: $from, to: $to, first: 10) { totalCount edges { node { parameter sampledAt } } } } }',
        { code: PROBE_READING.sectionCode, p: PROBE_READING.parameter, from: new Date(at).toISOString(), to: new Date(at + 60_000).toISOString() },
      );
      // The section is reference data: every signed-in user reads it, so its readings decide.
      const readsSection = classifyRead(response, 'pollutionSection', () => true);
      if (readsSection !== 'allow') return readsSection;
      const readings = (response.data?.pollutionSection as { readings: { totalCount: number; edges: Array<{ node: { parameter: string; sampledAt: string } }> } | null }).readings;
      if (readings === null) return 'deny';
      return readings.edges.some((e) => isProbeReading(e.node)) && readings.totalCount === readings.edges.length ? 'allow' : unexpected(`readings without the probe's: ${JSON.stringify(readings)}`);
    },
  },
  {
    domain: 'pollution',
    object: 'case-readings',
    operation: 'read',
    async run(caller, relation, env) {
      const { case: c } = await writeFixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'query($id: ID!) { pollutionCase(id: $id) { caseId readings { parameter sampledAt } } }', { id: c.id });
      const readsCase = classifyRead(response, 'pollutionCase', () => true);
      if (readsCase !== 'allow') return readsCase;
      // The case's summary is readable (a liaison office): its readings must be null, never an empty list or an error.
      const readings = (response.data?.pollutionCase as { readings: Array<{ parameter: string; sampledAt: string }> | null }).readings;
      if (readings === null) return 'deny';
      return readings.some(isProbeReading) ? 'allow' : unexpected(`case readings without the probe's: ${JSON.stringify(readings)}`);
    },
  },
  {
    domain: 'pollution',
    object: 'alert',
    operation: 'write',
    async run(caller, relation, env) {
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($input: IssueAlertInput!) { issueAlert(input: $input) { alert { messageId senderProvince } } }', {
        input: issueInput(`Access matrix: issue probe ${caller.role}/${relation}`),
      });
      return classifySectionWrite(response, 'issueAlert', 'input.sectionCode', (value) => (value as { alert: { senderProvince: string } }).alert.senderProvince === actor.province);
    },
  },
  {
    domain: 'pollution',
    object: 'alert-update',
    operation: 'write',
    async run(caller, relation, env) {
      // A fresh alert per cell: an update replaces the thread's current message.
      const alert = await issueAlert(env, `Access matrix: update probe ${caller.role}/${relation}`);
      const actor = await actorFor(caller, relation, env);
      const headline = `Access matrix: updated by ${caller.role}/${relation}`;
      const response = await env.graphql(actor, 'mutation($input: UpdateAlertInput!) { updateAlert(input: $input) { alert { messageId headline } } }', {
        input: { alertId: alert.id, severity: 'II', headline },
      });
      return classifyWrite(response, 'updateAlert', (value) => {
        const updated = (value as { alert: { messageId: string; headline: string } }).alert;
        return updated.messageId !== alert.messageId && updated.headline === headline;
      });
    },
  },
  {
    domain: 'pollution',
    object: 'alert-cancellation',
    operation: 'write',
    async run(caller, relation, env) {
      const alert = await issueAlert(env, `Access matrix: cancellation probe ${caller.role}/${relation}`);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($input: CancelAlertInput!) { cancelAlert(input: $input) { alert { messageId } } }', {
        input: { alertId: alert.id, reason: `Access matrix cell ${caller.role}/${relation}` },
      });
      return classifyWrite(response, 'cancelAlert', (value) => typeof (value as { alert: { messageId: unknown } }).alert.messageId === 'string');
    },
  },
  {
    domain: 'pollution',
    object: 'case',
    operation: 'write',
    async run(caller, relation, env) {
      // A fresh alert per cell: each opens its own case.
      const alert = await issueAlert(env, `Access matrix: open-case probe ${caller.role}/${relation}`);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($id: ID!) { openCase(input: { alertId: $id }) { case { caseId reportingProvince } } }', { id: alert.id });
      return classifyWrite(response, 'openCase', (value) => (value as { case: { reportingProvince: string } }).case.reportingProvince === actor.province);
    },
  },
  {
    domain: 'pollution',
    object: 'case-state',
    operation: 'write',
    async run(caller, relation, env) {
      const c = await openProbeCase(env, `state probe ${caller.role}/${relation}`);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, CHANGE_STATE, { id: c.id, c: 'START_JOINT_INVESTIGATION' });
      return classifyWrite(response, 'changeCaseState', (value) => (value as { case: { state: string } }).case.state === 'UNDER_JOINT_INVESTIGATION');
    },
  },
  {
    domain: 'pollution',
    object: 'case-evidence',
    operation: 'write',
    async run(caller, relation, env) {
      const { case: c } = await writeFixturesOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($input: AddCaseEvidenceInput!) { addCaseEvidence(input: $input) { evidenceId case { evidence { evidenceId submittedProvince } } } }', {
        // A document of its own per cell: the same document twice on a case is a conflict.
        input: { caseId: c.id, description: `Matrix probe evidence ${caller.role}/${relation}`, document: { sha256: createHash('sha256').update(`${caller.role}/${relation}`).digest('hex'), filename: 'probe.pdf', mediaType: 'application/pdf', sizeBytes: 2048 } },
      });
      return classifyWrite(response, 'addCaseEvidence', (value) => {
        const added = value as { evidenceId: string; case: { evidence: Array<{ evidenceId: string; submittedProvince: string }> } };
        return added.case.evidence.some((e) => e.evidenceId === added.evidenceId && e.submittedProvince === actor.province);
      });
    },
  },
  {
    domain: 'pollution',
    object: 'case-alert-link',
    operation: 'write',
    async run(caller, relation, env) {
      const { case: c } = await writeFixturesOf(env);
      // A fresh alert of Henan's on the case's section per cell: a thread is linked once.
      const alert = await issueAlert(env, `Access matrix: link probe ${caller.role}/${relation}`);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($input: LinkAlertToCaseInput!) { linkAlertToCase(input: $input) { case { caseId } } }', { input: { caseId: c.id, alertId: alert.id } });
      return classifyWrite(response, 'linkAlertToCase', (value) => (value as { case: { caseId: string } }).case.caseId === c.caseId);
    },
  },
  {
    domain: 'pollution',
    object: 'case-closure-agreement',
    operation: 'write',
    async run(caller, relation, env) {
      // A fresh case per cell (reported: closable by agreement); one party's agreement leaves it open.
      const c = await openProbeCase(env, `closure probe ${caller.role}/${relation}`);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($input: AgreeToCloseCaseInput!) { agreeToCloseCase(input: $input) { case { state closureAgreements { province } } } }', {
        input: { caseId: c.id, statement: 'No cross-boundary pollution to pursue (matrix probe).' },
      });
      return classifyWrite(response, 'agreeToCloseCase', (value) => (value as { case: { closureAgreements: Array<{ province: string }> } }).case.closureAgreements.some((a) => a.province === actor.province));
    },
  },
  {
    domain: 'pollution',
    object: 'case-dispute',
    operation: 'write',
    async run(caller, relation, env) {
      // A fresh case per cell, under joint investigation (disputable).
      const c = await openProbeCase(env, `dispute probe ${caller.role}/${relation}`, ['START_JOINT_INVESTIGATION']);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, 'mutation($input: RaiseCaseDisputeInput!) { raiseCaseDispute(input: $input) { case { state } } }', {
        input: { caseId: c.id, reason: `Disputed by the matrix probe ${caller.role}/${relation}` },
      });
      return classifyWrite(response, 'raiseCaseDispute', (value) => (value as { case: { state: string } }).case.state === 'IN_MEDIATION');
    },
  },
  {
    domain: 'pollution',
    object: 'escalation-policy',
    operation: 'read',
    async run(caller, relation, env) {
      await probePolicyOf(env);
      const actor = await actorFor(caller, relation, env);
      const response = await env.graphql(actor, POLICIES);
      return classifyRead(response, 'pollutionEscalationPolicies', (value) => (value as Array<{ code: string }>).some((p) => p.code === PROBE_POLICY));
    },
  },
  {
    domain: 'pollution',
    object: 'escalation-policy',
    operation: 'write',
    async run(caller, relation, env) {
      await probePolicyOf(env);
      const actor = await actorFor(caller, relation, env);
      // The next version of the matrix's own policy, valid in every respect: a refusal is the access rule's.
      const newest = await newestPolicyVersion(env);
      const response = await env.graphql(actor, SET_POLICY, { input: policyInput(newest, `Access matrix cell ${caller.role}/${relation}`) });
      return classifyWrite(response, 'setEscalationPolicy', (value) => (value as { policy: { version: number } }).policy.version === newest + 1);
    },
  },
];
