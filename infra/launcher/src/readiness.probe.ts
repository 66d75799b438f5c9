// One attempt of each probe kind. The supervisor repeats attempts until one succeeds, the child dies or time runs out.
import { connect } from 'node:net';

import type { ReadinessProbe } from './component.types.ts';

const ATTEMPT_TIMEOUT_MS = 2_000;

/** A human description of the probe, used in the "did not become ready" message. */
export function describeProbe(probe: ReadinessProbe): string {
  switch (probe.kind) {
    case 'http':
      return `GET ${probe.url} answering 2xx`;
    case 'tcp':
      return `a TCP connection to ${probe.host}:${probe.port}`;
    case 'log':
      return `a log line matching ${String(probe.pattern)}`;
    case 'check':
      return probe.description;
  }
}

/** Makes one attempt; true when the component is ready. Log probes are decided by the supervisor from output lines. */
export async function attemptProbe(probe: ReadinessProbe): Promise<boolean> {
  switch (probe.kind) {
    case 'http':
      return attemptHttp(probe.url);
    case 'tcp':
      return attemptTcp(probe.host, probe.port);
    case 'check':
      return probe.check().catch(() => false);
    case 'log':
      return false;
  }
}

async function attemptHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), redirect: 'manual' });
    // Drain the body so the connection is released at once.
    await response.arrayBuffer();
    return response.status >= 200 && response.status < 300;
  } catch {
    return false;
  }
}

function attemptTcp(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ATTEMPT_TIMEOUT_MS, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
