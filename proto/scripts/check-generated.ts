// Fails when src/generated is not what `npm run generate` would write from the current .proto files, so nobody
// commits a contract change without its TypeScript (or hand-edits generated code).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { protoDir, runBuf } from './buf-env.ts';

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'xietong-proto-gen-'));
try {
  const result = runBuf(['generate', '--output', scratch]);
  if (result.status !== 0) {
    console.error(`buf generate failed:\n${result.stderr}`);
    process.exit(1);
  }
  const fresh = path.join(scratch, 'src', 'generated');
  const committed = path.join(protoDir, 'src', 'generated');
  const freshFiles = listFiles(fresh);
  const committedFiles = listFiles(committed);
  const stale = [
    ...freshFiles.filter((f) => !committedFiles.includes(f)).map((f) => `missing: ${f}`),
    ...committedFiles.filter((f) => !freshFiles.includes(f)).map((f) => `not generated from any .proto: ${f}`),
    ...freshFiles
      .filter((f) => committedFiles.includes(f))
      .filter((f) => readFileSync(path.join(fresh, f), 'utf8') !== readFileSync(path.join(committed, f), 'utf8'))
      .map((f) => `out of date: ${f}`),
  ];
  if (stale.length > 0) {
    console.error(`proto/src/generated is not current; run \`npm run generate -w proto\`:\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`generated code is current (${freshFiles.length} files)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
