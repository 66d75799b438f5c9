import type { AccessProbe, ProbeCaller, ProbeEnvironment, ProbeOutcome, ProbeResponse } from '../../../access-matrix/access-probe.ts';
import { defineCells, type AccessRule, type MatrixRelation } from '../../../access-matrix/policy-table.ts';

// The readingsRecorded cells of the access matrix (access-model.md, pollution; the service's canReadSectionReadings):
// an upload of readings reaches whoever may read the section's readings — the environmental bureaus of the provinces on
// either side of it and the national observer; never their liaison offices, other roles or other provinces.
//
// The record is the Liuzhuang section, as for the readings cells of pollution.access.ts: owner = its upstream province
// (Henan), party = its downstream province (Shandong), none = a province on neither side (Anhui); a mechanism member
// (Jiangsu) or a "shared" province (Beijing) is a stranger to a section, so those columns deny like none.

const HENAN = '410000';
const SHANDONG = '370000';
const PROVINCE_OF_RELATION: Readonly<Record<Exclude<MatrixRelation, 'any'>, string>> = { owner: HENAN, party: SHANDONG, none: '340000', member: '320000', shared: '110000' };

/** Who receives readingsRecorded: the section's provinces' environmental bureaus and the observer. */
export const readingsAccessRules: readonly AccessRule[] = [
  ...defineCells({ domain: 'pollution', object: 'readings-recorded', operation: 'subscribe', relational: true, allow: { environment: ['owner', 'party'], observer: 'all' } }),
];

function unexpected(message: string): ProbeOutcome {
  return { unexpected: message };
}

/** The demo user who acts in a cell: of the cell's role, in the province that has the cell's relation to the section. */
async function actorFor(caller: ProbeCaller, relation: MatrixRelation, env: ProbeEnvironment): Promise<ProbeCaller> {
  if (caller.role === 'anonymous' || caller.role === 'observer' || caller.role === 'admin' || relation === 'any') return caller;
  return env.callerFor(caller.role, PROVINCE_OF_RELATION[relation]);
}

const SUBSCRIPTION = 'subscription { readingsRecorded(sectionCode: "yellow-liuzhuang") { batchId sectionCode count } }';
const SUBMIT = 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { batchId } }';

// Each cell's upload is one TP reading (below the Class III limit: no case opens) at a minute of its own, in September
// 2026, apart from the readings-write cells' COD minutes in October.
let minute = 0;

/** Henan's bureau uploads one new reading at Liuzhuang; returns the upload's batch id. */
async function uploadReading(env: ProbeEnvironment): Promise<string> {
  const henan = await env.callerFor('environment', HENAN);
  minute += 1;
  const sampledAt = new Date(Date.UTC(2026, 8, 1) + minute * 60_000).toISOString();
  const response = await env.graphql(henan, SUBMIT, { input: { readings: [{ sectionCode: 'yellow-liuzhuang', parameter: 'TP', value: '0.1', unit: 'mg/L', sampledAt }] } });
  const batchId = (response.data?.submitReadings as { batchId?: string } | null | undefined)?.batchId;
  if (response.errors.length > 0 || !batchId) throw new Error(`the probe upload failed: ${JSON.stringify(response.errors)}`);
  return batchId;
}

const isUpload = (batchId: string) => (payload: ProbeResponse) => (payload.data?.readingsRecorded as { batchId?: string } | undefined)?.batchId === batchId;

/**
 * Subscribes as the actor and as the national observer (who receives every upload), uploads one reading, waits until
 * the observer has its event — the hub fans an event out to every subscriber at once — then looks whether the actor
 * got it too. A refused subscription answers at once with NOT_FOUND or UNAUTHENTICATED, like a record one may not see.
 */
async function probeReadingsDelivery(env: ProbeEnvironment, actor: ProbeCaller): Promise<ProbeOutcome> {
  const observer = await env.callerFor('observer');
  const subscription = await env.openSubscription(actor, SUBSCRIPTION);
  const witness = await env.openSubscription(observer, SUBSCRIPTION);
  try {
    const early = await subscription.next(300);
    if (early === 'complete') return unexpected('the stream closed without an answer');
    if (early && early.errors.length > 0) {
      const codes = early.errors.map((e) => String(e.extensions?.code));
      return codes.every((code) => code === 'NOT_FOUND' || code === 'UNAUTHENTICATED') ? 'deny' : unexpected(`refused with ${codes.join(', ')}`);
    }
    const isTheEvent = isUpload(await uploadReading(env));
    const deadline = Date.now() + 20_000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      const payload = await witness.next(deadline - Date.now());
      if (payload === null || payload === 'complete') break;
      seen = isTheEvent(payload);
    }
    if (!seen) return unexpected('the national observer did not receive the upload within 20 s');
    for (;;) {
      const payload = await subscription.next(300);
      if (payload === null || payload === 'complete') return 'deny';
      if (payload.errors.length > 0) return unexpected(`errors in a delivered payload: ${JSON.stringify(payload.errors)}`);
      if (isTheEvent(payload)) return 'allow';
    }
  } finally {
    subscription.close();
    witness.close();
  }
}

/** How the harness tries the readingsRecorded cells against the live gateway and pollution service. */
export const readingsAccessProbes: readonly AccessProbe[] = [
  {
    domain: 'pollution',
    object: 'readings-recorded',
    operation: 'subscribe',
    async run(caller, relation, env) {
      return probeReadingsDelivery(env, await actorFor(caller, relation, env));
    },
  },
];
