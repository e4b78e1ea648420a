import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_MS } from '../api/signed-urls';
import { thumbRetry } from './thumb-retry';

describe('thumbRetry', () => {
  it('fetches a list again once a while, each list on its own clock', () => {
    let now = 1_000_000;
    const retry = thumbRetry(() => now);
    const fetched: string[] = [];
    const fetch = (key: string) => retry(key, () => fetched.push(key));
    fetch('a');
    fetch('a');
    fetch('b');
    expect(fetched).toEqual(['a', 'b']);
    now += RETRY_AFTER_MS - 1;
    fetch('a');
    expect(fetched).toEqual(['a', 'b']);
    now += 1;
    fetch('a');
    expect(fetched).toEqual(['a', 'b', 'a']);
  });
});
