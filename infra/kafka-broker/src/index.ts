// Public API of the development broker.
export { startBroker, BrokerStartError, type BrokerOptions, type RunningBroker } from './broker.ts';
export { parseBrokerConfig, type BrokerCliConfig, type ParsedConfig } from './config.ts';
export { SUPPORTED_VERSIONS } from './server/api-table.ts';
