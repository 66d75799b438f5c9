// Domain errors of the test-backends helper, each with a stable code.

/** Containers were required (XIETONG_TEST_BACKEND=containers) but no container engine answered. */
export class ContainerEngineUnavailableError extends Error {
  readonly code = 'CONTAINER_ENGINE_UNAVAILABLE';
  readonly reason: string;

  constructor(reason: string) {
    super(
      `XIETONG_TEST_BACKEND=containers, but no container engine is reachable (${reason}). Start Docker or Podman ` +
        '(or point DOCKER_HOST at one), or run with XIETONG_TEST_BACKEND=auto or embedded to use the embedded backends.',
    );
    this.name = 'ContainerEngineUnavailableError';
    this.reason = reason;
  }
}

/** A service started by startNodeService exited, could not be spawned, or did not say it was ready in time. */
export class NodeServiceStartError extends Error {
  readonly code = 'NODE_SERVICE_START_FAILED';
  readonly service: string;
  /** The last lines the service wrote. */
  readonly output: string;

  constructor(service: string, what: string, output: string) {
    super(`the ${service} service ${what}; its last output:\n${output || '(nothing)'}`);
    this.name = 'NodeServiceStartError';
    this.service = service;
    this.output = output;
  }
}
