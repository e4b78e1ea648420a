import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type Answer, scriptedApi } from '../../../test/support/screen';
import { ApiProvider } from '../../api/context';
import HomePage from './index';

const health = { ok: true, name: 'xiaojia', version: '9.9.9', time: '2026-05-01T08:00:00.000Z' };

function renderHome(answers: Record<string, Answer>) {
  const api = scriptedApi(answers);
  render(
    <ApiProvider client={api.client}>
      <HomePage />
    </ApiProvider>,
  );
  return api;
}

describe('home page', () => {
  afterEach(cleanup);

  it('shows the server health from health.check', async () => {
    const api = renderHome({ 'health.check': () => health });
    expect(document.querySelector('#health-status')?.textContent).toBe('正在连接…');
    await waitFor(() => expect(document.querySelector('#health-status')?.textContent).toBe('在线 · xiaojia 9.9.9'));
    expect(screen.getByText('服务器时间 2026-05-01T08:00:00.000Z')).toBeTruthy();
    expect(api.calls).toEqual([{ path: 'health.check', input: undefined }]);
  });

  it('says when the server cannot be reached', async () => {
    renderHome({
      'health.check': () => {
        throw new TypeError('Network request failed: request:fail timeout');
      },
    });
    await waitFor(() =>
      expect(document.querySelector('#health-status')?.textContent).toBe(
        '连接失败：Network request failed: request:fail timeout',
      ),
    );
  });

  it('sends the typed text through health.echo and shows the answer', async () => {
    const api = renderHome({
      'health.check': () => health,
      'health.echo': (input) => ({ text: (input as { text: string }).text, at: health.time }),
    });
    const input = await waitFor(() => {
      const element = document.querySelector('#echo-input input');
      if (!element) throw new Error('echo input not rendered');
      return element;
    });
    fireEvent.input(input, { target: { value: '宝宝第一步' } });
    const send = document.querySelector('#echo-send');
    if (!send) throw new Error('send button not rendered');
    fireEvent.click(send);
    await waitFor(() => expect(document.querySelector('#echo-result')?.textContent).toBe('服务器回答：宝宝第一步'));
    expect(api.calls.at(-1)).toEqual({ path: 'health.echo', input: { text: '宝宝第一步' } });
  });
});
