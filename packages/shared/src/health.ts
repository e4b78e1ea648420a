import { z } from 'zod';

export const zHealth = z.object({
  ok: z.literal(true),
  name: z.literal('xiaojia'),
  version: z.string(),
  time: z.string(),
});
export type Health = z.infer<typeof zHealth>;

export const zEchoInput = z.object({ text: z.string().min(1).max(200) });
export type EchoInput = z.infer<typeof zEchoInput>;
export const zEcho = z.object({ text: z.string(), at: z.string() });
export type Echo = z.infer<typeof zEcho>;
