import type { Agreement, Alert, Assessment, Case, MonitoringSection } from '@xietong/proto';
import { ERROR_CODES, notFound } from '../../../errors/gateway-errors.ts';
import { DomainError } from '../../../kit.ts';
import { isReadableAs, type GatewayBuilder } from '../../builder.ts';
import type { GatewayContext } from '../../gateway-context.ts';
import { memoized, readPollution, readPollutionOrNull } from './pollution.client.ts';

// The node types other types point at, with their loaders: one per request and record (Pothos dataloaders), so a
// section, case or alert named many times in one response is fetched once. The service has single-record reads
// only, so a batch is a set of parallel calls without duplicates.

// Messages whose thread arrived with them (GetAlert answers the message and its whole thread).
const threads = new WeakMap<Alert, readonly Alert[]>();
// Cases and assessments read one by one (the list views leave out timeline, evidence and breakdown).
const complete = new WeakSet<object>();

/** The thread of a message fetched with GetAlert, oldest first, or undefined for a message from a list. */
export function threadOf(alert: Alert): readonly Alert[] | undefined {
  return threads.get(alert);
}

/** Whether the record came from a single-record read (or a write), so its detail fields are filled. */
export function isComplete(record: Case | Assessment): boolean {
  return complete.has(record);
}

/** Marks records a write returned: they carry every detail, like a single-record read. */
export function markComplete<T extends Case | Assessment>(record: T): T {
  complete.add(record);
  return record;
}

/** The whole list of sections, once per request (reference data). */
export function sectionsOf(ctx: GatewayContext): Promise<readonly MonitoringSection[]> {
  return memoized(ctx, 'pollution.sections', async () => (await readPollution(ctx, (client, options) => client.listSections({}, options))).sections);
}

/** The key of an agreement version: `<id>@<version>`. */
export function agreementKey(agreement: Pick<Agreement, 'id' | 'version'>): string {
  return `${agreement.id}@${agreement.version}`;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Creates the loadable node refs (implemented by the type files). */
export function createPollutionRefs(builder: GatewayBuilder) {
  const section = builder.loadableNodeRef('MonitoringSection', {
    id: { resolve: (s: MonitoringSection) => s.id },
    load: async (codes: string[], ctx: GatewayContext): Promise<Array<MonitoringSection | Error>> => {
      const sections = await sectionsOf(ctx);
      return codes.map((code) => sections.find((s) => s.id === code) ?? notFound());
    },
  });
  const alert = builder.loadableNodeRef('PollutionAlert', {
    id: { resolve: (a: Alert) => a.id },
    load: (ids: string[], ctx: GatewayContext): Promise<Array<Alert | Error>> =>
      Promise.all(
        ids.map(async (id) => {
          try {
            const found = await readPollutionOrNull(ctx, (client, options) => client.getAlert({ alertId: id }, options));
            if (!found?.alert) return notFound();
            for (const message of [found.alert, ...found.thread]) threads.set(message, found.thread);
            return found.alert;
          } catch (error) {
            return asError(error);
          }
        }),
      ),
  });
  const pollutionCase = builder.loadableNodeRef('PollutionCase', {
    id: { resolve: (c: Case) => c.id },
    load: (ids: string[], ctx: GatewayContext): Promise<Array<Case | Error>> =>
      Promise.all(
        ids.map(async (id) => {
          try {
            const found = await readPollutionOrNull(ctx, (client, options) => client.getCase({ caseId: id }, options));
            return found?.case ? markComplete(found.case) : notFound();
          } catch (error) {
            return asError(error);
          }
        }),
      ),
  });
  const agreement = builder.loadableNodeRef('CompensationAgreement', {
    id: { resolve: (a: Agreement) => agreementKey(a) },
    load: (keys: string[], ctx: GatewayContext): Promise<Array<Agreement | Error>> =>
      Promise.all(
        keys.map(async (key) => {
          const at = key.lastIndexOf('@');
          const version = Number(key.slice(at + 1));
          if (at <= 0 || !Number.isSafeInteger(version) || version < 1) return notFound();
          try {
            const found = await readPollutionOrNull(ctx, (client, options) => client.getAgreement({ agreementId: key.slice(0, at), version }, options));
            return found?.agreement ?? notFound();
          } catch (error) {
            return asError(error);
          }
        }),
      ),
  });
  const assessment = builder.loadableNodeRef('CompensationAssessment', {
    id: { resolve: (a: Assessment) => a.id },
    load: (ids: string[], ctx: GatewayContext): Promise<Array<Assessment | Error>> =>
      Promise.all(
        ids.map(async (id) => {
          try {
            const found = await readPollutionOrNull(ctx, (client, options) => client.getAssessment({ assessmentId: id }, options));
            return found?.assessment ? markComplete(found.assessment) : notFound();
          } catch (error) {
            return asError(error);
          }
        }),
      ),
  });
  return { section, alert, pollutionCase, agreement, assessment };
}

/** The pollution module's node refs. */
export type PollutionRefs = ReturnType<typeof createPollutionRefs>;

/**
 * Drops every alert, case, agreement and assessment this request has loaded. A subscription's context lives as long
 * as its stream, so each event starts from the records as they are now (sections, reference data, are kept).
 */
export function forgetLoadedRecords(refs: PollutionRefs, ctx: GatewayContext): void {
  for (const ref of [refs.alert, refs.pollutionCase, refs.agreement, refs.assessment]) ref.getDataloader(ctx).clearAll();
}

/** A ref with a per-request dataloader (the loadable node refs above). */
interface Loadable<T> {
  getDataloader(ctx: GatewayContext): { load(key: string): Promise<T>; clear(key: string): unknown };
}

/**
 * Loads a record through its dataloader and returns it only if the principal may read it as `typename`; a missing
 * or unreadable record is null. `fresh` drops a cached copy first (a subscription's context lives for the whole
 * stream, so each event must read the record as it is now).
 */
export async function loadReadable<T>(builder: GatewayBuilder, ref: Loadable<T>, typename: string, key: string, ctx: GatewayContext, fresh = false): Promise<T | null> {
  const loader = ref.getDataloader(ctx);
  if (fresh) loader.clear(key);
  let record: T;
  try {
    record = await loader.load(key);
  } catch (error) {
    if (error instanceof DomainError && error.code === ERROR_CODES.NOT_FOUND) return null;
    throw error;
  }
  return (await isReadableAs(builder, typename, record, ctx)) ? record : null;
}

/** Loads several records and keeps those that exist and the principal may read, in order. */
export async function loadManyReadable<T>(builder: GatewayBuilder, ref: Loadable<T>, typename: string, keys: readonly string[], ctx: GatewayContext): Promise<T[]> {
  const loaded = await Promise.all([...new Set(keys)].map((key) => loadReadable(builder, ref, typename, key, ctx)));
  return loaded.filter((record): record is Awaited<T> & T => record !== null);
}
