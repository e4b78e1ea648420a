import { describe, expect, it } from 'vitest';
import { zDisplayName, zPassword, zSignUpInput, zUsername, zWechatCode } from './auth.js';

describe('account field limits', () => {
  it('normalises usernames to trimmed lower case and enforces 3–32 of [a-z0-9_.-]', () => {
    expect(zUsername.parse('  Mama.Li_2026-x ')).toBe('mama.li_2026-x');
    expect(zUsername.parse('abc')).toBe('abc');
    expect(zUsername.parse('a'.repeat(32))).toHaveLength(32);
    for (const bad of ['ab', 'a'.repeat(33), 'with space', '小家', 'semi;colon', 'a@b.c', '']) {
      expect(zUsername.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('keeps passwords exactly as typed, 8–128 characters', () => {
    expect(zPassword.parse(' spaced password ')).toBe(' spaced password ');
    expect(zPassword.safeParse('1234567').success).toBe(false);
    expect(zPassword.safeParse('x'.repeat(128)).success).toBe(true);
    expect(zPassword.safeParse('x'.repeat(129)).success).toBe(false);
  });

  it('accepts display names of 1–40 characters without control characters', () => {
    expect(zDisplayName.parse(' 外婆 ')).toBe('外婆');
    expect(zDisplayName.safeParse('   ').success).toBe(false);
    expect(zDisplayName.safeParse('x'.repeat(41)).success).toBe(false);
    expect(zDisplayName.safeParse('tab\there').success).toBe(false);
  });

  it('takes printable WeChat codes only; sign-up needs only a username and a password', () => {
    expect(zWechatCode.safeParse('0a3Xyz-_.~').success).toBe(true);
    expect(zWechatCode.safeParse('a b').success).toBe(false);
    expect(zWechatCode.safeParse('x'.repeat(129)).success).toBe(false);
    expect(zSignUpInput.parse({ username: 'Nainai', password: 'password1' })).toEqual({
      username: 'nainai',
      password: 'password1',
    });
  });
});
