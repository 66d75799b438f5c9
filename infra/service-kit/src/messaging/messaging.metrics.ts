import { Counter, Gauge, type Registry } from 'prom-client';
import type { IdempotentConsumerOptions } from './idempotent-consumer.ts';
import type { OutboxRelayObserver } from './outbox.relay.ts';

// Get-or-create: a service may instrument several relays or consumers on one registry, and prom-client refuses to
// register one metric name twice.
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge(registry: Registry, name: string, help: string): Gauge {
  return (registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, registers: [registry] });
}

/**
 * An OutboxRelay observer reporting to Prometheus: `outbox_unsent_rows` and `outbox_oldest_unsent_age_seconds` (the
 * lag: alert when the age grows), `outbox_published_total`, `outbox_publish_failures_total`.
 */
export function instrumentOutboxRelay(registry: Registry): OutboxRelayObserver {
  const unsent = gauge(registry, 'outbox_unsent_rows', 'Outbox rows not yet acknowledged by the broker');
  const oldestAge = gauge(registry, 'outbox_oldest_unsent_age_seconds', 'Age of the oldest unsent outbox row (0 when none)');
  const published = counter(registry, 'outbox_published_total', 'Outbox rows published and marked sent', []);
  const failures = counter(registry, 'outbox_publish_failures_total', 'Outbox batches whose publishing failed (retried with backoff)', []);
  return {
    published: (count) => published.inc(count),
    failed: () => failures.inc(),
    lag: (rows, ageSeconds) => {
      unsent.set(rows);
      oldestAge.set(ageSeconds);
    },
  };
}

/**
 * An IdempotentConsumer observer reporting to Prometheus, labelled by group and topic: `consumer_applied_total`,
 * `consumer_duplicates_total` (redeliveries the inbox absorbed), `consumer_dead_letters_total` (alert on any).
 */
export function instrumentConsumer(registry: Registry, groupId: string): NonNullable<IdempotentConsumerOptions<{ id: string }>['observer']> {
  const labels = ['group', 'topic'] as const;
  const applied = counter(registry, 'consumer_applied_total', 'Events whose effects were applied', labels);
  const duplicates = counter(registry, 'consumer_duplicates_total', 'Events delivered again and skipped by the inbox', labels);
  const deadLetters = counter(registry, 'consumer_dead_letters_total', 'Events sent to the dead-letter topic', labels);
  return {
    applied: (message) => applied.inc({ group: groupId, topic: message.topic }),
    duplicate: (message) => duplicates.inc({ group: groupId, topic: message.topic }),
    deadLettered: (message) => deadLetters.inc({ group: groupId, topic: message.topic }),
  };
}
