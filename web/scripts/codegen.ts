// Typed operations from gateway/schema.graphql and the operations in src/graphql/operations/*.graphql, with
// GraphQL Code Generator's client preset (programmatically: the CLI's loaders pull in packages this registry cannot
// resolve, and a schema file plus .graphql documents need none of them).
//
//   node scripts/codegen.ts           writes src/generated/gql/ (typed documents and persisted-documents.json)
//   node scripts/codegen.ts --check   exits 1 when the committed files differ from what the schema and operations give
//
// persisted-documents.json maps the sha256 (hex) of each operation's printed text to that text: the gateway's
// persisted-operations manifest (GATEWAY_PERSISTED_OPERATIONS_FILE), the only operations it runs in production.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { preset } from '@graphql-codegen/client-preset';
import { codegen } from '@graphql-codegen/core';
import { buildSchema, parse, printSchema } from 'graphql';

const webRoot = path.resolve(import.meta.dirname, '..');
/** The gateway's printed schema. */
export const SCHEMA_FILE = path.resolve(webRoot, '../gateway/schema.graphql');
/** Where the operations live, one or more per .graphql file. */
export const OPERATIONS_DIR = path.join(webRoot, 'src/graphql/operations');
/** Where the generated files go. */
export const OUTPUT_DIR = path.join(webRoot, 'src/generated/gql');
/** The manifest the gateway reads. */
export const PERSISTED_DOCUMENTS_FILE = path.join(OUTPUT_DIR, 'persisted-documents.json');

/** The gateway's hash: plain sha256 hex of the document text (no `sha256:` prefix). */
export function hashDocument(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** Generates every file; returns path (relative to the web folder) → content. */
export async function generateGraphqlArtifacts(): Promise<Map<string, string>> {
  const schemaAst = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  const schema = parse(printSchema(schemaAst));
  const documents = readdirSync(OPERATIONS_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const rawSDL = readFileSync(path.join(OPERATIONS_DIR, name), 'utf8');
      return { location: path.join('src/graphql/operations', name), document: parse(rawSDL), rawSDL };
    });
  const config = {
    useTypeImports: true,
    // Node's type stripping and erasableSyntaxOnly allow no TypeScript enums: string unions instead.
    enumType: 'string-literal',
    // The schema's DateTime is an ISO 8601 string on the wire.
    scalars: { DateTime: 'string' },
    strictScalars: true,
    immutableTypes: true,
  };
  const sections = await preset.buildGeneratesSection({
    baseOutputDir: 'src/generated/gql/',
    schema,
    schemaAst,
    documents,
    plugins: [],
    pluginMap: {},
    config,
    presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: hashDocument } },
    documentTransforms: [],
    pluginContext: {},
  });
  const files = new Map<string, string>();
  await Promise.all(
    sections.map(async (section) => {
      const content = await codegen({ ...section, schemaAst, pluginContext: {} });
      files.set(section.filename, content.endsWith('\n') ? content : `${content}\n`);
    }),
  );
  return files;
}

/** Files whose committed content differs from the generated one. */
export async function staleGraphqlArtifacts(): Promise<string[]> {
  const files = await generateGraphqlArtifacts();
  const stale: string[] = [];
  for (const [file, content] of files) {
    if (readIfPresent(path.join(webRoot, file)) !== content) stale.push(file);
  }
  return stale;
}

function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

if (import.meta.main) {
  if (process.argv.includes('--check')) {
    const stale = await staleGraphqlArtifacts();
    if (stale.length > 0) {
      console.error(`codegen: out of date (run npm run codegen -w @xietong/web): ${stale.join(', ')}`);
      process.exit(1);
    }
    console.log('codegen: generated files are up to date');
  } else {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    for (const [file, content] of await generateGraphqlArtifacts()) writeFileSync(path.join(webRoot, file), content);
    console.log(`codegen: wrote ${path.relative(webRoot, OUTPUT_DIR)}/`);
  }
}
