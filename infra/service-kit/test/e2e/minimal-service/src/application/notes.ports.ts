// What the application needs from the outside world; the infrastructure implements these (Prisma, the kit's outbox
// and audit log). Nothing here knows Prisma, Kafka or HTTP.
import type { Note, NoteCreated } from '../domain/note.ts';
import type { AuditActor } from '../../../../../src/index.ts';

/** Notes in storage. */
export interface NoteRepository {
  /** Stores a new note. */
  insert(note: Note): Promise<void>;
  /** The note with this id, if any. */
  findById(id: string): Promise<Note | undefined>;
}

/** Where the events of a change go: the outbox, in the change's transaction. */
export interface NoteEvents {
  /** Records that a note was created. */
  noteCreated(event: NoteCreated, meta: { correlationId: string }): Promise<void>;
}

/** The audit chain, in the change's transaction. */
export interface AuditTrail {
  /** Appends who did what to which record. */
  record(entry: { actor: AuditActor; action: string; recordType: string; recordId: string; details?: Record<string, unknown> }): Promise<void>;
}

/** One transaction spanning the note, its events and its audit row: all commit or none does. */
export interface NotesUnitOfWork {
  /** Runs work in one transaction. */
  run<T>(work: (tx: { notes: NoteRepository; events: NoteEvents; audit: AuditTrail }) => Promise<T>): Promise<T>;
}

/** Per-province note counts, updated by the consumer in the inbox's transaction. */
export interface NoteCounters {
  /** Adds one note to a province's count. */
  increment(province: string): Promise<void>;
}
