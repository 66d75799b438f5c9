// Gateway answers for the pollution alert screens' component tests: alerts as the gateway returns them, and a
// Server-Sent Events stream a test can push events into while the page is open.
import { demoUser } from './support/fake-auth.ts';
import type { SeenRequest } from './support/render-app.tsx';

/** 山东省生态环境厅, environment (downstream of Liuzhuang). */
export const SHANDONG_ENVIRONMENT = demoUser('shandong.environment', '370000', '山东省生态环境厅', ['environment']);
/** 国家 observer (reads every alert, writes nothing). */
export const NATIONAL_OBSERVER = demoUser('national.observer', '000000', '生态环境部', ['observer']);

/** The Liuzhuang section as the gateway returns it. */
export const LIUZHUANG = {
  id: 'TW9uaXRvcmluZ1NlY3Rpb246eWVsbG93LWxpdXpodWFuZw==',
  code: 'yellow-liuzhuang',
  nameZh: '刘庄',
  nameEn: 'Liuzhuang',
  riverNameZh: '黄河',
  riverNameEn: 'Yellow River',
};

/** The sections list (the form and the filter). */
export const SECTIONS = [
  { ...LIUZHUANG, nationalControl: true, upstreamProvinces: ['410000'], downstreamProvinces: ['370000'] },
  {
    id: 'TW9uaXRvcmluZ1NlY3Rpb246aHVhaS13YW5namlhYmE=',
    code: 'huai-wangjiaba',
    nameZh: '王家坝',
    nameEn: 'Wangjiaba',
    riverNameZh: '淮河',
    riverNameEn: 'Huai River',
    nationalControl: true,
    upstreamProvinces: ['410000'],
    downstreamProvinces: ['340000'],
  },
  {
    id: 'TW9uaXRvcmluZ1NlY3Rpb246eA==',
    code: 'far-away',
    nameZh: '远处',
    nameEn: 'Far away',
    riverNameZh: '某河',
    riverNameEn: 'Some river',
    nationalControl: false,
    upstreamProvinces: ['320000'],
    downstreamProvinces: ['310000'],
  },
];

/** An alert row (PollutionAlertRow) with overrides. */
export function alertRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'UG9sbHV0aW9uQWxlcnQ6YTE=',
    messageId: 'a1',
    threadId: 'a1',
    msgType: 'ALERT',
    status: 'ACTUAL',
    category: 'EARLY_WARNING',
    severity: 'II',
    headline: '黄河濮阳段槽罐车侧翻苯泄漏',
    sentAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    senderProvince: '410000',
    addressees: ['370000'],
    awaitingProvinces: ['370000'],
    awaitingMyAcknowledgement: true,
    acknowledgeBy: new Date(Date.now() + 50 * 60_000).toISOString(),
    acknowledgementOverdue: false,
    highestEscalation: null,
    isCurrent: true,
    section: LIUZHUANG,
    acknowledgements: [],
    ...overrides,
  };
}

/** A full alert message (PollutionAlertMessage) with overrides. */
export function alertMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...alertRow(),
    view: 'FULL',
    description: '2 号罐体破损，估计约 12 吨苯泄漏。',
    suspectedSource: '危化品槽罐车侧翻',
    location: { description: '濮阳县渠村乡黄河大堤外侧排水沟入河口', cityCode: '410900', latitude: 35.6421, longitude: 114.9712 },
    pollutant: { name: '苯 benzene', parameter: 'benzene', estimatedQuantity: { value: 12, unit: 't' } },
    sender: { username: 'henan.environment', province: '410000' },
    acknowledgements: [],
    escalations: [],
    ...overrides,
  };
}

/** The detail query's answer for a message, its thread holding just it unless given. */
export function detailAnswer(message: Record<string, unknown>, thread: Record<string, unknown> = {}): unknown {
  return {
    data: {
      pollutionAlert: {
        ...message,
        thread: { threadId: message.threadId, cancelled: false, status: message.status, current: { id: message.id }, messages: [message], ...thread },
      },
    },
  };
}

/** The inbox query's answer for rows. */
export function inboxAnswer(rows: Array<Record<string, unknown>>, options: { awaitingMine?: number; hasNextPage?: boolean } = {}): unknown {
  const awaiting = options.awaitingMine ?? rows.filter((r) => r.awaitingMyAcknowledgement).length;
  return {
    data: {
      pollutionAlerts: {
        totalCount: rows.length,
        pageInfo: { hasNextPage: options.hasNextPage ?? false, endCursor: rows.length > 0 ? 'cursor-1' : null },
        edges: rows.map((node, i) => ({ cursor: `c${i}`, node })),
      },
      pollutionAlertCounts: {
        total: rows.length,
        active: rows.filter((r) => r.msgType !== 'CANCEL').length,
        awaitingAcknowledgement: rows.filter((r) => (r.awaitingProvinces as string[]).length > 0).length,
        cancelled: rows.filter((r) => r.msgType === 'CANCEL').length,
        severityI: 0,
        severityII: rows.length,
        severityIII: 0,
        severityIV: 0,
      },
      awaitingMine: { totalCount: awaiting },
    },
  };
}

/** An alertActivity event. */
export function activityEvent(change: string, overrides: Record<string, unknown> = {}): unknown {
  return {
    data: {
      alertActivity: {
        eventId: `evt-${change}-${Math.random().toString(36).slice(2, 8)}`,
        occurredAt: new Date().toISOString(),
        change,
        messageId: 'a1',
        threadId: 'a1',
        severity: 'II',
        headline: '黄河濮阳段槽罐车侧翻苯泄漏',
        senderProvince: '410000',
        province: null,
        section: { nameZh: '刘庄', nameEn: 'Liuzhuang' },
        ...overrides,
      },
    },
  };
}

/** An open SSE stream a test pushes `next` events into. */
export interface PushStream {
  response: Response;
  push(payload: unknown): void;
}

/** Opens a stream that stays open until the request is aborted. */
export function pushStream(signal: AbortSignal | undefined): PushStream {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let count = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      signal?.addEventListener('abort', () => {
        try {
          c.close();
        } catch {
          // Already closed.
        }
      });
    },
  });
  return {
    response: new Response(stream, { headers: { 'content-type': 'text/event-stream' } }),
    push(payload) {
      count += 1;
      controller?.enqueue(encoder.encode(`id: p${count}\nevent: next\ndata: ${JSON.stringify(payload)}\n\n`));
    },
  };
}

/** The operation a request ran. */
export const operationOf = (request: SeenRequest): string | undefined => request.body.operationName;
