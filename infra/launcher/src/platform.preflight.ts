// Checks every program and every port the platform will bind before anything starts, so a conflict is reported with the variable that
// moves it instead of surfacing later as some child's EADDRINUSE stack trace.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import type { ComponentSpec } from './component.types.ts';
import { MissingProgramError, PortsInUseError, type PortConflict } from './launcher.errors.ts';

/** Binds and releases each declared port; throws PortsInUseError listing every port that could not be bound. */
export async function assertPortsFree(components: readonly ComponentSpec[]): Promise<void> {
  const conflicts: PortConflict[] = [];
  for (const component of components) {
    for (const binding of component.ports) {
      const reason = await tryBind(binding.host, binding.port);
      if (reason !== null) conflicts.push({ component: component.name, ...binding, reason });
    }
  }
  if (conflicts.length > 0) throw new PortsInUseError(conflicts);
}

/** Null when the port can be bound, otherwise why not ("already in use", "not permitted"...). */
export function tryBind(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(describeBindError(error));
    });
    // exclusive: without it a cluster primary could share the handle and hide a conflict.
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => resolve(null));
    });
  });
}

function describeBindError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return 'already in use';
    case 'EACCES':
      return 'not permitted for this user';
    case 'EADDRNOTAVAIL':
      return 'on an address this machine does not have (check XIETONG_HOST)';
    default:
      return `not bindable (${error.code ?? error.message})`;
  }
}

/** Checks that each process component's working directory and (for Node programs) entry file exist. */
export function assertProgramsPresent(components: readonly ComponentSpec[], nodePath: string = process.execPath): void {
  const problems: string[] = [];
  for (const component of components) {
    if (component.kind !== 'process') continue;
    const entry = component.command === nodePath ? component.args[0] : undefined;
    if (!existsSync(component.cwd)) problems.push(`${component.name}: its directory ${component.cwd} does not exist`);
    else if (entry !== undefined && !existsSync(path.resolve(component.cwd, entry))) {
      problems.push(`${component.name}: its program ${path.resolve(component.cwd, entry)} does not exist`);
    }
  }
  if (problems.length > 0) throw new MissingProgramError(problems);
}
