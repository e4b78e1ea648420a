import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { schemeStyleSheet, setColorScheme } from '../../styles/color-scheme';
import { usePageChrome } from './chrome';

// A page as Taro's RN build compiles one: class names read from its sheet while it renders.
const sheet = schemeStyleSheet({ page: { color: '#2b2118' } }, { page: { color: '#f2e9df' } });

function Page({ title }: { title: string }) {
  usePageChrome(title);
  return <div id="page" style={sheet.page} />;
}

afterEach(() => {
  cleanup();
  setColorScheme('light');
});

describe('usePageChrome', () => {
  it('titles the page, and retitles it when the title changes', () => {
    const { rerender } = render(<Page title="相册" />);
    expect(document.title).toBe('相册');
    rerender(<Page title="满月" />);
    expect(document.title).toBe('满月');
  });

  it('redraws the page in the new palette when the system switches between light and dark', () => {
    render(<Page title="时间线" />);
    const page = document.getElementById('page') as HTMLElement;
    expect(page.style.color).toBe('rgb(43, 33, 24)');
    act(() => setColorScheme('dark'));
    expect(page.style.color).toBe('rgb(242, 233, 223)');
    act(() => setColorScheme('light'));
    expect(page.style.color).toBe('rgb(43, 33, 24)');
  });
});
