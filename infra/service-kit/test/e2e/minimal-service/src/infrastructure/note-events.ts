// Domain events of notes as EventEnvelopes on the notes topic, written to the outbox; and back again for the consumer.
import { ActorKind, createEnvelope, unpackPayload } from '@xietong/proto';
import {
  appendToOutbox,
  decodeEnvelopeMessage,
  toOutboxMessage,
  UndecodableMessageError,
  type ReceivedMessage,
  type SqlExecutor,
} from '../../../../../src/index.ts';
import type { NoteEvents } from '../application/notes.ports.ts';
import { NoteCreatedSchema } from '../contracts/generated/xietong/kittest/v1/notes_pb.ts';

/** The producer name in envelopes. */
export const PRODUCER = 'kittest-notes';

/** Writes note events to the outbox of the transaction behind sql. */
export function outboxNoteEvents(sql: SqlExecutor, topic: string): NoteEvents {
  return {
    async noteCreated({ note, actor }, meta) {
      const envelope = createEnvelope({
        payloadSchema: NoteCreatedSchema,
        payload: { noteId: note.id, ownerProvince: note.ownerProvince, title: note.title },
        schemaVersion: 1,
        originProvince: note.ownerProvince,
        audienceProvinces: [note.ownerProvince],
        actor: { kind: ActorKind.USER, subject: actor.subject, username: actor.username, province: actor.province, agency: actor.agency, roles: actor.roles },
        aggregateId: note.id,
        producer: PRODUCER,
        correlationId: meta.correlationId,
        occurredAt: note.createdAt,
      });
      await appendToOutbox(sql, [toOutboxMessage(envelope, topic)]);
    },
  };
}

/** A consumed NoteCreated event. */
export interface NoteCreatedEvent {
  /** The envelope's event id (the inbox key). */
  id: string;
  noteId: string;
  ownerProvince: string;
}

/** Decodes a record of the notes topic; anything but a valid NoteCreated envelope is poison (dead-lettered). */
export function decodeNoteCreated(message: ReceivedMessage): NoteCreatedEvent {
  const { id, envelope } = decodeEnvelopeMessage(message);
  const payload = unpackPayload(envelope, NoteCreatedSchema);
  if (!payload) throw new UndecodableMessageError(`expected ${NoteCreatedSchema.typeName}, got ${envelope.type}`);
  return { id, noteId: payload.noteId, ownerProvince: payload.ownerProvince };
}
