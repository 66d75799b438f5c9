// REST routes: HTTP in, use case, HTTP out. Authenticated by the kit's hook; errors go to the kit's error handler.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../../../../src/index.ts';
import type { Note } from '../domain/note.ts';
import type { NotesUseCases } from '../application/notes.use-cases.ts';

/** A note as JSON. */
function noteJson(note: Note) {
  return { ...note, createdAt: note.createdAt.toISOString() };
}

/** Registers the notes routes in an encapsulated plugin, so the authenticate hook covers them and nothing else. */
export function notesRoutes(useCases: NotesUseCases, authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', authenticate);
    app.post('/notes', async (request, reply) => {
      const note = await useCases.createNote(principalOf(request), request.body, { correlationId: request.correlationId });
      return reply.status(201).header('location', `/notes/${note.id}`).send(noteJson(note));
    });
    app.get<{ Params: { id: string } }>('/notes/:id', async (request) => noteJson(await useCases.getNote(principalOf(request), request.params.id)));
  };
}
