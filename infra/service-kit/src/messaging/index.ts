export type { SqlExecutor, TransactionRunner } from './sql-executor.ts';
export { outboxTableSql, inboxTableSql, outboxNotifyChannel } from './messaging.schema.ts';
export { appendToOutbox, type OutboxMessage } from './outbox.writer.ts';
export { createKafkaPublisher, type EventPublisher, type PublishableMessage } from './event-publisher.ts';
export { OutboxRelay, type OutboxRelayOptions, type OutboxRelayObserver } from './outbox.relay.ts';
export {
  IdempotentConsumer,
  UndecodableMessageError,
  recordInInbox,
  readHeaders,
  type IdempotentConsumerOptions,
  type DecodedEvent,
  type ReceivedMessage,
} from './idempotent-consumer.ts';
export { createPgTransactionRunner } from './pg-transactions.ts';
export { isTransientError } from './transient-error.ts';
export { toOutboxMessage, decodeEnvelopeMessage, type EnvelopeEvent } from './envelope-events.ts';
export { createPrismaTransactionRunner, prismaSqlExecutor, prismaTransactionOf, type PrismaRawClient, type PrismaTransactionalClient } from './prisma-transactions.ts';
export { instrumentConsumer, instrumentOutboxRelay } from './messaging.metrics.ts';
export { createKafkaReadinessCheck, type KafkaReadiness } from './kafka-readiness.ts';
