// Alert-to-acknowledgement-visible latency through the gateway on the real platform (issue 6), printed as
// `name: value unit` lines: embedded PostgreSQL and Kafka, the pollution service as a child process and a gateway fed
// from Kafka (test/support/pollution-platform.ts). Each round:
// (a) henan.environment issues an alert on the Liuzhuang section; the clock runs from sending the mutation until
//     shandong.environment's open alertIssued SSE stream delivers it (service → Kafka → gateway hub → SSE);
// (b) shandong.environment acknowledges; the clock runs from sending the mutation until henan.environment sees the
//     acknowledgement. No subscription carries AlertAcknowledged to the sender (alertIssued is for addressees,
//     alertAcknowledgementOverdue for escalations), so henan polls pollutionAlert(id) every 10 ms — hence `polled`
//     in the names; the figure is bounded below by the poll interval.
// Bounded: ROUNDS rounds, each wait ≤ 10 s, rounds stop once the measuring budget is spent; everything is stopped.
import { openSse, type SseStream } from '../test/support/sse-client.ts';
import { startPollutionPlatform, type PollutionPlatform } from '../test/support/pollution-platform.ts';
import { startTestIdentity, type GraphQLResponse, type TestIdentity } from '../test/support/test-platform.ts';

const ROUNDS = Number(process.env.BENCH_ACK_ROUNDS ?? 30);
const MEASURE_BUDGET_MS = 60_000;
const WAIT_MS = 10_000;
const POLL_MS = 10;

const ISSUE = 'mutation($input: IssueAlertInput!) { issueAlert(input: $input) { alert { id messageId } } }';
const ACK = 'mutation($id: ID!) { acknowledgeAlert(input: { alertId: $id, note: "bench" }) { alert { id } } }';
const READ_ACKS = 'query($id: ID!) { pollutionAlert(id: $id) { acknowledgements { province } } }';
const SHANDONG = '370000';

/** The value at nearest-rank percentile `p` of `values`. */
function percentileOf(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function errorsOf(response: GraphQLResponse): string {
  return JSON.stringify(response.body.errors ?? response.text);
}

async function runRounds(platform: PollutionPlatform, identity: TestIdentity): Promise<{ issue: number[]; ack: number[] }> {
  const [henan, shandong] = await Promise.all([identity.token('henan.environment'), identity.token('shandong.environment')]);
  const feed: SseStream = await openSse(`${platform.gateway.url}/graphql`, 'subscription { alertIssued { messageId } }', { token: shandong });
  const issue: number[] = [];
  const ack: number[] = [];
  try {
    if (feed.status !== 200) throw new Error(`alertIssued subscription answered ${feed.status}`);
    for (let i = 0; i < 200 && platform.gateway.gateway.hub.stats().subscribers < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
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
      // Skip anything else on the stream (there is nothing else in this bench, but a late redelivery would not count).
      for (;;) {
        const frame = await feed.next(WAIT_MS);
        if (!frame) throw new Error(`alert ${alert.messageId} did not reach Shandong's alertIssued stream within ${WAIT_MS} ms`);
        if ((JSON.parse(frame.data) as { data?: { alertIssued?: { messageId: string } } }).data?.alertIssued?.messageId === alert.messageId) break;
      }
      issue.push(performance.now() - issuedAt);

      const ackedAt = performance.now();
      const sent = platform.gateway.graphql(ACK, { token: shandong, variables: { id: alert.id } });
      const pollEnd = Date.now() + WAIT_MS;
      let seenAt: number | null = null;
      while (seenAt === null && Date.now() < pollEnd) {
        const read = await platform.gateway.graphql(READ_ACKS, { token: henan, variables: { id: alert.id } });
        const acks = (read.body.data?.pollutionAlert as { acknowledgements: Array<{ province: string }> } | null | undefined)?.acknowledgements ?? [];
        if (acks.some((a) => a.province === SHANDONG)) seenAt = performance.now();
        else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      const acked = await sent;
      if (!acked.body.data?.acknowledgeAlert) throw new Error(`acknowledgeAlert failed: ${errorsOf(acked)}`);
      if (seenAt === null) throw new Error(`Henan did not see Shandong's acknowledgement within ${WAIT_MS} ms`);
      ack.push(seenAt - ackedAt);
    }
  } finally {
    feed.close();
  }
  return { issue, ack };
}

async function main(): Promise<void> {
  const identity = await startTestIdentity();
  let platform: PollutionPlatform | undefined;
  try {
    platform = await startPollutionPlatform(identity);
    const { issue, ack } = await runRounds(platform, identity);
    const ms = (value: number) => value.toFixed(1);
    console.log(`pollution_alert_issue_to_visible_p50: ${ms(percentileOf(issue, 50))} ms`);
    console.log(`pollution_alert_issue_to_visible_p99: ${ms(percentileOf(issue, 99))} ms`);
    console.log(`pollution_alert_issue_to_visible_count: ${issue.length} rounds`);
    console.log(`pollution_alert_ack_to_visible_polled_p50: ${ms(percentileOf(ack, 50))} ms`);
    console.log(`pollution_alert_ack_to_visible_polled_p99: ${ms(percentileOf(ack, 99))} ms`);
    console.log(`pollution_alert_ack_to_visible_polled_count: ${ack.length} rounds`);
  } finally {
    await platform?.stop();
    await identity.stop();
  }
}

await main();
