// oidc-provider's storage (sessions, grants, refresh tokens, codes, interactions) kept in memory and mirrored to one
// JSON file in the data directory, so a restarted provider still knows its signed-in users and refresh tokens, as a
// Keycloak with a database would. Written here rather than taken from a library because the well-kept adapters need a
// database server (Redis, MongoDB, SQL); a development provider holds a few hundred records, so lookups by uid or
// grant scan the map, and the whole file is rewritten (debounced) after changes.
import { readFile } from 'node:fs/promises';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { CorruptDataFileError } from '../identity.errors.ts';
import { writeFileAtomically } from './atomic-file.ts';

interface StoredRecord {
  model: string;
  id: string;
  payload: AdapterPayload;
  /** Epoch milliseconds after which the record is gone; absent for records that never expire. */
  expiresAt?: number;
}

const WRITE_DELAY_MS = 100;

/** Records of one provider, mirrored to a file. */
export class FileBackedStore {
  readonly #file: string;
  readonly #records = new Map<string, StoredRecord>();
  readonly #onWriteError: (error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #writes: Promise<void> = Promise.resolve();

  private constructor(file: string, onWriteError: (error: unknown) => void) {
    this.#file = file;
    this.#onWriteError = onWriteError;
  }

  /** Opens the store, reading the records the file holds (none if it does not exist yet). */
  static async open(file: string, onWriteError: (error: unknown) => void): Promise<FileBackedStore> {
    const store = new FileBackedStore(file, onWriteError);
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      let records: unknown;
      try {
        records = JSON.parse(text);
      } catch {
        throw new CorruptDataFileError(file, 'it is not JSON');
      }
      if (!Array.isArray(records)) throw new CorruptDataFileError(file, 'it does not hold a list of records');
      const now = Date.now();
      for (const record of records as StoredRecord[]) {
        if (typeof record?.model !== 'string' || typeof record.id !== 'string' || typeof record.payload !== 'object') {
          throw new CorruptDataFileError(file, 'a record lacks its model, id or payload');
        }
        if (record.expiresAt === undefined || record.expiresAt > now) store.#records.set(keyOf(record.model, record.id), record);
      }
    }
    return store;
  }

  /** The adapter oidc-provider uses for one model (Session, Grant, RefreshToken, …). */
  adapterFor(model: string): Adapter {
    return new FileStoreAdapter(model, this);
  }

  /** Writes pending changes now. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writes = this.#writes.then(() => this.#write());
    return this.#writes;
  }

  /** The live record under model and id, if it has not expired. */
  get(model: string, id: string): StoredRecord | undefined {
    const key = keyOf(model, id);
    const record = this.#records.get(key);
    if (record?.expiresAt !== undefined && record.expiresAt <= Date.now()) {
      this.#records.delete(key);
      return undefined;
    }
    return record;
  }

  /** Live records of a model that satisfy the predicate. */
  *select(model: string, predicate: (payload: AdapterPayload) => boolean): Generator<StoredRecord> {
    for (const record of [...this.#records.values()]) {
      if (record.model === model && this.get(model, record.id) && predicate(record.payload)) yield record;
    }
  }

  /** Stores or replaces a record. */
  put(record: StoredRecord): void {
    this.#records.set(keyOf(record.model, record.id), record);
    this.#scheduleWrite();
  }

  /** Removes a record. */
  delete(model: string, id: string): void {
    if (this.#records.delete(keyOf(model, id))) this.#scheduleWrite();
  }

  /** Records that a stored payload changed in place. */
  touched(): void {
    this.#scheduleWrite();
  }

  #scheduleWrite(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch(this.#onWriteError);
    }, WRITE_DELAY_MS);
    this.#timer.unref();
  }

  async #write(): Promise<void> {
    const now = Date.now();
    for (const [key, record] of this.#records) {
      if (record.expiresAt !== undefined && record.expiresAt <= now) this.#records.delete(key);
    }
    await writeFileAtomically(this.#file, JSON.stringify([...this.#records.values()]));
  }
}

function keyOf(model: string, id: string): string {
  return `${model}:${id}`;
}

class FileStoreAdapter implements Adapter {
  readonly #model: string;
  readonly #store: FileBackedStore;

  constructor(model: string, store: FileBackedStore) {
    this.#model = model;
    this.#store = store;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
    this.#store.put({ model: this.#model, id, payload, ...(expiresAt === undefined ? {} : { expiresAt }) });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.#store.get(this.#model, id)?.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.#first((payload) => payload.uid === uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.#first((payload) => payload.userCode === userCode);
  }

  async consume(id: string): Promise<void> {
    const record = this.#store.get(this.#model, id);
    if (!record) return;
    record.payload.consumed = Math.floor(Date.now() / 1000);
    this.#store.touched();
  }

  async destroy(id: string): Promise<void> {
    this.#store.delete(this.#model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const record of this.#store.select(this.#model, (payload) => payload.grantId === grantId)) {
      this.#store.delete(this.#model, record.id);
    }
  }

  #first(predicate: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const record of this.#store.select(this.#model, predicate)) return record.payload;
    return undefined;
  }
}
