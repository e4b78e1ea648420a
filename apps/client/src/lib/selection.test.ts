import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { inListOrder, retained, toggled, useSelection } from './selection';

describe('selection helpers', () => {
  it('toggles an id in and out without touching the original set', () => {
    const start = new Set(['a']);
    expect([...toggled(start, 'b')]).toEqual(['a', 'b']);
    expect([...toggled(start, 'a')]).toEqual([]);
    expect([...start]).toEqual(['a']);
  });

  it('drops ids that left the list and keeps the same set when none did', () => {
    const selected = new Set(['a', 'b', 'c']);
    expect([...retained(selected, ['c', 'a', 'z'])]).toEqual(['a', 'c']);
    expect(retained(selected, ['a', 'b', 'c', 'd'])).toBe(selected);
  });

  it('lists the chosen ids in the order of the list', () => {
    expect(inListOrder(new Set(['c', 'a']), ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });
});

describe('useSelection', () => {
  it('starts, toggles, selects all, follows the list and ends', () => {
    let listed = ['p1', 'p2', 'p3'];
    const { result, rerender } = renderHook(() => useSelection(listed));
    expect(result.current.active).toBe(false);

    act(() => result.current.start('p2'));
    expect(result.current.active).toBe(true);
    expect(result.current.ids).toEqual(['p2']);

    act(() => result.current.toggle('p1'));
    expect(result.current.ids).toEqual(['p1', 'p2']);
    act(() => result.current.toggle('p2'));
    expect(result.current.ids).toEqual(['p1']);

    act(() => result.current.replace(['p3', 'p1']));
    expect(result.current.ids).toEqual(['p1', 'p3']);

    act(() => result.current.selectAll());
    expect(result.current.ids).toEqual(['p1', 'p2', 'p3']);

    // p2 was restored elsewhere and left the list: it must not stay chosen.
    listed = ['p1', 'p3'];
    rerender();
    expect([...result.current.selected]).toEqual(['p1', 'p3']);

    act(() => result.current.end());
    expect(result.current.active).toBe(false);
    expect(result.current.ids).toEqual([]);
  });
});
