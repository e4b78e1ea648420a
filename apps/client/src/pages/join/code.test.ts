import { describe, expect, it } from 'vitest';
import { inviteCodeFrom } from './code';

const CODE = 'AbCdEfGhIjKl_MnOpQr-St';

describe('inviteCodeFrom', () => {
  it('reads the code of a link, a QR code or a share card', () => {
    expect(inviteCodeFrom({ code: CODE })).toBe(CODE);
    expect(inviteCodeFrom({ code: ` ${CODE} ` })).toBe(CODE);
  });

  it("reads a mini-program code's scene, URL-encoded or not", () => {
    expect(inviteCodeFrom({ scene: encodeURIComponent(CODE) })).toBe(CODE);
    expect(inviteCodeFrom({ scene: CODE })).toBe(CODE);
    expect(inviteCodeFrom({ code: 'broken', scene: CODE })).toBe(CODE);
  });

  it('answers null for no code or a mangled one', () => {
    expect(inviteCodeFrom({})).toBeNull();
    expect(inviteCodeFrom({ code: 'short' })).toBeNull();
    expect(inviteCodeFrom({ code: `${CODE}x` })).toBeNull();
    expect(inviteCodeFrom({ scene: '%E0%A4%A' })).toBeNull();
  });
});
