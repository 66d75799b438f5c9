// Runs every check and test of the repository, then prints one closing line that CI reads:
// "Tests: N passed, N failed, N skipped" summed over every workspace's vitest JSON report.
// Turbo runs each workspace's `test` script; every such script ends with `vitest run`, so the
// reporter flags passed after `--` reach vitest in each workspace.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { globSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reportName = '.vitest-report.json';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  success: boolean;
}

/** Runs one step with inherited output and returns its exit status. */
function runStep(title: string, command: string, args: string[]): number {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } });
  return result.status ?? 1;
}

/** Lists the JSON reports that vitest wrote into the workspaces. */
function findReports(): string[] {
  return globSync(`{infra,services,gateway,web,proto}/**/${reportName}`, { cwd: root, exclude: (p) => p.includes('node_modules') }).map((p) => path.join(root, p));
}

for (const stale of findReports()) rmSync(stale);

const failures: string[] = [];
const steps: Array<[string, string, string[]]> = [
  ['lint (eslint)', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['docker-compose.yml is valid', 'npm', ['run', '--silent', 'check:compose']],
  ['typecheck (root scripts)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['typecheck (every workspace)', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']],
  ['tests (every workspace)', 'npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${reportName}`]],
];
for (const [title, command, args] of steps) {
  if (runStep(title, command, args) !== 0) failures.push(title);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const reports = findReports();
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJsonReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  console.log(`${path.relative(root, path.dirname(file)).padEnd(28)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
if (failures.length > 0) console.log(`\nFailed steps: ${failures.join('; ')}`);
if (passed === 0) failures.push('no test ran');
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
