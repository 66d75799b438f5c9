// `npm start`: the whole platform on embedded defaults. See infra/launcher/README.md.
import { PlatformFactory } from './component.factories.ts';
import { CONFIG_VARIABLES, readLauncherConfig, type LauncherConfig } from './config.ts';
import { readDemoLogins } from './demo-logins.reader.ts';
import { InvalidConfigError } from './launcher.errors.ts';
import { runPlatform } from './launcher.run.ts';
import { platformComponents } from './platform.components.ts';
import { renderReadyBanner } from './ready.banner.ts';

const EXIT_INVALID_CONFIG = 2;

// A closed pipe (`npm start | head`) must not crash the launcher while it still has children to stop.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  const width = Math.max(...CONFIG_VARIABLES.map((v) => v.variable.length));
  process.stdout.write(
    'npm start — runs PostgreSQL, the Kafka broker, the identity provider and every service, the gateway and the web app.\n\n' +
      CONFIG_VARIABLES.map((v) => `  ${v.variable.padEnd(width)}  ${v.meaning} (default ${v.default})`).join('\n') +
      '\n',
  );
  process.exit(0);
}

let config: LauncherConfig;
try {
  config = readLauncherConfig(process.env);
} catch (error) {
  if (!(error instanceof InvalidConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(EXIT_INVALID_CONFIG);
}

const factory = new PlatformFactory(config);
const components = platformComponents(factory);

const code = await runPlatform({
  components,
  dataDir: config.dataDir,
  graceMs: config.stopGraceMs,
  baseEnv: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  renderBanner: async (elapsedSeconds) =>
    renderReadyBanner({
      elapsedSeconds,
      // Most user-facing first: the web app, the gateway, the services, then the infrastructure.
      endpoints: [...components].reverse().flatMap((c) => c.endpoints ?? []),
      dataDir: config.dataDir,
      logins: await readDemoLogins().catch((error: unknown) => ({ error: (error as Error).message })),
    }),
});

process.exitCode = code;
// Everything is stopped; nothing should keep the event loop alive, but a stray handle must not keep us waiting.
setTimeout(() => process.exit(code), 2_000).unref();
