// Prints which backend a test run got, once per backend and process, so a test log says what it ran against.
const announced = new Set<string>();

/** Prints `[test-backends] <service>: <description>` the first time service is announced in this process. */
export function announceBackend(service: string, description: string): void {
  if (announced.has(service)) return;
  announced.add(service);
  console.info(`[test-backends] ${service}: ${description}`);
}
