import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { instrumentConsumer, instrumentOutboxRelay } from '../../src/messaging/messaging.metrics.ts';
import type { ReceivedMessage } from '../../src/messaging/idempotent-consumer.ts';

const message = (topic: string): ReceivedMessage => ({ topic, partition: 0, offset: '0', key: 'k', value: null, headers: {} });

describe('messaging metrics', () => {
  it('reports the relay lag, publications and failures', async () => {
    const registry = new Registry();
    const observer = instrumentOutboxRelay(registry);
    observer.lag?.(7, 12.5);
    observer.published?.(3);
    observer.published?.(2);
    observer.failed?.(new Error('broker down'), 1);
    const text = await registry.metrics();
    expect(text).toContain('outbox_unsent_rows 7');
    expect(text).toContain('outbox_oldest_unsent_age_seconds 12.5');
    expect(text).toContain('outbox_published_total 5');
    expect(text).toContain('outbox_publish_failures_total 1');
  });

  it('counts a consumer group’s applied, duplicate and dead-lettered events by topic, sharing one registry', async () => {
    const registry = new Registry();
    const alerts = instrumentConsumer(registry, 'gateway');
    const cases = instrumentConsumer(registry, 'pollution');
    alerts.applied?.(message('xietong.pollution.alerts.v1'));
    alerts.applied?.(message('xietong.pollution.alerts.v1'));
    alerts.duplicate?.(message('xietong.pollution.alerts.v1'));
    cases.deadLettered?.(message('xietong.pollution.cases.v1'), 'undecodable');
    instrumentOutboxRelay(registry).published?.(1);
    instrumentOutboxRelay(registry).published?.(1);
    const text = await registry.metrics();
    expect(text).toContain('consumer_applied_total{group="gateway",topic="xietong.pollution.alerts.v1"} 2');
    expect(text).toContain('consumer_duplicates_total{group="gateway",topic="xietong.pollution.alerts.v1"} 1');
    expect(text).toContain('consumer_dead_letters_total{group="pollution",topic="xietong.pollution.cases.v1"} 1');
    expect(text).toContain('outbox_published_total 2');
  });
});
