import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MonitoringSection, Reading } from '@xietong/proto';
import type { GatewayBuilder } from '../../builder.ts';
import { readPollution } from './pollution.client.ts';
import { optionalEnum, type PollutionEnums } from './pollution.enums.ts';
import { pageFromService } from './pollution.paging.ts';
import type { PollutionRefs } from './pollution.refs.ts';
import { FULL_CONTENT_READERS, readsFull, sectionRecord } from './pollution.scopes.ts';
import { requiredDateOf } from './pollution.values.ts';

/** The description of every connection's totalCount. */
export const TOTAL_COUNT_DESCRIPTION = 'Matching records over every page, as far as you may read them (hidden records are never counted).';

/** A connection's total, which pageFromService puts next to the edges. */
export function totalCountOf(connection: object): number {
  return (connection as { totalCount?: number }).totalCount ?? 0;
}

/** MonitoringSection (reference data, every signed-in user) and the water-quality readings taken at it. */
export function implementReferenceTypes(builder: GatewayBuilder, refs: PollutionRefs, enums: PollutionEnums) {
  const reading = builder.objectRef<Reading>('WaterQualityReading').implement({
    description: 'A stored water-quality reading at a monitoring section (environmental bureaus of the section’s provinces and the case parties, the national observer).',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      section: t.field({ type: refs.section, description: 'The section it was taken at.', resolve: (r) => r.sectionId }),
      sectionCode: t.exposeString('sectionId', { description: 'The section’s code.' }),
      parameter: t.exposeString('parameter', { description: 'Parameter code: COD, CODMn, NH3-N, TP, TN or benzene.' }),
      valueMgL: t.exposeString('valueMgL', { description: 'Concentration in mg/L, as an exact decimal string.' }),
      sampledAt: t.field({ type: 'DateTime', resolve: (r) => requiredDateOf(r.sampledAt) }),
      batchId: t.exposeString('batchId', { description: 'The upload it came in.' }),
      waterClass: t.field({ type: enums.waterClass, nullable: true, description: 'Its GB 3838-2002 class at this section; null for a parameter that judges no class here.', resolve: (r) => optionalEnum(r.waterClass) }),
      exceedsTarget: t.exposeBoolean('exceedsTarget', { description: 'Worse than the section’s target class (or above a specific item’s limit).' }),
    }),
  });
  const readingConnection = builder.connectionObject({
    type: reading,
    name: 'WaterQualityReadingConnection',
    fields: (t) => ({ totalCount: t.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: totalCountOf }) }),
  });

  refs.section.implement({
    description: 'A cross-boundary monitoring section (跨界断面) with the provinces on each side. Reference data: every signed-in user reads it.',
    authScopes: { authenticated: true },
    fields: (t) => ({
      code: t.exposeString('id', { description: 'Stable code, e.g. yellow-liuzhuang; inputs refer to sections by it.' }),
      nameZh: t.exposeString('nameZh', { description: 'Chinese name (刘庄).' }),
      nameEn: t.exposeString('nameEn', { description: 'English name (Liuzhuang).' }),
      riverCode: t.exposeString('riverId', { description: 'The river’s code, e.g. yellow.' }),
      riverNameZh: t.exposeString('riverNameZh'),
      riverNameEn: t.exposeString('riverNameEn'),
      waterBodyType: t.field({ type: enums.waterBodyType, nullable: true, resolve: (s) => optionalEnum(s.waterBodyType) }),
      upstreamProvinces: t.exposeStringList('upstreamProvinces', { description: 'GB/T 2260 codes of the provinces upstream.' }),
      downstreamProvinces: t.exposeStringList('downstreamProvinces', { description: 'GB/T 2260 codes of the provinces downstream.' }),
      upstreamCities: t.exposeStringList('upstreamCities'),
      downstreamCities: t.exposeStringList('downstreamCities'),
      targetClass: t.field({ type: enums.waterClass, nullable: true, description: 'Target class; a reading worse than it is an exceedance.', resolve: (s) => optionalEnum(s.targetClass) }),
      nationalControl: t.exposeBoolean('nationalControl', { description: 'A national control section (国控断面).' }),
      sourceKind: t.exposeString('sourceKind', { description: 'domain-notes, seed-plans or inferred (to be confirmed by the provinces).' }),
      sourceNote: t.exposeString('sourceNote', { description: 'What was taken from the source and what was inferred.' }),
      readings: t.connection(
        {
          type: reading,
          nullable: true,
          description: 'Readings, oldest first: for the environmental bureaus of the section’s provinces and the national observer; null for anyone else.',
          args: {
            parameter: t.arg.string({ required: false, description: 'Only this parameter code.' }),
            from: t.arg({ type: 'DateTime', required: false, description: 'Sampled at or after.' }),
            to: t.arg({ type: 'DateTime', required: false, description: 'Sampled before.' }),
          },
          authScopes: (s: MonitoringSection) => readsFull(sectionRecord(s)),
          unauthorizedResolver: () => null,
          resolve: (s, args, ctx) =>
            pageFromService(builder, 'WaterQualityReading', ctx, args, async (pageToken, pageSize) => {
              const page = await readPollution(ctx, (client, options) =>
                client.listReadings(
                  {
                    sectionId: s.id,
                    parameter: args.parameter ?? '',
                    ...(args.from ? { from: timestampFromDate(args.from) } : {}),
                    ...(args.to ? { to: timestampFromDate(args.to) } : {}),
                    pageSize,
                    pageToken,
                  },
                  options,
                ),
              );
              return { items: page.readings, totalCount: page.totalCount, nextPageToken: page.nextPageToken };
            }),
        },
        readingConnection,
      ),
    }),
  });
  return { reading, readingConnection };
}
