// The development OpenID provider as a program, for the launcher: `node infra/identity/src/main.ts`.
import { readIdentityConfig } from './config.ts';
import { IdentityError, InvalidConfigError } from './identity.errors.ts';
import { startIdentityProvider } from './identity-provider.server.ts';

const SHUTDOWN_TIMEOUT_MS = 5_000;
// As every program of the platform: 2 for invalid configuration, 1 for any other failure to start.
const EXIT_INVALID_CONFIG = 2;
const EXIT_FAILURE = 1;

async function main(): Promise<void> {
  const config = readIdentityConfig();
  const running = await startIdentityProvider({
    host: config.host,
    port: config.port,
    ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
    dataDir: config.dataDir,
    ...(config.webRedirectUris === undefined ? {} : { webRedirectUris: config.webRedirectUris }),
  });
  console.log(
    `identity: ready, issuer ${running.issuer} (listening on ${config.host}:${running.port}, data in ${config.dataDir}; demo users only, development use)`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      console.error(`identity: did not stop within ${SHUTDOWN_TIMEOUT_MS} ms after ${signal}; exiting`);
      process.exit(EXIT_FAILURE);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('identity: error while stopping', error);
        process.exit(EXIT_FAILURE);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof IdentityError) {
    console.error(`identity: ${error.message}`);
  } else {
    console.error('identity: failed to start', error);
  }
  process.exit(error instanceof InvalidConfigError ? EXIT_INVALID_CONFIG : EXIT_FAILURE);
});
