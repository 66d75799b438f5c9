import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NATIONAL_OBSERVER, operationOf } from './pollution-alerts.fixtures.ts';
import { errorAnswer } from './pollution-cases.fixtures.ts';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { HEALTH_OK, renderApp, stubGateway, type Responder, type SeenRequest } from './support/render-app.tsx';

const CSV = 'section_id,parameter,value,unit,sampled_at\nyellow-liuzhuang,COD,24.5,mg/L,2026-12-01T08:00:00+08:00\n';
const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};

function gateway(upload: Responder): SeenRequest[] {
  return stubGateway((request, signal) => (operationOf(request) === 'SubmitPollutionReadingsCsv' ? upload(request, signal) : HEALTH_OK));
}

const accepted = {
  body: {
    data: {
      submitReadingsCsv: {
        accepted: 1,
        batchId: 'batch-7',
        exceedances: 1,
        openedCases: [{ id: 'UG9sbHV0aW9uQ2FzZTpjLTc=', caseId: 'c-7', title: '刘庄断面 COD 超标' }],
        updatedCases: [],
      },
    },
  },
};

describe('uploading readings', () => {
  it('sends a chosen CSV file and says what was stored and which case its exceedance opened', async () => {
    const seen = gateway(() => accepted);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections' });
    await userEvent.click(await screen.findByRole('link', { name: '上报监测数据' }));
    expect(await screen.findByRole('heading', { level: 1, name: '上报水质监测数据' })).toBeTruthy();
    await userEvent.upload(screen.getByLabelText('CSV 文件'), new File([CSV], 'liuzhuang.csv', { type: 'text/csv' }));
    expect(((await screen.findByDisplayValue(/yellow-liuzhuang,COD,24.5/)) as HTMLTextAreaElement).value).toBe(CSV);
    await userEvent.click(screen.getByRole('button', { name: '上传并校验' }));
    const result = await screen.findByTestId('upload-accepted');
    expect(result.textContent).toContain('已保存 1 条监测数据。');
    expect(result.textContent).toContain('其中超标 1 条。');
    expect(within(result).getByRole('link', { name: '刘庄断面 COD 超标' }).getAttribute('href')).toBe(`/pollution/cases/${encodeURIComponent('UG9sbHV0aW9uQ2FzZTpjLTc=')}`);
    expect(variablesOf(seen.find((r) => operationOf(r) === 'SubmitPollutionReadingsCsv') as SeenRequest)).toEqual({ input: { csv: CSV } });
  });

  it('lists every problem of a rejected file by line and column, in line order', async () => {
    gateway(() =>
      errorAnswer('VALIDATION_FAILED', 'Invalid input.', {
        problems: [
          { field: 'input.csv.lines[3].unit', reason: 'must be mg/L or µg/L' },
          { field: 'input.csv.lines[2].value', reason: 'must not be negative' },
          { field: 'input.csv.lines[4]', reason: 'duplicates line 2' },
        ],
      }),
    );
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/upload' });
    await userEvent.type(await screen.findByLabelText('文件内容'), 'x');
    await userEvent.click(screen.getByRole('button', { name: '上传并校验' }));
    const rejected = await screen.findByTestId('upload-rejected');
    expect(within(rejected).getByRole('alert').textContent).toBe('文件未保存：发现 3 处问题，请修改后重新上传。');
    const rows = within(rejected).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['2', '数值（value）', 'must not be negative'],
      ['3', '单位（unit）', 'must be mg/L or µg/L'],
      ['4', '整行', 'duplicates line 2'],
    ]);
  });

  it('refuses an empty upload and a file over the gateway’s limit before sending anything', async () => {
    const seen = gateway(() => accepted);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/upload' });
    await userEvent.click(await screen.findByRole('button', { name: '上传并校验' }));
    expect((await screen.findByRole('alert')).textContent).toBe('请选择文件或粘贴内容。');
    await userEvent.upload(screen.getByLabelText('CSV 文件'), new File(['x'.repeat(1_200_000)], 'big.csv', { type: 'text/csv' }));
    expect((await screen.findByRole('alert')).textContent).toContain('文件过大（1.2 MB）');
    expect(seen.filter((r) => operationOf(r) === 'SubmitPollutionReadingsCsv')).toHaveLength(0);
  });

  it('says readably when the gateway refuses the upload for another reason', async () => {
    gateway(() => errorAnswer('FORBIDDEN'));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/upload' });
    await userEvent.type(await screen.findByLabelText('文件内容'), CSV);
    await userEvent.click(screen.getByRole('button', { name: '上传并校验' }));
    expect((await screen.findByRole('alert')).textContent).toBe('上传失败：您没有执行此操作的权限。');
  });

  it('is offered to environmental bureaus only', async () => {
    gateway(() => accepted);
    renderApp({ status: 'signed-in', user: NATIONAL_OBSERVER }, { path: '/pollution/sections' });
    expect(await screen.findByRole('heading', { level: 1, name: '监测断面' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: '上报监测数据' })).toBeNull();
  });
});
