// The development OpenID provider as a program, for the launcher: `node infra/identity/src/main.ts`.
import { readIdentityConfig } from './config.ts';
import { IdentityError } from './identity.errors.ts';
import { startIdentityProvider } from './identity-provider.server.ts';

const SHUTDOWN_TIMEOUT_MS = 5_000;

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
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('identity: error while stopping', error);
        process.exit(1);
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
  process.exit(1);
});
