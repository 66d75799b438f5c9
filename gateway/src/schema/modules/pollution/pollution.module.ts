import type { GatewayModule } from '../../gateway-module.ts';
import { pollutionAccessProbes, pollutionAccessRules } from './pollution.access.ts';
import { readingsAccessProbes, readingsAccessRules } from './readings.access.ts';
import { definePollutionEnums } from './pollution.enums.ts';
import { createPollutionRefs } from './pollution.refs.ts';
import { registerPollutionQueries } from './pollution.queries.ts';
import { registerPollutionMutations } from './pollution.mutations.ts';
import { registerPollutionSubscriptions } from './pollution.subscriptions.ts';
import { POLLUTION_EVENT_READ_RULES, POLLUTION_TOPICS } from './pollution.events.ts';
import { definePollutionValues } from './pollution.values.ts';
import { implementReferenceTypes } from './reference.types.ts';
import { implementAlertTypes } from './alert.types.ts';
import { implementCaseTypes } from './case.types.ts';
import { implementCompensationTypes } from './compensation.types.ts';
import { implementEscalationPolicyTypes } from './escalation-policy.types.ts';

/** Pollution. */
export const pollutionModule: GatewayModule = {
  name: 'pollution',
  register(builder) {
    const enums = definePollutionEnums(builder);
    const values = definePollutionValues(builder);
    const refs = createPollutionRefs(builder);
    const reference = implementReferenceTypes(builder, refs, enums);
    const alerts = implementAlertTypes(builder, refs, enums, values);
    const cases = implementCaseTypes(builder, refs, enums, values, reference.reading, alerts.thread);
    const compensation = implementCompensationTypes(builder, refs, enums, values);
    const policies = implementEscalationPolicyTypes(builder, refs);
    registerPollutionQueries(builder, refs, enums, {
      counts: alerts.counts,
      caseConnection: cases.connection,
      assessmentConnection: compensation.assessmentConnection,
      escalationPolicy: policies.policy,
    });
    registerPollutionMutations(builder, refs, enums, { escalationPolicyVersion: policies.version });
    registerPollutionSubscriptions(builder, refs, enums, { exceedance: cases.exceedance });
  },
  topics: POLLUTION_TOPICS,
  eventReadRules: POLLUTION_EVENT_READ_RULES,
  accessRules: [...pollutionAccessRules, ...readingsAccessRules],
  accessProbes: [...pollutionAccessProbes, ...readingsAccessProbes],
};
