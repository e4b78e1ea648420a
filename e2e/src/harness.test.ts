import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, findChromium } from './harness.js';

describe('e2e harness', () => {
  it('fails, naming the install command, when Chromium is missing', () => {
    expect(() => findChromium('/nonexistent/chromium')).toThrow(/apt-get install -y chromium/);
  });

  it('finds the Debian Chromium the tests drive', () => {
    expect(findChromium()).toBe(CHROMIUM_PATH);
  });
});
