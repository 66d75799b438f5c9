// The note: what a valid one is, and the event its creation raises. No framework, no database.
import { ValidationError, type FieldProblem, type Principal } from '../../../../../src/index.ts';

/** A note a province's environment bureau wrote. */
export interface Note {
  id: string;
  ownerProvince: string;
  title: string;
  body: string;
  /** The writer's subject. */
  createdBy: string;
  createdAt: Date;
}

/** What a caller sends to create a note. */
export interface NoteDraft {
  title: string;
  body: string;
}

/** The domain event a new note raises; the infrastructure turns it into an EventEnvelope on the notes topic. */
export interface NoteCreated {
  note: Note;
  /** Who wrote it (goes into the envelope's actor). */
  actor: Principal;
}

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;

/** Checks untrusted input and lists every invalid field; the draft when all are fine. */
export function validateNoteDraft(input: unknown): NoteDraft {
  const problems: FieldProblem[] = [];
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  if (typeof input !== 'object' || input === null) problems.push({ field: 'body', reason: 'must be a JSON object with title and body' });
  const title = typeof value.title === 'string' ? value.title.trim() : '';
  if (typeof value.title !== 'string') problems.push({ field: 'title', reason: 'is required and must be text' });
  else if (title === '') problems.push({ field: 'title', reason: 'must not be empty' });
  else if (title.length > TITLE_MAX) problems.push({ field: 'title', reason: `must be at most ${TITLE_MAX} characters` });
  const body = value.body === undefined ? '' : value.body;
  if (typeof body !== 'string') problems.push({ field: 'body', reason: 'must be text' });
  else if (body.length > BODY_MAX) problems.push({ field: 'body', reason: `must be at most ${BODY_MAX} characters` });
  if (problems.length > 0) throw new ValidationError(problems);
  return { title, body: body as string };
}

/** A new note owned by the writer's province. */
export function createNoteFor(author: Principal, draft: NoteDraft, id: string, now: Date): Note {
  return { id, ownerProvince: author.province, title: draft.title, body: draft.body, createdBy: author.subject, createdAt: now };
}
