// Whether a container engine (Docker, Podman …) answers, asked once per process through testcontainers.
import { ContainerEngineUnavailableError } from './test-backends.errors.ts';
import type { BackendMode } from './config.ts';

/** What probeContainerEngine found. */
export type ContainerEngineProbe = { available: true; description: string } | { available: false; reason: string };

// testcontainers fails within milliseconds when there is no engine, but a DOCKER_HOST naming an unreachable
// machine could make it wait on TCP: the probe never takes longer than this.
const PROBE_TIMEOUT_MS = 15_000;

let probe: Promise<ContainerEngineProbe> | undefined;

/** Asks testcontainers for a working container runtime (once per process); never rejects. */
export function probeContainerEngine(): Promise<ContainerEngineProbe> {
  probe ??= (async (): Promise<ContainerEngineProbe> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ContainerEngineProbe>((resolve) => {
      timer = setTimeout(() => resolve({ available: false, reason: `no answer within ${PROBE_TIMEOUT_MS / 1000} s` }), PROBE_TIMEOUT_MS);
      timer.unref();
    });
    const ask = (async (): Promise<ContainerEngineProbe> => {
      try {
        const { getContainerRuntimeClient } = await import('testcontainers');
        const { info } = await getContainerRuntimeClient();
        return { available: true, description: `${info.containerRuntime.operatingSystem} at ${info.containerRuntime.host}` };
      } catch (error) {
        return { available: false, reason: error instanceof Error ? error.message : String(error) };
      }
    })();
    try {
      return await Promise.race([ask, timeout]);
    } finally {
      clearTimeout(timer);
    }
  })();
  return probe;
}

/** Turns the requested mode into the backend kind to start; containers without an engine is an error. */
export async function resolveBackendKind(mode: BackendMode): Promise<'embedded' | 'container'> {
  if (mode === 'embedded') return 'embedded';
  const engine = await probeContainerEngine();
  if (engine.available) return 'container';
  if (mode === 'containers') throw new ContainerEngineUnavailableError(engine.reason);
  return 'embedded';
}
