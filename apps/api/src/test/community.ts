/**
 * Community test helpers: accounts that sign in through the real auth router, admins as the CLI makes
 * them, follows and works written straight into their tables (the works half's procedures are not needed
 * to test moderation, messages and contests), works published through the real procedures, and the code
 * a refused call answers.
 */

import type { PublishWorkInput, WorkStatus } from '@xiaojia/shared';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { CommunityAdminsRepository } from '../repositories/community/admins.js';
import type { AppDeps } from '../trpc/context.js';
import { signUpAndGetToken } from './auth.js';
import { createTestDeps, type TestDepsOptions } from './deps.js';
import type { TestAccount } from './homes.js';
import { photoRow } from './photo-rows.js';
import { uploadPhoto } from './photos.js';

export type Account = Awaited<ReturnType<typeof signUpAndGetToken>>;

/** The app code of a refused call (BAD_INPUT for malformed input), or throws if it was not refused. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof AppError) return cause.code;
    if (cause instanceof ZodError) return 'BAD_INPUT';
    throw error;
  }
  throw new Error('expected a refusal');
}

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

export async function makeAdmin(deps: AppDeps, userId: string): Promise<void> {
  await new CommunityAdminsRepository(deps.db).grant(userId, deps.clock.now().toISOString());
}

export async function follow(deps: AppDeps, follower: string, followee: string): Promise<void> {
  await deps.db
    .insertInto('follows')
    .values({ follower_id: follower, followee_id: followee, created_at: deps.clock.now().toISOString() })
    .execute();
}

export async function followEachOther(deps: AppDeps, a: string, b: string): Promise<void> {
  await follow(deps, a, b);
  await follow(deps, b, a);
}

/** A work of `author` showing `images` photo rows of their home (published unless said), snapshots recorded. */
export async function insertWork(
  deps: AppDeps,
  author: { userId: string; homeId: string },
  options: { status?: WorkStatus; title?: string; images?: number } = {},
): Promise<{ workId: string; workPhotoIds: string[] }> {
  const now = deps.clock.now().toISOString();
  const status = options.status ?? 'published';
  const workId = newId();
  await deps.db
    .insertInto('works')
    .values({
      id: workId,
      author_id: author.userId,
      title: options.title ?? 'A work',
      description: '',
      status,
      review_reason: null,
      exif: null,
      place: null,
      like_count: 0,
      comment_count: 0,
      vote_weight: 0,
      hot_key: 0,
      created_at: now,
      updated_at: now,
      published_at: status === 'published' ? now : null,
    })
    .execute();
  const workPhotoIds: string[] = [];
  for (let position = 0; position < (options.images ?? 1); position += 1) {
    const photo = photoRow(author, now);
    await deps.db.insertInto('photos').values(photo).execute();
    const id = newId();
    await deps.db
      .insertInto('work_photos')
      // Its snapshot's key as publishing records it (no object behind it: nothing here reads the bytes).
      .values({
        id,
        work_id: workId,
        photo_id: photo.id,
        position,
        width: null,
        height: null,
        snapshot_key: `w/${newId()}.jpg`,
        snapshot_binding_id: null,
      })
      .execute();
    workPhotoIds.push(id);
  }
  return { workId, workPhotoIds };
}

/** A fresh server with an admin and two users, alice and bob. */
export async function adminAndTwo(options: TestDepsOptions = {}) {
  const deps = await createTestDeps(options);
  const [admin, alice, bob] = (await accounts(deps, 3)) as [Account, Account, Account];
  await makeAdmin(deps, admin.userId);
  return { deps, admin, alice, bob };
}

/** Signs up `n` accounts. */
export async function accounts(deps: AppDeps, n: number): Promise<Account[]> {
  const made: Account[] = [];
  for (let i = 0; i < n; i += 1) made.push(await signUpAndGetToken(deps));
  return made;
}
