import { handleError, principalOf, ValidationError } from '@xietong/service-kit';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { PollutionUseCases } from '../application/pollution.use-cases.ts';
import { callerOf, toServiceError, translated } from './route-support.ts';

/** Largest upload accepted, bytes (the domain refuses CSV text over 5,000,000 characters with a field problem). */
export const READINGS_BODY_LIMIT = 8 * 1024 * 1024;

const outcomeSchema = {
  type: 'object',
  properties: {
    batchId: { type: 'string' },
    accepted: { type: 'integer' },
    exceedances: { type: 'integer' },
    openedCaseIds: { type: 'array', items: { type: 'string' } },
    updatedCaseIds: { type: 'array', items: { type: 'string' } },
  },
} as const;

// Only the envelope of the JSON body is checked here; every reading's fields are checked by the domain, which names
// each bad field and its reason (`readings[3].unit`).
function readingsOf(body: unknown): unknown[] {
  const readings = typeof body === 'object' && body !== null ? (body as { readings?: unknown }).readings : undefined;
  if (!Array.isArray(readings)) throw new ValidationError([{ field: 'readings', reason: 'is required: a list of readings (sectionId, parameter, value, unit, sampledAt)' }]);
  return readings;
}

/**
 * REST for monitoring stations and scripts: `POST /v1/readings` with a JSON body `{ "readings": [...] }` or a CSV
 * file (`content-type: text/csv`, header `section_id,parameter,value,unit,sampled_at`). All or nothing: a rejected
 * upload answers 400 with every problem (a CSV problem names its line: `lines[7].unit`) and stores nothing; an
 * accepted one answers 201 with the batch id and the cases its exceedances opened or updated. The same use cases
 * serve SubmitReadings and SubmitReadingsCsv over Connect.
 */
export function readingsRoutes(useCases: PollutionUseCases, authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.addHook('onRequest', authenticate);
    app.setErrorHandler((error, request, reply) => handleError(toServiceError(error) as Error, request, reply));
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: READINGS_BODY_LIMIT }, (_request, body, done) => done(null, body));

    app.post('/v1/readings', { bodyLimit: READINGS_BODY_LIMIT, schema: { response: { 201: outcomeSchema } } }, async (request, reply) => {
      const caller = callerOf(principalOf(request), request.correlationId);
      const body = request.body;
      const outcome = await translated(() => (typeof body === 'string' ? useCases.submitReadingsCsv(caller, body) : useCases.submitReadings(caller, readingsOf(body))));
      return reply.status(201).send(outcome);
    });
  };
}
