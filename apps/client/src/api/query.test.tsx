import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearWhenUnobserved } from './query';

function cachedClient() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(['auth.me'], { displayName: '外婆' });
  queryClient.setQueryData(['photos.list'], { items: [] });
  return queryClient;
}

describe('clearWhenUnobserved', () => {
  afterEach(() => vi.useRealTimers());

  it('clears at once when no screen is watching', async () => {
    const queryClient = cachedClient();
    await clearWhenUnobserved(queryClient);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it('waits for the last closing screen to stop watching, and never refetches for it', async () => {
    const queryClient = cachedClient();
    const queryFn = vi.fn(async () => ({ displayName: 'again' }));
    const screenA = new QueryObserver(queryClient, { queryKey: ['auth.me'], queryFn, staleTime: Infinity });
    const screenB = new QueryObserver(queryClient, { queryKey: ['photos.list'], queryFn, staleTime: Infinity });
    const stopA = screenA.subscribe(() => undefined);
    const stopB = screenB.subscribe(() => undefined);

    let cleared = false;
    const clearing = clearWhenUnobserved(queryClient).then(() => {
      cleared = true;
    });
    await Promise.resolve();
    expect(cleared).toBe(false);
    expect(queryClient.getQueryData(['auth.me'])).toEqual({ displayName: '外婆' });

    stopA();
    await Promise.resolve();
    expect(cleared).toBe(false);
    stopB();
    await clearing;
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    expect(queryFn).not.toHaveBeenCalled();
  });

  it('clears anyway after the time limit when a screen stays', async () => {
    vi.useFakeTimers();
    const queryClient = cachedClient();
    const stays = new QueryObserver(queryClient, {
      queryKey: ['auth.me'],
      queryFn: async () => 1,
      staleTime: Infinity,
    });
    const stop = stays.subscribe(() => undefined);
    let cleared = false;
    void clearWhenUnobserved(queryClient, 500).then(() => {
      cleared = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(cleared).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(cleared).toBe(true);
    expect(queryClient.getQueryData(['photos.list'])).toBeUndefined();
    stop();
  });
});
