// Connect RPC handlers of NotesService: protobuf in, use case, protobuf out. The kit's interceptor has verified the
// caller and maps thrown DomainErrors to Connect codes.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ServiceImpl } from '@connectrpc/connect';
import { callInfoFrom, principalFrom } from '../../../../../src/index.ts';
import type { Note } from '../domain/note.ts';
import type { NotesUseCases } from '../application/notes.use-cases.ts';
import type { NotesService } from '../contracts/generated/xietong/kittest/v1/notes_pb.ts';

function noteMessage(note: Note) {
  return { ...note, createdAt: timestampFromDate(note.createdAt) };
}

/** The NotesService implementation. */
export function notesRpc(useCases: NotesUseCases): Partial<ServiceImpl<typeof NotesService>> {
  return {
    async createNote(request, ctx) {
      const correlationId = callInfoFrom(ctx)?.correlationId ?? '';
      const note = await useCases.createNote(principalFrom(ctx), { title: request.title, body: request.body }, { correlationId });
      return { note: noteMessage(note) };
    },
    async getNote(request, ctx) {
      return { note: noteMessage(await useCases.getNote(principalFrom(ctx), request.id)) };
    },
  };
}
