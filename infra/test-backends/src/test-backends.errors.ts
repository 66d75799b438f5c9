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
