import { zEchoInput } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod';

describe('zod setup', () => {
  it('turns off zod JIT for the zod instance the shared schemas use', () => {
    expect(z.config().jitless).toBe(true);
    expect(zEchoInput.safeParse({ text: '你好' }).success).toBe(true);
    expect(zEchoInput.safeParse({ text: '' }).success).toBe(false);
  });
});
