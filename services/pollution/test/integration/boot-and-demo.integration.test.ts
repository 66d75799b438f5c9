// `node services/pollution/src/main.ts` as the launcher runs it: the launcher's environment, readiness, the demo
// scenario on a fresh database, no second copy of it on the next boot, and a clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AlertStatus, CaseState, RecordView } from '@xietong/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTORS } from '../../src/infrastructure/seed/demo-actors.ts';
import { clientAs, startBackends, tokensFor, type Backends, type DemoUser } from './pollution-harness.ts';

const workspace = fileURLToPath(new URL('../..', import.meta.url));
const nodeBinary = fileURLToPath(new URL('../../../../node_modules/.bin/node', import.meta.url));

let backends: Backends;
let tokens: Record<DemoUser, string>;
let databaseUrl: string;

beforeAll(async () => {
  backends = await startBackends();
  databaseUrl = await backends.postgres.ensureDatabase('pollution_boot');
  tokens = await tokensFor(backends);
}, 120_000);

afterAll(async () => {
  await backends?.stop();
}, 60_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts main.ts with what the launcher gives a service, and waits until /health/ready answers 200. */
async function boot(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const issuer = backends.identity.issuer;
  const child = spawn(nodeBinary, ['src/main.ts'], {
    cwd: workspace,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SERVICE_NAME: 'pollution',
      KAFKA_CLIENT_ID: 'pollution',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: backends.kafka.brokers.join(','),
      OIDC_ISSUER: issuer,
      OIDC_JWKS_URL: `${issuer}/protocol/openid-connect/certs`,
      SEED_DEMO_DATA: 'true',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`main.ts exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (ready?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`main.ts was not ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

describe('main.ts under the launcher\'s environment', () => {
  it('boots on a fresh database with the demo scenario, and a second boot does not load it again', async () => {
    const first = await boot();
    try {
      const shandong = clientAs(first.url, tokens['shandong.environment']);
      const alerts = await shandong.listAlerts({ status: AlertStatus.ACTUAL });
      expect(alerts.alerts).toHaveLength(1);
      expect(alerts.alerts[0]).toMatchObject({ senderProvince: '410000', pollutant: { parameter: 'benzene' }, acknowledgements: [{ province: '370000' }] });

      const cases = await shandong.listCases({});
      expect(cases.cases).toHaveLength(1);
      const { case: demo } = await shandong.getCase({ caseId: cases.cases[0]!.id });
      expect(demo).toMatchObject({ state: CaseState.JOINT_ENFORCEMENT, sectionId: 'yellow-liuzhuang', alertThreadIds: [alerts.alerts[0]!.threadId] });
      expect(demo?.enforcementActions.map((a) => a.responsibleProvince).sort()).toEqual(['370000', '410000']);
      expect(demo?.exceedances.every((e) => e.parameter === 'benzene')).toBe(true);
      expect(demo?.exceedances.length).toBeGreaterThan(3);
      expect(demo?.evidence.map((e) => e.kind)).toHaveLength(2);

      const assessments = await shandong.listAssessments({});
      expect(assessments.assessments).toHaveLength(1);
      expect(assessments.assessments[0]?.netTransfers.map((t) => [t.payer, t.payee])).toEqual([['370000', '410000']]);

      const { policies } = await shandong.listEscalationPolicies({});
      expect(policies.map((p) => [p.policyId, p.current?.version, p.current?.sectionIds, p.current?.recordedBy?.username])).toEqual([
        ['default', 1, [], 'platform'],
        ['yellow-henan-shandong-liuzhuang', 1, ['yellow-liuzhuang'], 'platform.admin'],
      ]);
      // The demo alert was sent after the Liuzhuang policy took effect: level II, one hour under it.
      expect(timestampDate(alerts.alerts[0]!.acknowledgeBy!).getTime() - timestampDate(alerts.alerts[0]!.sentAt!).getTime()).toBe(60 * 60_000);

      const liaison = await clientAs(first.url, tokens['shandong.liaison']).getCase({ caseId: demo!.id });
      expect(liaison.case?.view).toBe(RecordView.SUMMARY);
      expect(await clientAs(first.url, tokens['anhui.environment']).listCases({})).toMatchObject({ totalCount: 0 });
    } finally {
      expect(await stop(first.child)).toBe(0);
    }

    const second = await boot();
    try {
      expect(second.output()).toContain('already-seeded');
      const shandong = clientAs(second.url, tokens['shandong.environment']);
      expect((await shandong.listAlerts({})).totalCount).toBe(1);
      expect((await shandong.listCases({})).totalCount).toBe(1);
      expect((await shandong.listEscalationPolicies({})).policies.map((p) => p.versions.length)).toEqual([1, 1]);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 180_000);

  it('records the demo under the demo users as the identity provider knows them', async () => {
    const { loadDemoRealm } = await import('@xietong/identity');
    const realm = await loadDemoRealm();
    for (const actor of DEMO_ACTORS) {
      const user = realm.users.find((u) => u.username === actor.username);
      expect(user, actor.username).toMatchObject({ id: actor.subject, province: actor.province, agency: actor.agency });
      // The identity provider's `sub` is the realm user's id, so the demo records are the signed-in user's own.
      const token = tokens[actor.username as DemoUser];
      if (token) expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub).toBe(actor.subject);
    }
  });
});
