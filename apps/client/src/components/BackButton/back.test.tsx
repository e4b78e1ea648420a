import Taro from '@tarojs/taro';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../../routes';
import { backStep, showsBackButton } from './back';
import { BackButton } from './index';

describe('whether a page draws its own back button', () => {
  it('always on H5, where a home-screen app has no browser back', () => {
    expect(showsBackButton('h5', true)).toBe(true);
    expect(showsBackButton('h5', false)).toBe(true);
  });

  it('never on weapp, whose navigation bar has back (or home, when opened first)', () => {
    expect(showsBackButton('weapp', true)).toBe(false);
    expect(showsBackButton('weapp', false)).toBe(false);
  });

  it('on React Native only when the stack header has nothing to go back to', () => {
    expect(showsBackButton('rn', true)).toBe(false);
    expect(showsBackButton('rn', false)).toBe(true);
  });
});

describe('where the back button leads', () => {
  it('back to the page that opened this one, else to its tab', () => {
    expect(backStep(true, ROUTES.albums)).toEqual({ kind: 'back' });
    expect(backStep(false, ROUTES.albums)).toEqual({ kind: 'tab', url: ROUTES.albums });
  });
});

describe('BackButton', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  /** Taro's page stack as the platform would report it: `depth` pages open. */
  function stack(depth: number) {
    const pages = Array.from({ length: depth }, () => ({ route: 'pages/album/index' }));
    Taro.getCurrentPages = (() => pages) as unknown as typeof Taro.getCurrentPages;
    const back = vi.fn(async () => ({ errMsg: 'navigateBack:ok' }));
    const tab = vi.fn(async () => ({ errMsg: 'switchTab:ok' }));
    Taro.navigateBack = back as unknown as typeof Taro.navigateBack;
    Taro.switchTab = tab as unknown as typeof Taro.switchTab;
    return { back, tab };
  }

  it('goes back when the app opened this page', () => {
    const { back, tab } = stack(2);
    render(<BackButton fallbackTab={ROUTES.albums} />);
    fireEvent.click(document.querySelector('#page-back') as Element);
    expect(back).toHaveBeenCalledOnce();
    expect(tab).not.toHaveBeenCalled();
  });

  it('opens the tab when a shared link opened this page first', () => {
    const { back, tab } = stack(1);
    render(<BackButton fallbackTab={ROUTES.albums} kind="close" id="viewer-close" />);
    fireEvent.click(document.querySelector('#viewer-close') as Element);
    expect(tab).toHaveBeenCalledWith({ url: ROUTES.albums });
    expect(back).not.toHaveBeenCalled();
  });
});
