// Build-stage helper of node-workspace.Dockerfile: copies into <out> what the runtime image of one workspace needs —
// the root package files, node_modules as `npm ci --workspace` left it, the workspace, and every @xietong/*
// workspace it depends on (transitively), whose folders the node_modules/@xietong symlinks point at.
//   node infra/docker/stage-workspace.ts <workspace> <out>
import fs from 'node:fs';
import path from 'node:path';

const [workspaceArg, outArg] = process.argv.slice(2);
if (workspaceArg === undefined || outArg === undefined) {
  process.stderr.write('usage: node infra/docker/stage-workspace.ts <workspace, e.g. services/pollution> <out>\n');
  process.exit(2);
}
const root = process.cwd();
const out = path.resolve(outArg);
const start = path.normalize(workspaceArg).replace(/\/+$/, '');
if (!fs.existsSync(path.join(root, start, 'package.json'))) {
  process.stderr.write(`stage-workspace: ${start}/package.json does not exist (run from the repository root)\n`);
  process.exit(2);
}

// Workspace package name → folder, from the links npm created.
const linksDir = path.join(root, 'node_modules/@xietong');
const folderOf = new Map<string, string>();
for (const link of fs.existsSync(linksDir) ? fs.readdirSync(linksDir) : []) {
  folderOf.set(`@xietong/${link}`, path.relative(root, fs.realpathSync(path.join(linksDir, link))));
}

const folders = new Set<string>();
const queue = [start];
while (queue.length > 0) {
  const folder = queue.shift() as string;
  if (folders.has(folder)) continue;
  folders.add(folder);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, folder, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const dependencyFolder = folderOf.get(dependency);
    if (dependencyFolder !== undefined) queue.push(dependencyFolder);
  }
}

// Tests, benchmarks and scratch files stay out of the image.
const excluded = /(^|\/)(test|tests|bench|\.scratch|node_modules)(\/|$)/;
fs.mkdirSync(out, { recursive: true });
for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(root, file), path.join(out, file));
fs.cpSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'), { recursive: true, verbatimSymlinks: true });
for (const folder of folders) {
  fs.cpSync(path.join(root, folder), path.join(out, folder), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !excluded.test(path.relative(path.join(root, folder), source)),
  });
}
process.stdout.write(`stage-workspace: staged ${[...folders].join(', ')} into ${out}\n`);
