import { describe, expect, it } from 'vitest';
import { ERROR_CODE_LIST, ERROR_CODES, isErrorCode } from './errors.js';

describe('error codes', () => {
  it('recognises every declared code and nothing else', () => {
    for (const code of ERROR_CODE_LIST) expect(isErrorCode(code)).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('NOPE')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });

  it('maps each code to an HTTP-meaningful tRPC code', () => {
    expect(ERROR_CODES.LOCKED_OUT).toBe('TOO_MANY_REQUESTS');
    expect(ERROR_CODES.NOT_FOUND).toBe('NOT_FOUND');
    expect(ERROR_CODES.BAD_INPUT).toBe('BAD_REQUEST');
  });
});
