import { AlertStatus, type Alert, type AlertCounts, type Case, type EscalationPolicyHistory } from '@xietong/proto';
import type { ObjectRef } from '@pothos/core';
import { notFound } from '../../../errors/gateway-errors.ts';
import { filterReadable, type GatewayBuilder, type GatewayTypes } from '../../builder.ts';
import type { GatewayContext } from '../../gateway-context.ts';
import { readPollution, readPollutionOrNull, serviceIdOf } from './pollution.client.ts';
import type { PollutionEnums } from './pollution.enums.ts';
import { pageFromService } from './pollution.paging.ts';
import { loadReadable, sectionsOf, type PollutionRefs } from './pollution.refs.ts';
import { TOTAL_COUNT_DESCRIPTION, totalCountOf } from './reference.types.ts';
import type { implementCaseTypes } from './case.types.ts';
import type { implementCompensationTypes } from './compensation.types.ts';
import { ESCALATION_POLICY_READERS } from './escalation-policy.types.ts';

/** A record the principal may read, or NOT_FOUND (the same answer for a missing and a hidden record). */
async function readableOrNotFound<T>(load: Promise<T | null>): Promise<T> {
  const record = await load;
  if (record === null) throw notFound();
  return record;
}

/** The pollution queries: sections, the alert inbox and counts, cases, agreements and assessments. */
export function registerPollutionQueries(
  builder: GatewayBuilder,
  refs: PollutionRefs,
  enums: PollutionEnums,
  types: {
    counts: ObjectRef<GatewayTypes, AlertCounts>;
    caseConnection: ReturnType<typeof implementCaseTypes>['connection'];
    assessmentConnection: ReturnType<typeof implementCompensationTypes>['assessmentConnection'];
    escalationPolicy: ObjectRef<GatewayTypes, EscalationPolicyHistory>;
  },
) {
  const alertConnection = builder.connectionObject({
    type: refs.alert,
    name: 'PollutionAlertConnection',
    fields: (t) => ({ totalCount: t.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: totalCountOf }) }),
  });

  builder.queryFields((t) => ({
    pollutionSections: t.field({
      type: [refs.section],
      description: 'Every cross-boundary monitoring section (reference data).',
      authScopes: { authenticated: true },
      resolve: async (_root, _args, ctx) => [...(await sectionsOf(ctx))],
    }),
    pollutionSection: t.field({
      type: refs.section,
      nullable: true,
      description: 'One monitoring section by its code (NOT_FOUND when there is none).',
      authScopes: { authenticated: true },
      args: { code: t.arg.string({ required: true, description: 'e.g. yellow-liuzhuang' }) },
      resolve: (_root, args, ctx) => readableOrNotFound(loadReadable(builder, refs.section, 'MonitoringSection', args.code, ctx)),
    }),

    pollutionAlerts: t.connection(
      {
        type: refs.alert,
        description:
          'Your province’s alert inbox: the current message of each thread you may read, newest first, of one mode — real alerts or exercises, never both.',
        authScopes: { authenticated: true },
        args: {
          mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL, description: 'ACTUAL (default) or EXERCISE.' }),
          sectionCode: t.arg.string({ required: false, description: 'Only this section.' }),
          severities: t.arg({ type: [enums.severity], required: false, description: 'Only these severities.' }),
          activeOnly: t.arg.boolean({ required: false, defaultValue: false, description: 'Only threads not cancelled.' }),
          awaitingMyAcknowledgement: t.arg.boolean({ required: false, defaultValue: false, description: 'Only threads whose current message awaits your province’s acknowledgement.' }),
        },
        resolve: (_root, args, ctx) =>
          pageFromService(builder, 'PollutionAlert', ctx, args, async (pageToken, pageSize) => {
            const page = await readPollution(ctx, (client, options) =>
              client.listAlerts(
                {
                  status: args.mode,
                  sectionId: args.sectionCode ?? '',
                  severities: args.severities ?? [],
                  activeOnly: args.activeOnly ?? false,
                  awaitingMyAcknowledgement: args.awaitingMyAcknowledgement ?? false,
                  pageSize,
                  pageToken,
                },
                options,
              ),
            );
            return { items: page.alerts, totalCount: page.totalCount, nextPageToken: page.nextPageToken };
          }),
      },
      alertConnection,
    ),
    pollutionAlertCounts: t.field({
      type: types.counts,
      description: 'Counts of the alert threads you may read, of one mode (for badges; hidden threads never counted).',
      authScopes: { authenticated: true },
      args: { mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL }) },
      resolve: async (_root, args, ctx) => {
        const { counts } = await readPollution(ctx, (client, options) => client.countAlerts({ status: args.mode }, options));
        return counts ?? ({ total: 0, active: 0, cancelled: 0, awaitingAcknowledgement: 0, severityI: 0, severityIi: 0, severityIii: 0, severityIv: 0 } as AlertCounts);
      },
    }),
    pollutionAlert: t.field({
      type: refs.alert,
      nullable: true,
      description: 'One alert message by its id (NOT_FOUND when it does not exist or you may not read it).',
      authScopes: { authenticated: true },
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, args, ctx) => readableOrNotFound(loadReadable<Alert>(builder, refs.alert, 'PollutionAlert', serviceIdOf(String(args.id), 'PollutionAlert', 'id'), ctx)),
    }),

    pollutionCases: t.connection(
      {
        type: refs.pollutionCase,
        description: 'The cases you may read, newest first, of one mode — real cases or exercises, never both.',
        authScopes: { authenticated: true },
        args: {
          mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL, description: 'ACTUAL (default) or EXERCISE.' }),
          states: t.arg({ type: [enums.caseState], required: false, description: 'Only these states.' }),
          sectionCode: t.arg.string({ required: false, description: 'Only this section.' }),
        },
        resolve: (_root, args, ctx) =>
          pageFromService(builder, 'PollutionCase', ctx, args, async (pageToken, pageSize) => {
            const page = await readPollution(ctx, (client, options) =>
              client.listCases({ exercise: args.mode === AlertStatus.EXERCISE, states: args.states ?? [], sectionId: args.sectionCode ?? '', pageSize, pageToken }, options),
            );
            return { items: page.cases, totalCount: page.totalCount, nextPageToken: page.nextPageToken };
          }),
      },
      types.caseConnection,
    ),
    pollutionCase: t.field({
      type: refs.pollutionCase,
      nullable: true,
      description: 'One case by its id (NOT_FOUND when it does not exist or you may not read it).',
      authScopes: { authenticated: true },
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, args, ctx) => readableOrNotFound(loadReadable<Case>(builder, refs.pollutionCase, 'PollutionCase', serviceIdOf(String(args.id), 'PollutionCase', 'id'), ctx)),
    }),

    pollutionEscalationPolicies: t.field({
      type: [types.escalationPolicy],
      description:
        'Every escalation policy (acknowledgement deadlines per severity) with its version in force and its history: the default first. For environmental bureaus and liaison offices of every province, the national observer and administrators.',
      authScopes: ESCALATION_POLICY_READERS,
      resolve: async (_root, _args, ctx) => (await readPollution(ctx, (client, options) => client.listEscalationPolicies({}, options))).policies,
    }),

    compensationAgreements: t.field({
      type: [refs.agreement],
      description: 'The newest version of each compensation agreement your province is party to (every one for the national observer).',
      authScopes: { authenticated: true },
      resolve: async (_root, _args, ctx) => {
        const { agreements } = await readPollution(ctx, (client, options) => client.listAgreements({}, options));
        return filterReadable(builder, 'CompensationAgreement', agreements, ctx);
      },
    }),
    compensationAgreement: t.field({
      type: refs.agreement,
      nullable: true,
      description: 'One agreement version by code (newest when no version is given); NOT_FOUND when there is none you may read.',
      authScopes: { authenticated: true },
      args: { code: t.arg.string({ required: true }), version: t.arg.int({ required: false, description: 'From 1; the newest when left out.' }) },
      resolve: async (_root, args, ctx: GatewayContext) => {
        const found = await readPollutionOrNull(ctx, (client, options) => client.getAgreement({ agreementId: args.code, version: args.version ?? 0 }, options));
        const agreement = found?.agreement;
        if (!agreement || !(await filterReadable(builder, 'CompensationAgreement', [agreement], ctx)).length) throw notFound();
        return agreement;
      },
    }),
    compensationAssessments: t.connection(
      {
        type: refs.assessment,
        description: 'Assessments you may read, newest period first.',
        authScopes: { authenticated: true },
        args: {
          agreementCode: t.arg.string({ required: false, description: 'Only this agreement.' }),
          includeSuperseded: t.arg.boolean({ required: false, defaultValue: false, description: 'Include assessments replaced by later ones.' }),
        },
        resolve: (_root, args, ctx) =>
          pageFromService(builder, 'CompensationAssessment', ctx, args, async (pageToken, pageSize) => {
            const page = await readPollution(ctx, (client, options) =>
              client.listAssessments({ agreementId: args.agreementCode ?? '', includeSuperseded: args.includeSuperseded ?? false, pageSize, pageToken }, options),
            );
            return { items: page.assessments, totalCount: page.totalCount, nextPageToken: page.nextPageToken };
          }),
      },
      types.assessmentConnection,
    ),
    compensationAssessment: t.field({
      type: refs.assessment,
      nullable: true,
      description: 'One assessment with its breakdown (NOT_FOUND when it does not exist or you may not read it).',
      authScopes: { authenticated: true },
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, args, ctx) =>
        readableOrNotFound(loadReadable(builder, refs.assessment, 'CompensationAssessment', serviceIdOf(String(args.id), 'CompensationAssessment', 'id'), ctx)),
    }),
  }));
}
