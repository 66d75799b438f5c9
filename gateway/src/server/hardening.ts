import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ERROR_CODES, GatewayError } from '../errors/gateway-errors.ts';
import { tagError } from '../errors/mask-error.ts';
import type { GatewayMode } from '../config.ts';

/** Limits on a GraphQL document; every one is checked before any resolver runs. */
export interface QueryLimits {
  /** Deepest selection nesting. */
  maxDepth: number;
  /** Aliases in one document. */
  maxAliases: number;
  /** Lexical tokens in one document (checked while parsing, so a huge document is never fully parsed). */
  maxTokens: number;
  /** Directives in one document. */
  maxDirectives: number;
  /** Estimated cost (graphql-armor's cost model: objects 2, scalars 1, depth multiplies). */
  maxCost: number;
  /** Operations in one batched request. */
  maxBatch: number;
}

/**
 * The defaults. Depth 12 fits a connection of records with their parties and references (the deepest screen of the
 * web app is 8); 30 aliases fit a dashboard; 3 000 tokens and cost 5 000 are several times the largest operation.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 30,
  maxCost: 5000,
  maxBatch: 10,
};

const tagTooComplex = (_context: unknown, error: GraphQLError) => {
  tagError(error, ERROR_CODES.QUERY_TOO_COMPLEX);
};

/** graphql-armor's depth, alias, token, directive and cost limits; field suggestions blocked in production. */
export function useQueryLimits(limits: QueryLimits, mode: GatewayMode): Plugin {
  // propagateOnRejection: the first broken limit aborts validation at once (the document is not analysed further).
  const common = { onReject: [tagTooComplex], propagateOnRejection: true, exposeLimits: true };
  const armor = EnvelopArmorPlugin({
    maxDepth: { ...common, n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: false },
    maxAliases: { ...common, n: limits.maxAliases, allowList: [] },
    maxTokens: { ...common, n: limits.maxTokens },
    maxDirectives: { ...common, n: limits.maxDirectives },
    costLimit: { ...common, maxCost: limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: false },
    blockFieldSuggestion: { enabled: mode === 'production', mask: '[suggestion hidden]' },
  });
  return armor as Plugin;
}

/**
 * Gives validation errors their stable codes: yoga returns them without passing them through the error mask, and
 * graphql-armor's rules raise theirs there too.
 */
export function useDocumentErrorCodes(mask: (error: GraphQLError) => GraphQLError): Plugin {
  return {
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map((error) => mask(error)));
      };
    },
  };
}

/** Rejects introspection (__schema, __type) in production mode: the schema is not published there. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** The web app's operations, registered at build time: sha256 of the document → the document. */
export type PersistedOperations = ReadonlyMap<string, string>;

/** Reads a persisted-operations manifest (`{ "<sha256 hex>": "<document>" }`); refuses one whose hashes do not match. */
export function loadPersistedOperations(file: string): PersistedOperations {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return persistedOperationsFrom(manifest, file);
}

/** Checks a manifest object: string documents under the sha256 of their text. */
export function persistedOperationsFrom(manifest: unknown, origin = 'manifest'): PersistedOperations {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error(`${origin}: must be a JSON object of sha256 → document`);
  const operations = new Map<string, string>();
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') throw new Error(`${origin}: ${hash} is not a document string`);
    const actual = createHash('sha256').update(document).digest('hex');
    if (actual !== hash) throw new Error(`${origin}: ${hash} is not the sha256 of its document (${actual})`);
    operations.set(hash, document);
  }
  return operations;
}

function persistedError(code: 'PERSISTED_OPERATION_REQUIRED' | 'PERSISTED_OPERATION_NOT_FOUND', message: string) {
  return () => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * Persisted operations: in production only registered documents run (sent as Apollo's
 * `extensions.persistedQuery.sha256Hash`); in development any document runs and registered ones resolve too.
 */
export function usePersistedOnly(operations: PersistedOperations, mode: GatewayMode): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: mode === 'development',
    getPersistedOperation: (hash) => operations.get(hash) ?? null,
    customErrors: {
      persistedQueryOnly: persistedError(ERROR_CODES.PERSISTED_OPERATION_REQUIRED, 'Only registered operations run here; send extensions.persistedQuery.sha256Hash.'),
      keyNotFound: persistedError(ERROR_CODES.PERSISTED_OPERATION_REQUIRED, 'Only registered operations run here; send extensions.persistedQuery.sha256Hash.'),
      notFound: persistedError(ERROR_CODES.PERSISTED_OPERATION_NOT_FOUND, 'This operation is not registered.'),
    },
  }) as Plugin;
}

/**
 * Cancels a query or mutation that runs longer than `timeoutMs`: the context's signal aborts (service calls stop)
 * and the result is a TIMEOUT error. Subscriptions are long-lived by design and not limited.
 */
export function useOperationTimeout(timeoutMs: number, abortOf: (context: unknown) => ((reason: unknown) => void) | undefined): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn, args }) {
      setExecuteFn(async (executeArgs) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => {
            const error = new GatewayError(ERROR_CODES.TIMEOUT, `The operation took longer than ${timeoutMs} ms and was stopped.`);
            abortOf(args.contextValue)?.(error);
            reject(error);
          }, timeoutMs);
        });
        try {
          return await Promise.race([Promise.resolve(executeFn(executeArgs)), timeout]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
