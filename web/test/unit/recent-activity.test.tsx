import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { persistedHashOf } from '../../src/graphql/graphql.client.ts';
import { RecordEventsDocument } from '../../src/generated/gql/graphql.ts';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { RecentActivity } from '../../src/screens/recent-activity.view.tsx';
import { HEALTH_OK, renderApp, renderWithClient, sseResponse, stubGateway } from './support/render-app.tsx';

const event = (id: string, type: string, occurredAt: string) => ({
  data: { recordEvents: { id, type, domain: 'POLLUTION', aggregateId: `case-${id}`, originProvince: '420000', occurredAt } },
});

describe('recent activity on the workbench', () => {
  it('lists events as they arrive, newest first, in Beijing time', async () => {
    const seen = stubGateway(
      () => HEALTH_OK,
      (_request, signal) =>
        sseResponse([event('1', 'xietong.pollution.v1.CaseOpened', '2026-11-22T01:00:00Z'), event('2', 'xietong.pollution.v1.EvidenceAdded', '2026-11-22T02:30:00Z')], {
          keepOpen: true,
          ...(signal ? { signal } : {}),
        }),
    );
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    const panel = await screen.findByRole('region', { name: '最近动态' });
    const items = await within(panel).findAllByRole('listitem');
    expect(items.map((item) => item.dataset.eventId)).toEqual(['2', '1']);
    expect(items[0]?.textContent).toContain('跨界污染');
    expect(items[0]?.textContent).toContain('EvidenceAdded');
    // A known event type is named in the user's language; an unknown one shows its short type.
    expect(items[1]?.textContent).toContain('新立案件');
    expect(items[1]?.textContent).not.toContain('CaseOpened');
    expect(items[0]?.textContent).toContain('来自湖北省');
    expect(items[0]?.textContent).toContain('记录 case-2');
    expect(items[0]?.querySelector('time')?.textContent).toContain('10:30:00');
    expect(within(panel).getByTestId('activity-status').textContent).toBe('实时更新中');
    const subscription = seen.find((request) => request.body.operationName === 'RecordEvents');
    expect(subscription?.body.query).toBeUndefined();
    expect(subscription?.body.extensions?.persistedQuery?.sha256Hash).toBe(persistedHashOf(RecordEventsDocument));
    expect(subscription?.authorization).toBe('Bearer test-token');
  });

  it('shows an empty state until something happens', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    const panel = await screen.findByRole('region', { name: '最近动态' });
    expect(within(panel).getByText(/暂无新动态/)).toBeTruthy();
  });

  it('reconnects by itself when the stream ends, resuming after the last event it saw', async () => {
    let opened = 0;
    const seen = stubGateway(
      () => HEALTH_OK,
      (_request, signal) => {
        opened += 1;
        return opened === 1
          ? sseResponse([event('1', 'xietong.pollution.v1.CaseOpened', '2026-11-22T01:00:00Z')])
          : sseResponse([event('2', 'xietong.pollution.v1.CaseOpened', '2026-11-22T02:00:00Z')], { keepOpen: true, ...(signal ? { signal } : {}) });
      },
    );
    renderWithClient(<RecentActivity reconnectDelaysMs={[5]} />);
    const panel = await screen.findByRole('region', { name: '最近动态' });
    await waitFor(() => expect(within(panel).getAllByRole('listitem').map((item) => item.dataset.eventId)).toEqual(['2', '1']));
    expect(within(panel).getByTestId('activity-status').textContent).toBe('实时更新中');
    const subscriptions = seen.filter((request) => request.body.operationName === 'RecordEvents');
    expect(subscriptions.map((request) => request.lastEventId)).toEqual([null, '1']);
  });

  it('stops after its retries, says so, and reconnects on request', async () => {
    let opened = 0;
    stubGateway(
      () => HEALTH_OK,
      () => {
        opened += 1;
        return sseResponse([]);
      },
    );
    renderWithClient(<RecentActivity reconnectDelaysMs={[5]} />);
    const panel = await screen.findByRole('region', { name: '最近动态' });
    expect(await within(panel).findByText('实时更新已中断')).toBeTruthy();
    expect(opened).toBe(2);
    await userEvent.click(within(panel).getByRole('button', { name: '重新连接' }));
    await waitFor(() => expect(opened).toBe(4));
  });

  it('does not retry by itself when the gateway refuses the subscription', async () => {
    let opened = 0;
    stubGateway(
      () => HEALTH_OK,
      () => {
        opened += 1;
        return { status: 400, body: { errors: [{ message: 'This operation is not registered.', extensions: { code: 'PERSISTED_OPERATION_REQUIRED' } }] } };
      },
    );
    renderWithClient(<RecentActivity reconnectDelaysMs={[5]} />);
    const panel = await screen.findByRole('region', { name: '最近动态' });
    expect(await within(panel).findByText('实时更新已中断 (PERSISTED_OPERATION_REQUIRED)')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(opened).toBe(1);
  });
});
