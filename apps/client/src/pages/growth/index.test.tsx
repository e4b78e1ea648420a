import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Child, GrowthRecord, Home } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { child, childList, growthRecord } from '../../../test/support/children';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { GrowthScreen } from './GrowthScreen';

const NOW = new Date('2025-08-01T04:00:00.000Z');
const boy = child('c1', '豆豆', '2025-01-01', 'boy');
const atBirth = growthRecord('g1', boy.id, '2025-01-01', { weightKg: 3.3, heightCm: 49.9, headCm: 34.5 });
const sixMonths = growthRecord('g2', boy.id, '2025-07-02', { weightKg: 7.934 });

function input(call: unknown) {
  return call as Record<string, unknown>;
}

function renderGrowth(role: Home['role'], extra: Record<string, Answer> = {}, kid: Child = boy) {
  let records: GrowthRecord[] = [atBirth, sixMonths];
  return renderWithApi(<GrowthScreen childId={kid.id} now={NOW} />, {
    'homes.list': () => homeList(home(id('h1'), role)),
    'children.list': () => childList(kid),
    'growth.list': () => ({ items: records }),
    'growth.add': (call) => {
      const { childId, date, heightCm = null, weightKg = null, headCm = null } = input(call) as Partial<GrowthRecord>;
      const made = growthRecord('g3', childId ?? '', date ?? '', { heightCm, weightKg, headCm });
      records = [...records, made];
      return made;
    },
    'growth.update': (call) => {
      const { recordId, ...changes } = input(call);
      records = records.map((r) => (r.id === recordId ? { ...r, ...changes } : r));
      return records.find((r) => r.id === recordId);
    },
    'growth.delete': (call) => {
      records = records.filter((r) => r.id !== input(call).recordId);
      return { count: 1 };
    },
    ...extra,
  });
}

async function typeInto(selector: string, value: string) {
  const field = await waitFor(() => element(`${selector} input`));
  fireEvent.input(field, { target: { value } });
}

describe('growth screen', () => {
  beforeEach(async () => {
    setLocale('zh-CN');
    await forgetCurrentHome();
  });
  afterEach(cleanup);

  it("draws the WHO curves with the child's points, the latest percentile and the source", async () => {
    const screen = renderGrowth('member');
    await waitFor(() => element('#growth-chart svg'));
    expect(screen.callsTo('growth.list')).toEqual([{ homeId: id('h1'), childId: boy.id }]);
    expect(document.querySelectorAll('#growth-chart svg path')).toHaveLength(6);
    expect(document.querySelectorAll('#growth-chart svg circle')).toHaveLength(2);
    expect(textOf('#growth-percentile')).toBe('最近一次（2025-07-02）：7.934 公斤，第 50 百分位');
    expect(textOf('#growth-footnote')).toContain('WHO 儿童生长标准（2006）');
    expect(textOf('#growth-footnote')).toContain('LMS');
    // Axis labels are views: months 0 to 12 below.
    const months = [...document.querySelectorAll('.growth-chart__label--x')].map((label) => label.textContent);
    expect(months).toEqual(['0', '3', '6', '9', '12']);
    fireEvent.click(element('#growth-tab-headCm'));
    // 34.5 cm at birth against the boys' median 34.4618 (S 0.03686): z ≈ 0.03, the 51st percentile.
    await waitFor(() => expect(textOf('#growth-percentile')).toBe('最近一次（2025-01-01）：34.5 厘米，第 51 百分位'));
    expect(document.querySelectorAll('#growth-chart svg circle')).toHaveLength(1);
  });

  it('lists the records newest first with the age that day, and adds one checked against the limits', async () => {
    const screen = renderGrowth('owner');
    await waitFor(() => element(`#growth-record-${sixMonths.id}`));
    const rows = [...document.querySelectorAll('.growth__row')].map((row) => row.id);
    expect(rows).toEqual([`growth-record-${sixMonths.id}`, `growth-record-${atBirth.id}`]);
    expect(textOf(`#growth-record-${sixMonths.id}`)).toContain('2025-07-02 · 6个月1天');
    expect(textOf(`#growth-record-${atBirth.id}`)).toContain('身高 49.9 厘米 · 体重 3.3 公斤 · 头围 34.5 厘米');
    fireEvent.click(element('#growth-add'));
    await typeInto('#growth-heightCm', '300');
    fireEvent.click(element('#growth-form-confirm'));
    expect(textOf('#growth-form-error')).toBe('身高（厘米）应在 30 到 200 之间');
    await typeInto('#growth-heightCm', '70.5');
    await typeInto('#growth-weightKg', '8.4');
    fireEvent.click(element('#growth-form-confirm'));
    await waitFor(() => expect(textOf('#growth-notice')).toBe('已保存'));
    expect(screen.callsTo('growth.add')).toEqual([
      { homeId: id('h1'), childId: boy.id, date: '2025-08-01', heightCm: 70.5, weightKg: 8.4, headCm: null },
    ]);
    await waitFor(() => expect(textOf('#growth-percentile')).toContain('最近一次（2025-08-01）：8.4 公斤'));
  });

  it('edits and deletes a record, and shows the refusal of a date before birth', async () => {
    const screen = renderGrowth('member', {
      'growth.update': () => {
        throw appError('GROWTH_BEFORE_BIRTH');
      },
    });
    fireEvent.click(await waitFor(() => element(`#growth-edit-${sixMonths.id}`)));
    element('#growth-date').dispatchEvent(
      new CustomEvent('change', { detail: { value: '2025-07-03' }, bubbles: true }),
    );
    fireEvent.click(element('#growth-form-confirm'));
    await waitFor(() => expect(textOf('#growth-form-error')).toBe('记录的日期在宝宝出生之前，请检查日期'));
    expect(screen.callsTo('growth.update')).toEqual([
      { homeId: id('h1'), recordId: sixMonths.id, date: '2025-07-03', heightCm: null, weightKg: 7.934, headCm: null },
    ]);
    fireEvent.click(element('#growth-form-cancel'));
    fireEvent.click(element(`#growth-delete-${atBirth.id}`));
    fireEvent.click(element('#growth-delete-dialog-confirm'));
    await waitFor(() => expect(document.querySelector(`#growth-record-${atBirth.id}`)).toBeNull());
    expect(textOf('#growth-notice')).toBe('已删除记录');
  });

  it('shows a viewer (亲友) the chart and records read-only, in English', async () => {
    setLocale('en');
    renderGrowth('viewer');
    await waitFor(() => element('#growth-chart svg'));
    expect(textOf('#growth-percentile')).toBe('Latest (2025-07-02): 7.934 kg, percentile 50');
    expect(textOf('#growth-footnote')).toContain('WHO Child Growth Standards (2006)');
    expect(document.querySelector('#growth-add')).toBeNull();
    expect(document.querySelector(`#growth-edit-${sixMonths.id}`)).toBeNull();
  });

  it('asks for the sex before a chart, and says when the records cannot be read', async () => {
    renderGrowth('member', {}, { ...boy, sex: null });
    await waitFor(() => element('#growth-sex-unknown'));
    expect(document.querySelector('#growth-chart')).toBeNull();
    await waitFor(() => element(`#growth-record-${atBirth.id}`));
    cleanup();
    renderGrowth('member', {
      'growth.list': () => {
        throw appError('INTERNAL');
      },
    });
    await waitFor(() => expect(textOf('#growth-state')).toContain('读取失败'));
  });
});
