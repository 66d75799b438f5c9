// Alert-to-acknowledgement-visible latency through the gateway on the real platform (issue 6), printed as
// `name: value unit` lines: embedded PostgreSQL and Kafka, the pollution service as a child process and a gateway fed
// from Kafka (test/support/pollution-platform.ts). Each round:
// (a) henan.environment issues an alert on the Liuzhuang section; the clock runs from sending the mutation until
//     shandong.environment's open alertIssued SSE stream delivers it (service → Kafka → gateway hub → SSE);
// (b) shandong.environment acknowledges as soon as it sees the alert; the clock runs from sending the mutation until
//     henan.environment's open alertAcknowledged SSE stream delivers the acknowledgement;
// (c) the whole exchange: from Henan sending the alert until Henan sees Shandong's acknowledgement (a + b + the
//     acknowledging call), what a sender waits when the addressee answers at once.
// Bounded: ROUNDS rounds, each wait ≤ 10 s, rounds stop once the measuring budget is spent; everything is stopped.
import { openSse, type SseStream } from '../test/support/sse-client.ts';
import { startPollutionPlatform, type PollutionPlatform } from '../test/support/pollution-platform.ts';
import { startTestIdentity, type GraphQLResponse, type TestIdentity } from '../test/support/test-platform.ts';

const ROUNDS = Number(process.env.BENCH_ACK_ROUNDS ?? 30);
const MEASURE_BUDGET_MS = 60_000;
const WAIT_MS = 10_000;

const ISSUE = 'mutation($input: IssueAlertInput!) { issueAlert(input: $input) { alert { id messageId } } }';
const ACK = 'mutation($id: ID!) { acknowledgeAlert(input: { alertId: $id, note: "bench" }) { alert { id } } }';
const SHANDONG = '370000';

/** The value at nearest-rank percentile `p` of `values`. */
function percentileOf(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function errorsOf(response: GraphQLResponse): string {
  return JSON.stringify(response.body.errors ?? response.text);
}

/** Reads frames until one whose `field` has this message id; throws after WAIT_MS. */
async function awaitMessage(stream: SseStream, field: string, messageId: string, what: string): Promise<void> {
  for (;;) {
    const frame = await stream.next(WAIT_MS);
    if (!frame) throw new Error(`${what} (${messageId}) did not arrive within ${WAIT_MS} ms`);
    // Skip anything else on the stream (nothing else is sent in this bench, but a late redelivery must not count).
    if ((JSON.parse(frame.data) as { data?: Record<string, { messageId: string } | undefined> }).data?.[field]?.messageId === messageId) return;
  }
}

async function runRounds(platform: PollutionPlatform, identity: TestIdentity): Promise<{ issue: number[]; ack: number[]; exchange: number[] }> {
  const [henan, shandong] = await Promise.all([identity.token('henan.environment'), identity.token('shandong.environment')]);
  const url = `${platform.gateway.url}/graphql`;
  const feed: SseStream = await openSse(url, 'subscription { alertIssued { messageId } }', { token: shandong });
  const acks: SseStream = await openSse(url, 'subscription { alertAcknowledged { messageId province } }', { token: henan });
  const issue: number[] = [];
  const ack: number[] = [];
  const exchange: number[] = [];
  try {
    for (const stream of [feed, acks]) if (stream.status !== 200) throw new Error(`a subscription answered ${stream.status}`);
    for (let i = 0; i < 200 && platform.gateway.gateway.hub.stats().subscribers < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const budgetEnd = Date.now() + MEASURE_BUDGET_MS;
    for (let round = 0; round < ROUNDS && Date.now() < budgetEnd; round += 1) {
      const input = {
        category: 'EARLY_WARNING',
        severity: 'II',
        sectionCode: 'yellow-liuzhuang',
        location: { description: '濮阳市台前县 reach above the Liuzhuang section' },
        pollutant: { name: '苯 benzene', parameter: 'benzene', estimatedQuantity: { value: 12, unit: 't' } },
        suspectedSource: 'tanker accident on the G45 bridge',
        headline: `Bench alert ${round + 1}`,
        description: 'Benchmark alert: benzene plume moving downstream.',
      };
      const issuedAt = performance.now();
      const issued = await platform.gateway.graphql(ISSUE, { token: henan, variables: { input } });
      const alert = (issued.body.data?.issueAlert as { alert: { id: string; messageId: string } } | undefined)?.alert;
      if (!alert) throw new Error(`issueAlert failed: ${errorsOf(issued)}`);
      await awaitMessage(feed, 'alertIssued', alert.messageId, "the alert on Shandong's alertIssued stream");
      issue.push(performance.now() - issuedAt);

      const ackedAt = performance.now();
      const sent = platform.gateway.graphql(ACK, { token: shandong, variables: { id: alert.id } });
      const seen = awaitMessage(acks, 'alertAcknowledged', alert.messageId, `${SHANDONG}'s acknowledgement on Henan's alertAcknowledged stream`);
      const acked = await sent;
      if (!acked.body.data?.acknowledgeAlert) throw new Error(`acknowledgeAlert failed: ${errorsOf(acked)}`);
      await seen;
      const seenAt = performance.now();
      ack.push(seenAt - ackedAt);
      exchange.push(seenAt - issuedAt);
    }
  } finally {
    feed.close();
    acks.close();
  }
  return { issue, ack, exchange };
}

async function main(): Promise<void> {
  const identity = await startTestIdentity();
  let platform: PollutionPlatform | undefined;
  try {
    platform = await startPollutionPlatform(identity);
    const { issue, ack, exchange } = await runRounds(platform, identity);
    const ms = (value: number) => value.toFixed(1);
    console.log(`pollution_alert_issue_to_visible_p50: ${ms(percentileOf(issue, 50))} ms`);
    console.log(`pollution_alert_issue_to_visible_p99: ${ms(percentileOf(issue, 99))} ms`);
    console.log(`pollution_alert_issue_to_visible_count: ${issue.length} rounds`);
    console.log(`pollution_alert_ack_to_visible_p50: ${ms(percentileOf(ack, 50))} ms`);
    console.log(`pollution_alert_ack_to_visible_p99: ${ms(percentileOf(ack, 99))} ms`);
    console.log(`pollution_alert_ack_to_visible_count: ${ack.length} rounds`);
    console.log(`pollution_alert_issue_to_ack_visible_p50: ${ms(percentileOf(exchange, 50))} ms`);
    console.log(`pollution_alert_issue_to_ack_visible_p99: ${ms(percentileOf(exchange, 99))} ms`);
  } finally {
    await platform?.stop();
    await identity.stop();
  }
}

await main();
