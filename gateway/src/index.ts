// @xietong/gateway: the GraphQL gateway. Services extend it with a module (src/schema/modules/<name>/) and rows of
// the access matrix; the pieces they need are exported here.
export { createGateway, GRAPHQL_PATH, type Gateway, type GatewayOptions } from './server/gateway.server.ts';
export { DEFAULT_QUERY_LIMITS, loadPersistedOperations, persistedOperationsFrom, type PersistedOperations, type QueryLimits } from './server/hardening.ts';
export { loadGatewayConfig, GATEWAY_MODES, type GatewayConfig, type GatewayMode } from './config.ts';
export { buildGatewaySchema, findUnscopedFields, printGatewaySchema, GATEWAY_MODULES, SchemaScopeError } from './schema/build-schema.ts';
export { createGatewayBuilder, decodeGatewayGlobalId, encodeGatewayGlobalId, scopesFor, type GatewayAuthScopes, type GatewayBuilder, type ReadCheck, type WriteCheck } from './schema/builder.ts';
export type { GatewayContext, PlatformInfo, RequestEvents, SignInInfo } from './schema/gateway-context.ts';
export type { GatewayModule } from './schema/gateway-module.ts';
export { ERROR_CODES, GatewayError, PUBLIC_MESSAGES, forbidden, notFound, unauthenticated, validationFailed, type ErrorCode } from './errors/gateway-errors.ts';
export { maskGatewayError } from './errors/mask-error.ts';
export { EventHub, type EventHubOptions, type SubscribeRequest } from './subscriptions/event-hub.ts';
export { createEventFilter, policyReadRule, type EventReadRule } from './subscriptions/event-read-rules.ts';
export { createMemoryEventSource, type EventSource, type MemoryEventSource } from './subscriptions/event-source.ts';
export { createKafkaEventSource, type KafkaEventSourceOptions } from './subscriptions/kafka-event-source.ts';
export { toHubEvent, type HubEvent } from './subscriptions/hub-event.ts';
export { RetentionBuffer, type RetentionLimits } from './subscriptions/retention-buffer.ts';
export {
  MATRIX_ROLES,
  MATRIX_RELATIONS,
  OPERATIONS,
  PUBLIC_OBJECTS,
  defineCells,
  requiredCells,
  validateAccessTable,
  type AccessRule,
  type MatrixDomain,
  type MatrixRelation,
  type MatrixRole,
  type Operation,
} from './access-matrix/policy-table.ts';
export { callService, serviceClientFor, toGatewayError, type CallKind, type ServiceEndpoint } from './services/service-client.ts';
export { filterReadable, isReadableAs } from './schema/builder.ts';
export { accessProbesOf, accessTableOf } from './access-matrix/access-table.ts';
export { classifyRead, classifySubscription, classifyWrite, type AccessProbe, type ProbeCaller, type ProbeEnvironment, type ProbeOutcome, type ProbeResponse, type ProbeSubscription } from './access-matrix/access-probe.ts';
export { indexProbes, probeKey, runCell, unmatchedProbes, type CellResult } from './access-matrix/access-matrix.harness.ts';
