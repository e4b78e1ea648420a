import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { colorScheme, schemeStyleSheet, setColorScheme, subscribeColorScheme, useColorScheme } from './color-scheme';

afterEach(() => setColorScheme('light'));

describe('schemeStyleSheet', () => {
  const light = { page: { backgroundColor: '#fffaf3' }, title: { color: '#2b2118' } };
  const dark = { page: { backgroundColor: '#17130f' }, title: { color: '#f2e9df' } };

  it('gives each class the entry of the scheme in use when it is read', () => {
    const sheet = schemeStyleSheet(light, dark);
    expect(sheet.page).toBe(light.page);
    setColorScheme('dark');
    expect(sheet.page).toBe(dark.page);
    expect(sheet.title).toEqual({ color: '#f2e9df' });
    setColorScheme('light');
    expect(sheet.title).toBe(light.title);
  });

  it('lists every class of both palettes, and nothing for an unknown one', () => {
    const sheet = schemeStyleSheet<Record<string, object>>({ a: {} }, { a: {}, b: { color: '#fff' } });
    expect(Object.keys(sheet).sort()).toEqual(['a', 'b']);
    expect(sheet.b).toBeUndefined();
    setColorScheme('dark');
    expect(sheet.b).toEqual({ color: '#fff' });
    expect(sheet.missing).toBeUndefined();
  });
});

describe('the colour scheme store', () => {
  it('tells listeners of a change, once, and not after they leave', () => {
    const listener = vi.fn();
    const leave = subscribeColorScheme(listener);
    setColorScheme('dark');
    setColorScheme('dark');
    expect(colorScheme()).toBe('dark');
    expect(listener).toHaveBeenCalledTimes(1);
    leave();
    setColorScheme('light');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('re-renders a component that uses it', () => {
    const { result } = renderHook(() => useColorScheme());
    expect(result.current).toBe('light');
    act(() => setColorScheme('dark'));
    expect(result.current).toBe('dark');
  });
});
