// Validates docker-compose.yml without a container engine, with Debian's docker-compose (`config -q`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const probe = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
if (probe.error) {
  console.error('docker-compose is not installed: install it with `apt-get install -y docker-compose` (.ci/run does) to validate docker-compose.yml.');
  process.exit(1);
}
const result = spawnSync('docker-compose', ['-f', path.join(root, 'docker-compose.yml'), 'config', '-q'], { stdio: 'inherit' });
if (result.status === 0) console.log('docker-compose.yml: valid');
process.exit(result.status ?? 1);
