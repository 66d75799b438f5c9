import { afterEach, describe, expect, it } from 'vitest';

import { ComponentFailedError, InvalidComponentGraphError } from '../src/launcher.errors.ts';
import { orderByDependencies, Supervisor } from '../src/process.supervisor.ts';
import type { ComponentSpec } from '../src/component.types.ts';
import { announcedPids, CapturedOutput, fakeComponent, freePort, killAll, waitUntilGone } from './helpers.ts';

const spawned: number[] = [];

afterEach(() => {
  killAll(spawned.splice(0));
});

function supervise(components: ComponentSpec[], graceMs = 2_000) {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  const supervisor = new Supervisor(components, { baseEnv: { PATH: process.env.PATH }, stdout, stderr, graceMs, colours: false });
  supervisor.start();
  const pids = (): number[] => {
    const all = [...announcedPids(stdout.text), ...Object.values(supervisor.processGroups()).flat()];
    if (supervisor.reaperPid !== undefined) all.push(supervisor.reaperPid);
    spawned.push(...all);
    return [...new Set(all)];
  };
  return { supervisor, stdout, stderr, pids };
}

describe('Supervisor', () => {
  it('prefixes each whole line with the padded component name, keeping stdout and stderr apart', async () => {
    const { supervisor, stdout, stderr } = supervise([fakeComponent('alpha'), fakeComponent('b')]);
    await supervisor.ready;
    await supervisor.stop('test over');

    expect(stdout.lines).toContain('alpha    │ first half second half');
    expect(stdout.lines).toContain('b        │ first half second half');
    expect(stderr.lines).toContain('alpha    │ to stderr');
    expect(stdout.text).not.toContain('to stderr');
    expect(stdout.text).not.toContain('\u001b[');
  });

  it('starts a component only when its dependencies are ready, and stops dependents first', async () => {
    const port = await freePort();
    const { supervisor, stdout } = supervise([
      fakeComponent('app', { dependsOn: ['db'] }),
      fakeComponent('db', { port, fake: { FAKE_READY_DELAY_MS: '400' } }),
    ]);
    await supervisor.ready;
    const outcome = await supervisor.stop('test over');

    const lines = stdout.lines;
    const dbReady = lines.findIndex((l) => l.startsWith('launcher │ db is ready ('));
    const appFirstLine = lines.findIndex((l) => l.startsWith('app      │ pid '));
    expect(dbReady).toBeGreaterThan(-1);
    expect(appFirstLine).toBeGreaterThan(dbReady);
    expect(lines.indexOf('launcher │ app stopped')).toBeLessThan(lines.indexOf('launcher │ db stopped'));
    expect(outcome).toEqual({ ok: true, forced: [] });
  });

  it('stops everything, grandchildren included, when one component dies', async () => {
    const { supervisor, stdout, pids } = supervise([
      fakeComponent('steady', { fake: { FAKE_GRANDCHILD: '1' } }),
      fakeComponent('flaky', { fake: { FAKE_EXIT_AFTER_MS: '1000', FAKE_EXIT_CODE: '3' } }),
    ]);
    await supervisor.ready;
    const all = pids();
    const outcome = await supervisor.done;

    expect(outcome.ok).toBe(false);
    expect(outcome.failure).toBeInstanceOf(ComponentFailedError);
    expect(outcome.failure?.message).toBe('flaky exited with code 3 unexpectedly');
    expect((outcome.failure as ComponentFailedError).lastOutput).toContain('fake failure');
    expect(stdout.lines).toContain('launcher │ steady stopped');
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await waitUntilGone(all)).toEqual([]);
  });

  it('reports a component that is not ready in time, and stops the others', async () => {
    const port = await freePort();
    const { supervisor, pids } = supervise([
      fakeComponent('ok'),
      // Announces itself but never listens on the probed port.
      { ...fakeComponent('slow', { readyTimeoutMs: 600 }), readiness: { kind: 'tcp', host: '127.0.0.1', port } },
    ]);
    await expect(supervisor.ready).rejects.toThrow(`slow did not become ready within 1 s (waited for a TCP connection to 127.0.0.1:${port})`);
    const all = pids();
    const outcome = await supervisor.done;

    expect(outcome.ok).toBe(false);
    expect(await waitUntilGone(all)).toEqual([]);
  });

  it('kills a component that ignores SIGTERM after the grace period, with its grandchildren', async () => {
    const { supervisor, stderr, pids } = supervise(
      [fakeComponent('stubborn', { fake: { FAKE_IGNORE_SIGTERM: '1', FAKE_GRANDCHILD: '1', FAKE_GRANDCHILD_IGNORES_TERM: '1' } })],
      500,
    );
    await supervisor.ready;
    const all = pids();
    const outcome = await supervisor.stop('test over');

    expect(outcome).toEqual({ ok: true, forced: ['stubborn'] });
    expect(stderr.text).toContain('stubborn did not stop within 0.5 s; killing it');
    expect(await waitUntilGone(all, 2_000)).toEqual([]);
  });

  it('names the program and directory when a component cannot be spawned', async () => {
    const { supervisor } = supervise([{ ...fakeComponent('ghost'), cwd: '/nonexistent/dir' }]);
    await expect(supervisor.ready).rejects.toThrow(/ghost could not be started \(.* in \/nonexistent\/dir\)/);
    expect((await supervisor.done).ok).toBe(false);
  });

  it('reports an embedded component whose start fails with the library message', async () => {
    const { supervisor } = supervise([
      {
        kind: 'embedded',
        name: 'db',
        ports: [],
        readyTimeoutMs: 1_000,
        dependsOn: [],
        start: () => Promise.reject(new Error('data directory /x is unusable; rm -rf /x to reset')),
      },
      fakeComponent('app', { dependsOn: ['db'] }),
    ]);
    await expect(supervisor.ready).rejects.toThrow('db could not start: data directory /x is unusable; rm -rf /x to reset');
    const outcome = await supervisor.done;
    expect(outcome.failure?.code).toBe('COMPONENT_FAILED');
    // The dependent was never started.
    expect(supervisor.processGroups()).toEqual({});
  });

  it('treats an embedded component dying after it was ready as a failure, and stops its dependents first', async () => {
    let stopped = 0;
    // The component dies once everything is ready (not after a fixed delay, which a loaded machine can outrun).
    let die: (reason: string) => void = () => undefined;
    const exited = new Promise<string>((resolve) => {
      die = resolve;
    });
    const { supervisor, stdout } = supervise([
      {
        kind: 'embedded',
        name: 'db',
        ports: [],
        readyTimeoutMs: 1_000,
        dependsOn: [],
        start: async () => ({
          processGroups: [],
          exited,
          stop: async () => {
            stopped += 1;
          },
        }),
      },
      fakeComponent('app', { dependsOn: ['db'] }),
    ]);
    await supervisor.ready;
    die('exited with code 9');
    const outcome = await supervisor.done;
    expect(outcome.failure?.message).toBe('db exited with code 9 unexpectedly');
    expect(stdout.lines).toContain('launcher │ app stopped');
    expect(stopped).toBe(1);
  });
});

describe('orderByDependencies', () => {
  it('puts dependencies first and rejects cycles and unknown names', () => {
    expect(orderByDependencies([fakeComponent('web', { dependsOn: ['gw'] }), fakeComponent('gw', { dependsOn: ['db'] }), fakeComponent('db')])).toEqual([
      'db',
      'gw',
      'web',
    ]);
    expect(() => orderByDependencies([fakeComponent('a', { dependsOn: ['b'] }), fakeComponent('b', { dependsOn: ['a'] })])).toThrow(
      new InvalidComponentGraphError('dependency cycle: a → b → a'),
    );
    expect(() => orderByDependencies([fakeComponent('a', { dependsOn: ['x'] })])).toThrow('a depends on x, which is not a component');
    expect(() => orderByDependencies([fakeComponent('a'), fakeComponent('a')])).toThrow('two components are named a');
  });
});
