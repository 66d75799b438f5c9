// @xietong/test-backends: PostgreSQL, Kafka and the OpenID provider for integration tests, embedded by default and
// real ones in containers when an engine answers (XIETONG_TEST_BACKEND=embedded|containers|auto, default auto).
export { startPostgresBackend, POSTGRES_IMAGE, type PostgresBackend, type BackendOptions } from './postgres.backend.ts';
export { startKafkaBackend, KAFKA_IMAGE, type KafkaBackend } from './kafka.backend.ts';
export { startIdentityBackend, KEYCLOAK_IMAGE, REALM, type IdentityBackend } from './identity.backend.ts';
export { probeContainerEngine, resolveBackendKind, type ContainerEngineProbe } from './container-engine.ts';
export { readTestBackendsConfig, InvalidConfigError, type BackendMode, type TestBackendsConfig } from './config.ts';
export { startNodeService, type NodeServiceOptions, type RunningNodeService } from './node-service.ts';
export { ContainerEngineUnavailableError, NodeServiceStartError } from './test-backends.errors.ts';
