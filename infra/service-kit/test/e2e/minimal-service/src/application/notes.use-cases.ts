// The service's use cases: the access checks of the province policy, validation, and the one transaction per change.
import { NotFoundError, ForbiddenError, ProvincePolicy, type Principal } from '../../../../../src/index.ts';
import { createNoteFor, validateNoteDraft, type Note } from '../domain/note.ts';
import type { NoteCounters, NoteRepository, NotesUnitOfWork } from './notes.ports.ts';

/** What the use cases are built from. */
export interface NotesDependencies {
  unitOfWork: NotesUnitOfWork;
  /** Reads outside a write transaction. */
  reader: Pick<NoteRepository, 'findById'>;
  newId: () => string;
  now: () => Date;
}

/** The notes use cases. */
export interface NotesUseCases {
  /** Creates a note in the author's province: note, NoteCreated event and audit row in one transaction. */
  createNote(author: Principal, input: unknown, meta: { correlationId: string }): Promise<Note>;
  /** A note the reader may see; a note they may not see is reported exactly like a missing one. */
  getNote(reader: Principal, id: string): Promise<Note>;
}

// Notes stand in for a pollution record: the writer role is environment, readers are the parties' environment staff
// (and national observers), so the kit's province policy decides, as it will for real cases.
const DOMAIN = 'pollution';

/** Builds the use cases. */
export function createNotesUseCases(deps: NotesDependencies): NotesUseCases {
  return {
    async createNote(author, input, meta) {
      const draft = validateNoteDraft(input);
      if (!ProvincePolicy.canWrite({ principal: author, domain: DOMAIN, record: { ownerProvince: author.province }, action: 'case' })) {
        throw new ForbiddenError('Only environment staff may write notes for their province.');
      }
      const note = createNoteFor(author, draft, deps.newId(), deps.now());
      await deps.unitOfWork.run(async ({ notes, events, audit }) => {
        await notes.insert(note);
        await events.noteCreated({ note, actor: author }, meta);
        await audit.record({ actor: author, action: 'create-note', recordType: 'note', recordId: note.id, details: { correlationId: meta.correlationId } });
      });
      return note;
    },
    async getNote(reader, id) {
      const note = await deps.reader.findById(id);
      // Deny and absence look the same (access model: a denied read must look exactly like a missing record).
      if (!note || !ProvincePolicy.canRead({ principal: reader, domain: DOMAIN, record: { ownerProvince: note.ownerProvince } })) {
        throw new NotFoundError('note');
      }
      return note;
    },
  };
}

/** The consumer's effect of a NoteCreated event: the owner province's count goes up by one. */
export async function countCreatedNote(counters: NoteCounters, event: { ownerProvince: string }): Promise<void> {
  await counters.increment(event.ownerProvince);
}
