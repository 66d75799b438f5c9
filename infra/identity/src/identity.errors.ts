// Domain errors of the development OpenID provider. Each has a stable code; messages are complete sentences that tell
// the user what to do, so programs print them without a stack.

/** A failure of the identity provider the user can act on; its message is complete and printed without a stack. */
export class IdentityError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One or more environment variables are invalid; every problem is listed. */
export class InvalidConfigError extends IdentityError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super('INVALID_CONFIG', `Invalid identity provider configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** The port the provider was asked to listen on is taken by another process. */
export class PortInUseError extends IdentityError {
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number) {
    super(
      'IDENTITY_PORT_IN_USE',
      `Port ${port} on ${host} is already in use, so the identity provider cannot listen on it. ` +
        `Stop the program using it (\`ss -ltnp 'sport = :${port}'\` shows it) or set IDENTITY_PORT to a free port.`,
    );
    this.host = host;
    this.port = port;
  }
}

/** The demo realm file is missing, not JSON, or breaks one of its rules; every problem is listed. */
export class InvalidRealmDataError extends IdentityError {
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super('INVALID_REALM_DATA', `The demo realm file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.file = file;
    this.problems = problems;
  }
}

/** A file in the data directory (signing keys, cookie keys, stored sessions) cannot be read back. */
export class CorruptDataFileError extends IdentityError {
  readonly file: string;

  constructor(file: string, reason: string) {
    super(
      'IDENTITY_DATA_CORRUPT',
      `${file} cannot be used (${reason}). Delete it to start over: signed-in users will have to sign in again.`,
    );
    this.file = file;
  }
}

/** The token endpoint refused a request made by this package's token client. */
export class TokenRequestError extends IdentityError {
  /** The OAuth error code, e.g. invalid_grant. */
  readonly error: string;
  readonly errorDescription: string | undefined;
  readonly status: number;

  constructor(status: number, error: string, errorDescription: string | undefined) {
    super('TOKEN_REQUEST_FAILED', `The token endpoint answered ${status} ${error}${errorDescription ? `: ${errorDescription}` : ''}.`);
    this.status = status;
    this.error = error;
    this.errorDescription = errorDescription;
  }
}
