// Scratch directories for embedded backends, removed when the backend stops (and by a later run if the process died).
import { makeScratchDir as makeDir, removeScratchDir } from '@xietong/db';

/** Creates an empty directory for one backend's data under the system temp dir. */
export function makeScratchDir(service: string): Promise<string> {
  return makeDir(`xietong-test-${service}`);
}

export { removeScratchDir };
