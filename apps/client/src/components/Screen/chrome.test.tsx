import Taro from '@tarojs/taro';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { schemeStyleSheet, setColorScheme } from '../../styles/color-scheme';
import { usePageChrome } from './chrome';

// A page as Taro's RN build compiles one: class names read from its sheet while it renders.
const sheet = schemeStyleSheet({ page: { color: '#2b2118' } }, { page: { color: '#f2e9df' } });

function Page({ title, fixedBar }: { title: string; fixedBar?: 'dark' }) {
  usePageChrome(title, { fixedBar });
  return <div id="page" style={sheet.page} />;
}

afterEach(() => {
  cleanup();
  setColorScheme('light');
  vi.restoreAllMocks();
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

  it("paints the navigation bar in theme.json's colours of the scheme, and again when it switches", () => {
    const paint = vi.spyOn(Taro, 'setNavigationBarColor');
    render(<Page title="登录" />);
    expect(paint).toHaveBeenLastCalledWith({ frontColor: '#000000', backgroundColor: '#fffaf3' });
    act(() => setColorScheme('dark'));
    expect(paint).toHaveBeenLastCalledWith({ frontColor: '#ffffff', backgroundColor: '#17130f' });
  });

  it('leaves alone a navigation bar its page fixes (the black viewer)', () => {
    const paint = vi.spyOn(Taro, 'setNavigationBarColor');
    render(<Page title="" fixedBar="dark" />);
    act(() => setColorScheme('dark'));
    expect(paint).not.toHaveBeenCalled();
  });
});
