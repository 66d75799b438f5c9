// Starts a provider in-process on a free port with a fresh data directory, and removes both afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startIdentityProvider, type IdentityProviderOptions, type RunningIdentityProvider } from '../../src/index.ts';

/** A running test provider and its data directory. */
export interface TestProvider extends RunningIdentityProvider {
  dataDir: string;
  /** Stops the provider and deletes its data directory. */
  dispose(): Promise<void>;
}

/** Makes a temporary data directory. */
export function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'xietong-identity-'));
}

/** Starts a provider on 127.0.0.1, port 0, with a new (or the given) data directory. */
export async function startTestProvider(options: Partial<IdentityProviderOptions> = {}): Promise<TestProvider> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const running = await startIdentityProvider({ host: '127.0.0.1', port: 0, ...options, dataDir });
  return {
    ...running,
    dataDir,
    dispose: async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
