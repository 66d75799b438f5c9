// Why the broker could not start, with a stable code; main.ts turns the code into an exit status.

/**
 * Why the broker could not start, with a stable code: INVALID_OPTIONS, DATA_DIR_INVALID (the data directory is not a
 * writable directory) and CLUSTER_META_CORRUPT (a document under meta/ is damaged) are bad input; PORT_IN_USE,
 * DATA_DIR_LOCKED and LISTEN_FAILED are conflicts with the machine.
 */
export class BrokerStartError extends Error {
  readonly code: 'INVALID_OPTIONS' | 'DATA_DIR_INVALID' | 'CLUSTER_META_CORRUPT' | 'PORT_IN_USE' | 'DATA_DIR_LOCKED' | 'LISTEN_FAILED';
  override readonly name = 'BrokerStartError';

  constructor(code: BrokerStartError['code'], message: string) {
    super(message);
    this.code = code;
  }
}
