// Builds the web app and measures the JavaScript a browser downloads, gzipped at level 9:
//   web_first_route_js_gzip      what index.html loads (module scripts, modulepreloads, classic scripts) — the budget
//   web_first_route_js_vs_budget that over the 300 KB budget
//   web_workbench_route_js_gzip  the same plus the lazily loaded workbench page a signed-in user lands on
// Exits 1 when the first route is over budget.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const webRoot = path.resolve(import.meta.dirname, '..');

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** Gzipped size of a file, bytes (level 9). */
function gzippedBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Local JavaScript files index.html loads before anything runs. */
function firstRouteScripts(html: string): string[] {
  const files = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) if (match[1]) files.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) if (match[1]) files.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"[^>]*>/g)) if (match[1]) files.add(match[1]);
  return [...files].filter((src) => src.startsWith('/') && !src.startsWith('//')).map((src) => src.slice(1));
}

/** A chunk and every chunk it imports statically, as files. */
function closure(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const outDir = mkdtempSync(path.join(tmpdir(), 'xietong-web-bench-'));
try {
  const node = process.execPath;
  const codegen = spawnSync(node, ['scripts/codegen.ts'], { cwd: webRoot, encoding: 'utf8' });
  if (codegen.status !== 0) throw new Error(`codegen failed:\n${codegen.stderr}`);
  const vite = path.resolve(webRoot, '../node_modules/vite/bin/vite.js');
  const build = spawnSync(node, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], {
    cwd: webRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 180_000,
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);

  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const first = firstRouteScripts(html);
  const firstBytes = first.reduce((sum, file) => sum + gzippedBytes(path.join(outDir, file)), 0);

  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const workbench = closure(manifest, 'src/screens/workbench.page.tsx');
  const workbenchExtra = [...workbench].filter((file) => !first.includes(file));
  const workbenchBytes = firstBytes + workbenchExtra.reduce((sum, file) => sum + gzippedBytes(path.join(outDir, file)), 0);

  console.log(`web_first_route_js_gzip: ${kb(firstBytes)} KB`);
  console.log(`web_first_route_js_vs_budget: ${(firstBytes / 1024 / BUDGET_KB).toFixed(3)} ratio`);
  console.log(`web_workbench_route_js_gzip: ${kb(workbenchBytes)} KB`);
  console.error(`(first route: ${first.join(', ')}; workbench adds: ${workbenchExtra.join(', ') || 'nothing'})`);
  if (firstBytes / 1024 > BUDGET_KB) {
    console.error(`over budget: the first route loads ${kb(firstBytes)} KB of gzipped JavaScript, the budget is ${BUDGET_KB} KB`);
    process.exitCode = 1;
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
