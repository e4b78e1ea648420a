/** The community's test helpers: publish a work of freshly uploaded photos, and read refusals' codes. */
import type { PublishWorkInput } from '@xiaojia/shared';
import type { TestAccount } from './homes.js';
import { uploadPhoto } from './photos.js';

/** Uploads `count` photos as `who` into `homeId` (their own home by default) and publishes them as one work. */
export async function publishWork(
  who: TestAccount,
  facts: Partial<Omit<PublishWorkInput, 'photoIds'>> = {},
  options: { homeId?: string; count?: number } = {},
) {
  const homeId = options.homeId ?? who.homeId;
  const photos = [];
  for (let i = 0; i < (options.count ?? 1); i++) photos.push((await uploadPhoto(who.caller, homeId)).photo);
  const work = await who.caller.works.publish({
    homeId,
    photoIds: photos.map((p) => p.id),
    title: facts.title ?? 'Morning light',
    ...facts,
  });
  return { work, photos, homeId };
}

/** The code the client sees a call refused with (data.appCode: zod's refusals are BAD_INPUT). */
export async function refusedWith(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string; name?: string } };
    if (e.cause?.name === 'ZodError') return 'BAD_INPUT';
    return e.cause?.code ?? e.code;
  }
  throw new Error('expected a refusal');
}
