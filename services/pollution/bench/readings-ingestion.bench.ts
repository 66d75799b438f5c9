// Benchmark: water-quality readings ingested per second in bulk, end to end — HTTP, token verification, validation
// (exact decimals), the duplicate check against stored readings, one multi-row insert, exceedance detection, the
// batch's audit row, commit — against real PostgreSQL, as monitoring stations upload them: CSV files over REST and
// protobuf batches over Connect. Prints `name: value unit` lines.
import { PollutionService } from '@xietong/proto';
import { passwordGrant, DEMO_PASSWORD } from '@xietong/identity';
import { createServiceClient } from '@xietong/service-kit';
import { startIdentityBackend, startKafkaBackend, startPostgresBackend } from '@xietong/test-backends';
import { pollutionConfig } from '../src/config.ts';
import { startPollutionService } from '../src/pollution.service.ts';

const uploads = Number(process.env.BENCH_UPLOADS ?? 6);
const perUpload = Number(process.env.BENCH_READINGS_PER_UPLOAD ?? 5000);
const parameters = [
  ['COD', 15],
  ['NH3-N', 0.4],
  ['TP', 0.12],
  ['TN', 3],
] as const;

// Distinct sampling instants, minute by minute backwards from yesterday, so no two readings collide.
const base = Date.now() - 86_400_000;
let minute = 0;
function nextReadings(count: number) {
  const rows: Array<{ sectionId: string; parameter: string; value: string; unit: string; sampledAt: string }> = [];
  while (rows.length < count) {
    minute += 1;
    const sampledAt = new Date(base - minute * 60_000).toISOString();
    for (const [parameter, value] of parameters) {
      if (rows.length < count) rows.push({ sectionId: 'yellow-liuzhuang', parameter, value: (value * (0.9 + ((minute * 7) % 20) / 100)).toFixed(3), unit: 'mg/L', sampledAt });
    }
  }
  return rows;
}

const [postgres, kafka, identity] = await Promise.all([startPostgresBackend(), startKafkaBackend(), startIdentityBackend()]);
const config = pollutionConfig.loadConfig({
  DATABASE_URL: await postgres.ensureDatabase('pollution_bench'),
  KAFKA_BROKERS: kafka.brokers.join(','),
  OIDC_ISSUER: identity.issuer,
  PORT: '0',
  LOG_LEVEL: 'warn',
});
const service = await startPollutionService(config, { startEscalationTimer: false });
try {
  const token = (await passwordGrant({ baseUrl: identity.issuer, username: 'henan.environment', password: DEMO_PASSWORD })).accessToken;
  const client = createServiceClient(PollutionService, { baseUrl: service.url, token, timeoutMs: 120_000 });

  // Warm-up: JIT, connection pool, JWKS.
  await client.submitReadings({ readings: nextReadings(200) });

  const csvStart = performance.now();
  for (let i = 0; i < uploads; i += 1) {
    const csv = ['section_id,parameter,value,unit,sampled_at', ...nextReadings(perUpload).map((r) => `${r.sectionId},${r.parameter},${r.value},${r.unit},${r.sampledAt}`)].join('\n');
    const response = await fetch(`${service.url}/v1/readings`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
    if (response.status !== 201) throw new Error(`CSV upload failed: ${response.status} ${await response.text()}`);
  }
  const csvSeconds = (performance.now() - csvStart) / 1000;

  const rpcStart = performance.now();
  for (let i = 0; i < uploads; i += 1) await client.submitReadings({ readings: nextReadings(perUpload) });
  const rpcSeconds = (performance.now() - rpcStart) / 1000;

  const total = uploads * perUpload;
  console.log(`readings_per_upload: ${perUpload} readings`);
  console.log(`readings_ingested_per_second_csv_rest: ${Math.round(total / csvSeconds)} readings/s`);
  console.log(`readings_ingested_per_second_connect: ${Math.round(total / rpcSeconds)} readings/s`);
  console.log(`upload_latency_csv_rest: ${Math.round((csvSeconds / uploads) * 1000)} ms`);
} finally {
  await service.close();
  await Promise.all([postgres.stop(), kafka.stop(), identity.stop()]);
}
