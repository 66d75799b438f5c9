// Gateway answers for the case, section and compensation screens' component tests, shaped as the generated types.
import type { PollutionCaseDetailFragment, PollutionCaseRowFragment } from '../../src/generated/gql/graphql.ts';
import { demoUser } from './support/fake-auth.ts';

/** 河南省发展和改革委员会 (区域协调), liaison: reads case summaries. */
export const HENAN_LIAISON = demoUser('henan.liaison', '410000', '河南省发展和改革委员会', ['liaison']);
/** 山东省生态环境厅, environment. */
export const SHANDONG_ENVIRONMENT = demoUser('shandong.environment', '370000', '山东省生态环境厅', ['environment']);

/** The Liuzhuang section as the case screens read it. */
export const LIUZHUANG = {
  __typename: 'MonitoringSection' as const,
  id: 'TW9uaXRvcmluZ1NlY3Rpb246eWVsbG93LWxpdXpodWFuZw',
  code: 'yellow-liuzhuang',
  nameZh: '刘庄',
  nameEn: 'Liuzhuang',
  riverNameZh: '黄河',
  riverNameEn: 'Yellow River',
};

/** A case row; `n` makes ids and titles distinct. */
export function caseRow(n: number, overrides: Partial<PollutionCaseRowFragment> = {}): PollutionCaseRowFragment {
  return {
    id: `UG9sbHV0aW9uQ2FzZTpjYXNlLS${n}`,
    caseId: `case-${n}`,
    title: `黄河刘庄断面案件 ${n}`,
    mode: 'ACTUAL',
    state: 'JOINT_ENFORCEMENT',
    view: 'FULL',
    inMediation: false,
    partyProvinces: ['410000', '370000'],
    reportingProvince: '410000',
    openedAt: '2026-11-20T01:10:00Z',
    updatedAt: '2026-11-21T06:00:00Z',
    closedAt: null,
    section: LIUZHUANG,
    counts: { exceedances: 7, enforcementActions: 2, evidence: 2 },
    ...overrides,
  };
}

/** A page of the case list. */
export function caseListAnswer(rows: PollutionCaseRowFragment[], page: { totalCount?: number; hasNextPage?: boolean; endCursor?: string | null } = {}) {
  return {
    body: {
      data: {
        pollutionCases: {
          totalCount: page.totalCount ?? rows.length,
          pageInfo: { hasNextPage: page.hasNextPage ?? false, endCursor: page.endCursor ?? null },
          edges: rows.map((node) => ({ cursor: `c-${node.caseId}`, node })),
        },
      },
    },
  };
}

/** The sections for the list's filter. */
export const SECTIONS_ANSWER = {
  body: {
    data: {
      pollutionSections: [
        LIUZHUANG,
        { id: 'TW9uaXRvcmluZ1NlY3Rpb246eWVsbG93LWZlbmdsaW5nZHU', code: 'yellow-fenglingdu', nameZh: '风陵渡大桥', nameEn: 'Fenglingdu Bridge', riverNameZh: '黄河', riverNameEn: 'Yellow River' },
      ],
    },
  },
};

/** The demo case in full, as Henan's environmental bureau reads it. */
export function fullCase(overrides: Partial<PollutionCaseDetailFragment> = {}): PollutionCaseDetailFragment {
  return {
    ...caseRow(1, { title: '黄河刘庄断面上游苯泄漏事件' }),
    sectionCode: 'yellow-liuzhuang',
    version: 9,
    allowedCommands: ['START_REMEDIATION', 'CLOSE_BY_AGREEMENT', 'RAISE_DISPUTE'],
    origin: { kind: 'ALERT', alert: { id: 'UG9sbHV0aW9uQWxlcnQ6YWxlcnQtMQ', headline: '黄河濮阳段槽罐车侧翻苯泄漏' } },
    mediation: null,
    closure: null,
    closureAgreements: [],
    timeline: [
      { seq: 1, at: '2026-11-20T01:10:00Z', kind: 'opened', province: '410000', actorUsername: 'henan.environment', detailsJson: JSON.stringify({ origin: 'alert', description: '槽罐车侧翻导致苯进入黄河' }) },
      {
        seq: 2,
        at: '2026-11-20T03:00:00Z',
        kind: 'state-changed',
        province: '370000',
        actorUsername: 'shandong.environment',
        detailsJson: JSON.stringify({ command: 'start-joint-investigation', from: 'reported', to: 'under_joint_investigation' }),
      },
      { seq: 3, at: '2026-11-20T08:30:00Z', kind: 'exceedances-added', province: '410000', actorUsername: 'henan.environment', detailsJson: JSON.stringify({ count: 3, parameters: ['benzene'] }) },
    ],
    enforcementActions: [
      {
        actionId: 'action-henan',
        date: '2026-11-21',
        findings: '豫鲁联合执法组现场检查：涉事运输企业未按规定路线行驶',
        responsibleProvince: '410000',
        recordedAt: '2026-11-21T02:30:00Z',
        revision: 0,
        amendable: true,
        recordedBy: { username: 'henan.environment' },
      },
      {
        actionId: 'action-shandong',
        date: '2026-11-21',
        findings: '山东省对菏泽、聊城沿黄 4 处取水口加密监测',
        responsibleProvince: '370000',
        recordedAt: '2026-11-21T06:00:00Z',
        revision: 1,
        amendable: false,
        recordedBy: { username: 'shandong.environment' },
      },
    ],
    evidence: [
      {
        evidenceId: 'evidence-1',
        kind: 'DOCUMENT',
        description: '现场检查笔录',
        filename: 'inspection.pdf',
        mediaType: 'application/pdf',
        sha256: 'a'.repeat(64),
        sizeBytes: 245_760,
        submittedAt: '2026-11-21T07:00:00Z',
        submittedProvince: '410000',
        submittedBy: { username: 'henan.environment' },
        readings: [],
      },
    ],
    exceedances: [
      {
        parameter: 'benzene',
        sampledAt: '2026-11-20T08:00:00Z',
        dailyMeanDate: null,
        dailyMeanReadingCount: null,
        valueMgL: '0.046',
        targetLimitMgL: '0.01',
        targetClass: 'III',
        observedClass: null,
        exceedanceMultiple: '3.60',
      },
    ],
    linkedAlerts: [
      {
        threadId: 'thread-1',
        cancelled: false,
        current: {
          id: 'UG9sbHV0aW9uQWxlcnQ6YWxlcnQtMQ',
          headline: '黄河濮阳段槽罐车侧翻苯泄漏',
          severity: 'II',
          sentAt: '2026-11-20T00:05:00Z',
          senderProvince: '410000',
          awaitingProvinces: [],
          highestEscalation: null,
        },
        messages: [],
      },
    ],
    ...overrides,
  };
}

/** The same case as a liaison office reads it: the summary, every full-view field null. */
export function summaryCase(): PollutionCaseDetailFragment {
  return {
    ...fullCase(),
    view: 'SUMMARY',
    updatedAt: null,
    version: null,
    allowedCommands: null,
    origin: null,
    mediation: null,
    closure: null,
    closureAgreements: null,
    timeline: null,
    enforcementActions: null,
    evidence: null,
    exceedances: null,
  };
}

/** A GraphQL error answer with a stable code. */
export function errorAnswer(code: string, message = code, extensions: Record<string, unknown> = {}) {
  return { body: { data: null, errors: [{ message, extensions: { code, ...extensions } }] } };
}
