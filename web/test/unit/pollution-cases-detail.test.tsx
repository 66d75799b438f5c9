import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { renderApp, sseResponse, stubGateway, type SeenRequest } from './support/render-app.tsx';
import { errorAnswer, fullCase, HENAN_LIAISON, summaryCase } from './pollution-cases.fixtures.ts';

const CASE_PATH = `/pollution/cases/${fullCase().id}`;
const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};
const idle = (signal: AbortSignal | undefined) => sseResponse([], { keepOpen: true, ...(signal ? { signal } : {}) });
const caseAnswer = (record: unknown) => ({ body: { data: { pollutionCase: record } } });

describe('a case', () => {
  it('shows the full case: header, actions, exceedances, enforcement, evidence, timeline and linked alerts', async () => {
    const seen = stubGateway((request, signal) => (request.body.operationName === 'PollutionCaseUpdates' ? idle(signal) : caseAnswer(fullCase())));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toContain('黄河刘庄断面上游苯泄漏事件');
    expect(heading.textContent).toContain('联合执法中');
    await waitFor(() => expect(document.title).toContain('黄河刘庄断面上游苯泄漏事件'));
    expect(screen.getByRole('link', { name: '刘庄断面（黄河）' }).getAttribute('href')).toBe('/pollution/sections/yellow-liuzhuang');
    expect(screen.getByText('河南省、山东省')).toBeTruthy();

    const actions = screen.getByRole('region', { name: '办理' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['进入整治修复', '同意结案', '提出异议（申请调解）']);

    const exceedances = screen.getByRole('region', { name: '超标记录' });
    const exceedanceRow = within(exceedances).getAllByRole('row')[1] as HTMLElement;
    expect(within(exceedanceRow).getByRole('rowheader').textContent).toBe('苯');
    expect(exceedanceRow.textContent).toContain('0.046');
    expect(exceedanceRow.textContent).toContain('3.60');

    const enforcement = screen.getByRole('region', { name: '联合执法行动' });
    const [own, other] = within(enforcement).getAllByRole('row').slice(1) as HTMLElement[];
    expect(own?.textContent).toContain('本省');
    expect(within(own as HTMLElement).getByRole('button', { name: '修改 2026-11-21' })).toBeTruthy();
    expect(within(other as HTMLElement).queryByRole('button')).toBeNull();
    expect(other?.textContent).toContain('他省记录，只读');
    expect(other?.textContent).toContain('已修改 1 次');
    expect(within(enforcement).getByRole('heading', { name: '记录本省执法行动' })).toBeTruthy();

    const evidence = screen.getByRole('region', { name: '证据' });
    expect(evidence.textContent).toContain('inspection.pdf（240 KB，application/pdf）');
    expect(evidence.textContent).toContain(`SHA-256：${'a'.repeat(64)}`);

    const timeline = screen.getByRole('region', { name: '办理时间线' });
    const entries = within(timeline).getAllByRole('row').slice(1) as HTMLElement[];
    expect(entries.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['立案', '状态变更', '新增超标记录']);
    expect(entries[1]?.textContent).toContain('shandong.environment（山东省）');
    expect(entries[1]?.textContent).toContain('已报告 → 联合调查中');
    expect(entries[2]?.textContent).toContain('3 条（苯）');

    const alerts = screen.getByRole('region', { name: '关联预警' });
    expect(within(alerts).getByRole('link', { name: '黄河濮阳段槽罐车侧翻苯泄漏' }).getAttribute('href')).toBe('/pollution/alerts/UG9sbHV0aW9uQWxlcnQ6YWxlcnQtMQ');

    // The page follows the case once it has read it.
    await waitFor(() => expect(seen.some((request) => request.body.operationName === 'PollutionCaseUpdates')).toBe(true));
    const subscription = seen.find((request) => request.body.operationName === 'PollutionCaseUpdates');
    expect(subscription && variablesOf(subscription)).toEqual({ mode: 'ACTUAL', caseId: fullCase().id });
  });

  it('names the linked alert, each amended field before → after, and the mediation outcome in words, in both languages', async () => {
    const amended = {
      seq: 4,
      at: '2026-11-22T02:00:00Z',
      kind: 'enforcement-amended',
      province: '370000',
      actorUsername: 'shandong.environment',
      detailsJson: JSON.stringify({ actionId: 'action-shandong', revision: 1, before: { date: '2026-11-21', findings: '加密监测 3 处' }, after: { date: '2026-11-21', findings: '加密监测 4 处' } }),
    };
    const linked = { seq: 5, at: '2026-11-22T03:00:00Z', kind: 'alert-linked', province: '410000', actorUsername: 'henan.environment', detailsJson: JSON.stringify({ threadId: 'thread-1' }) };
    const closed = {
      seq: 6,
      at: '2026-11-23T03:00:00Z',
      kind: 'closed',
      province: '410000',
      actorUsername: 'henan.environment',
      detailsJson: JSON.stringify({ outcome: 'close', mediator: '黄河水利委员会', summary: '双方同意结案', from: 'in_mediation', to: 'closed' }),
    };
    const record = fullCase({
      state: 'CLOSED',
      timeline: [...(fullCase().timeline ?? []), amended, linked, closed],
      closure: { at: '2026-11-23T03:00:00Z', how: 'MEDIATION', mediationOutcome: 'CLOSE' },
    });
    stubGateway((request, signal) => (request.body.operationName === 'PollutionCaseUpdates' ? idle(signal) : caseAnswer(record)));
    const { i18n } = renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    const timeline = await screen.findByRole('region', { name: '办理时间线' });
    const [amendedRow, linkedRow, closedRow] = within(timeline).getAllByRole('row').slice(4) as HTMLElement[];
    expect(within(amendedRow as HTMLElement).getByRole('rowheader').textContent).toBe('修改执法行动');
    expect(amendedRow?.textContent).toContain('第 1 次修改');
    expect(within(amendedRow as HTMLElement).getByRole('listitem').textContent).toBe('执法情况：加密监测 3 处 → 加密监测 4 处');
    // The date did not change, so it is not listed; the record's own keys never show.
    expect(amendedRow?.textContent).not.toMatch(/actionId|revision|before|after|执法日期/);
    expect(within(linkedRow as HTMLElement).getByRole('link', { name: '黄河濮阳段槽罐车侧翻苯泄漏' }).getAttribute('href')).toBe('/pollution/alerts/UG9sbHV0aW9uQWxlcnQ6YWxlcnQtMQ');
    expect(linkedRow?.textContent).not.toContain('thread-1');
    expect(closedRow?.textContent).toContain('结案 · 黄河水利委员会：双方同意结案');
    const closure = screen.getByRole('region', { name: '结案' });
    expect(closure.textContent).toContain('经调解结案');
    expect(closure.textContent).toContain('调解结果：结案');
    expect(closure.textContent).not.toContain('CLOSE');

    await act(() => i18n.changeLanguage('en'));
    const englishTimeline = await screen.findByRole('region', { name: 'Timeline' });
    const englishAmended = within(englishTimeline).getAllByRole('row')[4] as HTMLElement;
    expect(englishAmended.textContent).toContain('Amendment 1');
    expect(within(englishAmended).getByRole('listitem').textContent).toBe('Findings: 加密监测 3 处 → 加密监测 4 处');
    expect(within(englishTimeline).getAllByRole('row')[5]?.textContent).toContain('Linked alert: 黄河濮阳段槽罐车侧翻苯泄漏');
    expect(screen.getByRole('region', { name: 'Closure' }).textContent).toContain('Mediation outcome: close');
  });

  it('labels what a mediation decided as its summary, and names an alert the case does not list without its id', async () => {
    const record = fullCase({
      state: 'CLOSED',
      linkedAlerts: [],
      timeline: [{ seq: 1, at: '2026-11-22T03:00:00Z', kind: 'alert-linked', province: '410000', actorUsername: 'henan.environment', detailsJson: JSON.stringify({ threadId: 'thread-9' }) }],
      closure: { at: '2026-11-23T03:00:00Z', how: 'MEDIATION', mediationOutcome: '双方同意结案' },
    });
    stubGateway((request, signal) => (request.body.operationName === 'PollutionCaseUpdates' ? idle(signal) : caseAnswer(record)));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    const timeline = await screen.findByRole('region', { name: '办理时间线' });
    expect(timeline.textContent).toContain('关联了一条预警（本页暂无其详情）。');
    expect(timeline.textContent).not.toContain('thread-9');
    expect(screen.getByRole('region', { name: '结案' }).textContent).toContain('调解结论：双方同意结案');
  });

  it('answers a case that does not exist, or that is not the user\'s to read, with the same "not found" page', async () => {
    stubGateway(() => errorAnswer('NOT_FOUND', 'No such record.'));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    expect(await screen.findByRole('heading', { level: 1, name: '未找到该记录' })).toBeTruthy();
    expect(screen.getByText(/不在您的查阅范围内/)).toBeTruthy();
  });

  it('treats an address that holds no case id as not found', async () => {
    stubGateway(() => errorAnswer('VALIDATION_FAILED', 'Invalid input.', { problems: [{ field: 'id', reason: 'is not the id of a PollutionCase' }] }));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases/not-an-id' });
    expect(await screen.findByRole('heading', { level: 1, name: '未找到该记录' })).toBeTruthy();
  });

  it('explains a server error instead of a blank page', async () => {
    stubGateway(() => errorAnswer('INTERNAL', 'Unexpected error.'));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('服务器内部错误，请稍后重试。');
    expect(within(alert).getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('shows a liaison office the summary with counts, and no actions, evidence or timeline', async () => {
    stubGateway((request, signal) => (request.body.operationName === 'PollutionCaseUpdates' ? idle(signal) : caseAnswer(summaryCase())));
    renderApp({ status: 'signed-in', user: HENAN_LIAISON }, { path: CASE_PATH });
    expect(await screen.findByText(/您看到的是案件摘要。执法行动、证据/)).toBeTruthy();
    expect(screen.getByText('超标记录 7 条，执法行动 2 项，证据 2 份')).toBeTruthy();
    expect(screen.queryByRole('region', { name: '办理' })).toBeNull();
    expect(screen.queryByRole('region', { name: '证据' })).toBeNull();
    expect(screen.queryByRole('region', { name: '办理时间线' })).toBeNull();
    expect(screen.getByRole('region', { name: '关联预警' })).toBeTruthy();
  });

  it('changes the state with the version it shows, and reloads and explains when the case changed meanwhile', async () => {
    let version = 9;
    const seen = stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      if (request.body.operationName === 'ChangePollutionCaseState') {
        version = 10;
        return errorAnswer('POLLUTION_CASE_VERSION_CONFLICT', 'The case changed since version 9.');
      }
      return caseAnswer(fullCase({ version }));
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    const actions = await screen.findByRole('region', { name: '办理' });
    await userEvent.click(within(actions).getByRole('button', { name: '进入整治修复' }));
    expect(within(actions).getByText('确认将案件状态改为「整治修复中」？')).toBeTruthy();
    await userEvent.click(within(actions).getByRole('button', { name: '确认' }));
    const alert = await within(actions).findByRole('alert');
    expect(alert.textContent).toContain('案件已被其他人更新。页面已刷新为最新内容');
    const mutation = seen.find((request) => request.body.operationName === 'ChangePollutionCaseState');
    expect(mutation && variablesOf(mutation)).toEqual({ input: { caseId: fullCase().id, command: 'START_REMEDIATION', expectedVersion: 9 } });
    expect(await screen.findByText('版本 10', { exact: false })).toBeTruthy();
  });

  it('records an enforcement action for the user\'s own province and lists field problems readably', async () => {
    let attempts = 0;
    const seen = stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      if (request.body.operationName === 'RecordPollutionEnforcementAction') {
        attempts += 1;
        if (attempts === 1) return errorAnswer('VALIDATION_FAILED', 'Invalid input.', { problems: [{ field: 'input.date', reason: 'cannot be in the future' }] });
        return { body: { data: { recordEnforcementAction: { actionId: 'action-new', case: fullCase({ version: 10 }) } } } };
      }
      return caseAnswer(fullCase());
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    const enforcement = await screen.findByRole('region', { name: '联合执法行动' });
    const form = within(enforcement).getByRole('form', { name: '记录本省执法行动' });
    expect(form.textContent).toContain('负责省份：河南省（本省）');
    const date = within(form).getByLabelText('执法日期');
    await userEvent.clear(date);
    await userEvent.type(date, '2025-11-21');
    await userEvent.type(within(form).getByLabelText('执法情况'), '对沿线排污口开展排查');
    await userEvent.click(within(form).getByRole('button', { name: '提交' }));
    const alert = await within(enforcement).findByRole('alert');
    expect(alert.textContent).toContain('执法日期：cannot be in the future');
    await userEvent.click(within(form).getByRole('button', { name: '提交' }));
    await waitFor(() => expect(within(enforcement).getByRole('status').textContent).toBe('已提交。'));
    expect(within(enforcement).queryByRole('alert')).toBeNull();
    const mutation = seen.filter((request) => request.body.operationName === 'RecordPollutionEnforcementAction').at(-1);
    expect(mutation && variablesOf(mutation)).toEqual({ input: { caseId: fullCase().id, date: '2025-11-21', findings: '对沿线排污口开展排查', expectedVersion: 9 } });
  });

  it('adds a document as its SHA-256 and metadata, hashed in the browser', async () => {
    const seen = stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      if (request.body.operationName === 'AddPollutionCaseEvidence') return { body: { data: { addCaseEvidence: { evidenceId: 'evidence-2', case: fullCase() } } } };
      return caseAnswer(fullCase());
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    const evidence = await screen.findByRole('region', { name: '证据' });
    const form = within(evidence).getByRole('form', { name: '提交证据文件' });
    const content = '现场采样记录 2026-11-20';
    const file = new File([content], 'sampling.txt', { type: 'text/plain' });
    await userEvent.upload(within(form).getByLabelText('证据文件'), file);
    const expected = createHash('sha256').update(content).digest('hex');
    expect(await within(form).findByText(`摘要：${expected}`)).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('证据说明'), '应急监测采样记录');
    await userEvent.click(within(form).getByRole('button', { name: '提交' }));
    await waitFor(() => expect(seen.some((request) => request.body.operationName === 'AddPollutionCaseEvidence')).toBe(true));
    const mutation = seen.find((request) => request.body.operationName === 'AddPollutionCaseEvidence');
    expect(mutation && variablesOf(mutation)).toEqual({
      input: {
        caseId: fullCase().id,
        description: '应急监测采样记录',
        document: { filename: 'sampling.txt', mediaType: 'text/plain', sizeBytes: new TextEncoder().encode(content).length, sha256: expected },
        expectedVersion: 9,
      },
    });
  });

  it('reloads the case when the gateway says it changed', async () => {
    let reads = 0;
    stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseUpdates') {
        return sseResponse(
          [{ data: { caseUpdated: { eventId: 'e-1', caseId: 'case-1', change: 'STATE_CHANGED', state: 'REMEDIATION', previousState: 'JOINT_ENFORCEMENT', title: '黄河刘庄断面上游苯泄漏事件', province: '370000', occurredAt: '2026-11-22T02:00:00Z' } } }],
          { keepOpen: true, ...(signal ? { signal } : {}) },
        );
      }
      reads += 1;
      return caseAnswer(reads === 1 ? fullCase() : fullCase({ state: 'REMEDIATION', version: 10 }));
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: CASE_PATH });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('整治修复中'));
    expect(reads).toBeGreaterThanOrEqual(2);
  });
});
