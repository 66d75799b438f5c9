#!/usr/bin/env node
// The broker CLI: parse the configuration, start, print one ready line, stop gracefully on SIGTERM/SIGINT.
import { parseBrokerConfig, USAGE } from './config.ts';
import { BrokerStartError, startBroker } from './broker.ts';

const parsed = parseBrokerConfig(process.argv.slice(2), process.env);
if (parsed.kind === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (parsed.kind === 'invalid') {
  process.stderr.write(`kafka-broker: invalid configuration:\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}\n\n${USAGE}\n`);
  process.exit(2);
}
const config = parsed.config;

try {
  const broker = await startBroker({ ...config, logger: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`kafka-broker listening on ${broker.host}:${broker.port}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      process.stderr.write(`kafka-broker: ${signal} again, exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    broker.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`kafka-broker: error while stopping: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (e) {
  process.exit(reportStartError(e));
}

// Bad input (options, an unusable data directory, damaged metadata) exits 2 like every configuration error; a
// conflict with the machine (port in use, a live broker owning the directory) exits 1. Neither prints a stack: only
// an unexpected failure, which is a bug, does.
function reportStartError(e: unknown): number {
  if (!(e instanceof BrokerStartError)) {
    process.stderr.write(`kafka-broker: failed to start: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
  if (e.code === 'PORT_IN_USE') {
    process.stderr.write(`kafka-broker: port ${config.port} on ${config.host} is already in use; choose another with --port or KAFKA_BROKER_PORT\n`);
    return 1;
  }
  process.stderr.write(`kafka-broker: ${e.code}: ${e.message}\n`);
  return e.code === 'INVALID_OPTIONS' || e.code === 'DATA_DIR_INVALID' || e.code === 'CLUSTER_META_CORRUPT' ? 2 : 1;
}
