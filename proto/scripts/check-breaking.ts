// Compares the contracts with those of a git ref (default: the main branch) using buf's FILE breaking rules.
// Usage: node scripts/check-breaking.ts [ref]  — in CI pass the commit the change is based on, since comparing
// main with itself finds nothing. Works offline: buf reads the local repository.
import { spawnSync } from 'node:child_process';
import { protoDir, runBuf } from './buf-env.ts';

const ref = process.argv[2] ?? process.env.PROTO_BREAKING_AGAINST ?? 'main';
if (!/^[\w./-]+$/.test(ref)) {
  console.error(`not a git ref: ${JSON.stringify(ref)}`);
  process.exit(2);
}

// A ref from before the contracts existed has nothing to break.
const probe = spawnSync('git', ['cat-file', '-e', `${ref}:proto/buf.yaml`], { cwd: protoDir, timeout: 30_000 });
if (probe.status !== 0) {
  const known = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: protoDir, timeout: 30_000 });
  if (known.status !== 0) {
    console.error(`unknown git ref: ${ref}`);
    process.exit(2);
  }
  console.log(`no contracts at ${ref} yet; nothing to compare`);
  process.exit(0);
}

const result = runBuf(['breaking', '--against', `../.git#ref=${ref},subdir=proto`]);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
if (result.status === 0) console.log(`no breaking changes against ${ref}`);
process.exit(result.status);
