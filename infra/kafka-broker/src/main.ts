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
  if (e instanceof BrokerStartError && e.code === 'PORT_IN_USE') {
    process.stderr.write(`kafka-broker: port ${config.port} on ${config.host} is already in use; choose another with --port or KAFKA_BROKER_PORT\n`);
  } else if (e instanceof BrokerStartError) {
    process.stderr.write(`kafka-broker: ${e.message}\n`);
  } else {
    process.stderr.write(`kafka-broker: failed to start: ${(e as Error).stack ?? String(e)}\n`);
  }
  process.exit(1);
}
