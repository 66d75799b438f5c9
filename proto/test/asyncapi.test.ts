import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TOPICS, TOPIC_NAME_PATTERN, deadLetterTopicName, topicName } from '../src/index.ts';

const root = new URL('..', import.meta.url);
const doc = parse(readFileSync(new URL('asyncapi.yaml', root), 'utf8')) as {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }>; bindings: { kafka: { topic: string } } }>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: { messages: { EventEnvelope: { payload: { schemaFormat: string; schema: string } } } };
};

describe('asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0 document', () => {
    expect(doc.asyncapi).toBe('3.0.0');
  });

  it('describes exactly the topics of the registry, each under its own key', () => {
    const addresses = Object.entries(doc.channels).map(([key, channel]) => [key, channel.address, channel.bindings.kafka.topic]);
    expect(addresses).toEqual(Object.entries(TOPICS).map(([key, topic]) => [key, topic, topic]));
  });

  it('has a send operation for every channel, and every reference resolves', () => {
    const sent = Object.values(doc.operations).filter((op) => op.action === 'send').map((op) => op.channel.$ref);
    expect(sent.sort()).toEqual(Object.keys(doc.channels).map((key) => `#/channels/${key}`).sort());
    for (const channel of Object.values(doc.channels)) {
      for (const message of Object.values(channel.messages)) {
        expect(message.$ref).toBe('#/components/messages/EventEnvelope');
      }
    }
  });

  it('embeds the envelope schema exactly as envelope.proto defines it', () => {
    const payload = doc.components.messages.EventEnvelope.payload;
    expect(payload.schemaFormat).toBe('application/vnd.google.protobuf;version=3');
    expect(payload.schema).toBe(readFileSync(new URL('xietong/events/v1/envelope.proto', root), 'utf8'));
  });
});

describe('topic names', () => {
  it('follow xietong.<domain>.<aggregate>.v<major>', () => {
    for (const topic of Object.values(TOPICS)) expect(topic).toMatch(TOPIC_NAME_PATTERN);
    expect(topicName('pollution', 'alerts')).toBe(TOPICS.pollutionAlerts);
    expect(topicName('meetings', 'action-items', 2)).toBe('xietong.meetings.action-items.v2');
  });

  it('reject parts that would break the rule', () => {
    expect(() => topicName('pollution', 'Alerts')).toThrow(RangeError);
    expect(() => topicName('pollution', 'alerts.raised')).toThrow(RangeError);
    expect(() => topicName('pollution', 'alerts', 0)).toThrow(RangeError);
    expect(() => topicName('pollution', 'alerts', 1.5)).toThrow(RangeError);
  });

  it('name dead-letter topics per consumer group', () => {
    expect(deadLetterTopicName(TOPICS.pollutionAlerts, 'gateway')).toBe('xietong.pollution.alerts.v1.dlq.gateway');
    expect(() => deadLetterTopicName('alerts', 'gateway')).toThrow(RangeError);
  });
});
