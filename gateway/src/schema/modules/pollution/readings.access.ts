import { probeDelivery, type AccessProbe, type ProbeCaller, type ProbeEnvironment, type ProbeOutcome, type ProbeResponse } from '../../../access-matrix/access-probe.ts';
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

/** Whether the actor receives an upload's readingsRecorded (the shared delivery probe, with one uploaded reading). */
function probeReadingsDelivery(env: ProbeEnvironment, actor: ProbeCaller): Promise<ProbeOutcome> {
  return probeDelivery(env, actor, SUBSCRIPTION, {}, async () => isUpload(await uploadReading(env)));
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
