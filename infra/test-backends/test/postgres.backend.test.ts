import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ContainerEngineUnavailableError, probeContainerEngine, startPostgresBackend } from '../src/index.ts';

async function selectOne(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one, current_database() AS db')).rows[0];
  } finally {
    await client.end();
  }
}

describe('startPostgresBackend', () => {
  it('gives an embedded server whose databases can be queried', async () => {
    const backend = await startPostgresBackend({ mode: 'embedded' });
    try {
      expect(backend.kind).toBe('embedded');
      const url = await backend.ensureDatabase('cases');
      expect(url).toBe(backend.urlFor('cases'));
      expect(await selectOne(url)).toEqual({ one: 1, db: 'cases' });
      expect(await backend.ensureDatabase('cases')).toBe(url);
    } finally {
      await backend.stop();
    }
    await expect(selectOne(backend.adminUrl)).rejects.toThrow();
  });

  it('in auto mode picks containers exactly when an engine answers', async () => {
    const engine = await probeContainerEngine();
    const backend = await startPostgresBackend({ mode: 'auto' });
    try {
      expect(backend.kind).toBe(engine.available ? 'container' : 'embedded');
      expect(await selectOne(await backend.ensureDatabase('auto_mode'))).toEqual({ one: 1, db: 'auto_mode' });
    } finally {
      await backend.stop();
    }
  });

  it('with containers required, fails with a clear error when no engine answers (and uses one when it does)', async () => {
    const engine = await probeContainerEngine();
    if (engine.available) {
      const backend = await startPostgresBackend({ mode: 'containers' });
      try {
        expect(backend.kind).toBe('container');
        expect(await selectOne(await backend.ensureDatabase('required'))).toEqual({ one: 1, db: 'required' });
      } finally {
        await backend.stop();
      }
      return;
    }
    expect(engine.reason).toMatch(/container runtime/i);
    const error = await startPostgresBackend({ mode: 'containers' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContainerEngineUnavailableError);
    expect(error).toMatchObject({ code: 'CONTAINER_ENGINE_UNAVAILABLE' });
    expect((error as Error).message).toContain('XIETONG_TEST_BACKEND=containers');
    expect((error as Error).message).toContain(engine.reason);
  });
});
