export { registerConnectServices, type ConnectServicesOptions } from './connect-server.ts';
export { createServiceClient, type ServiceClientOptions } from './connect-client.ts';
export {
  principalKey,
  bearerTokenKey,
  callInfoKey,
  principalFrom,
  callInfoFrom,
  forwardingFrom,
  type CallInfo,
  type Forwarding,
  type TraceHeaders,
} from './connect-context.ts';
export { connectCodeFor, domainErrorFromConnect, toConnectError, type MappedConnectError } from './connect-errors.ts';
