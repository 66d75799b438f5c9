// CI's breaking-change check: the contracts in the working tree must be compatible with every earlier committed
// version of them, not only with the last. CI runs on a clone of main itself, so "against main" would compare main
// with itself; checking against each commit that changed a .proto states the real rule — contracts only ever grow
// (proto/README.md, Versioning rules). A shallow clone checks the history it has.
import { spawnSync } from 'node:child_process';
import { protoDir, runBuf } from './buf-env.ts';

const git = (args: string[]) => spawnSync('git', args, { cwd: protoDir, encoding: 'utf8', timeout: 30_000 });
const log = git(['log', '--format=%H', '--', 'xietong']);
if (log.status !== 0) {
  console.error(`cannot read the contracts' history: ${log.stderr.trim()}`);
  process.exit(2);
}
const commits = log.stdout.split('\n').filter(Boolean);
if (commits.length === 0) {
  console.log('no committed contracts yet; nothing to compare');
  process.exit(0);
}
let broken = 0;
for (const commit of commits) {
  const result = runBuf(['breaking', '--against', `../.git#ref=${commit},subdir=proto`]);
  if (result.status !== 0) {
    broken += 1;
    console.error(`breaking changes against ${commit.slice(0, 12)}:\n${result.stdout}${result.stderr}`);
  }
}
console.log(`contracts compatible with ${commits.length - broken} of ${commits.length} earlier committed versions`);
process.exit(broken === 0 ? 0 : 1);
