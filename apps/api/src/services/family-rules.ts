/**
 * Rules the children, milestones and growth services share: the server's today, which days a record may
 * carry, and that what a record points at (a child, a photo) is the caller's home's. Another home's id
 * answers NOT_FOUND, as everywhere.
 */
import { addDays } from '@xiaojia/shared';
import type { Db } from '../db/index.js';
import type { Child, Photo } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Clock } from '../integrations/clock.js';
import { ChildrenRepository } from '../repositories/children.js';
import { PhotosRepository } from '../repositories/photos.js';

/** The server clock's calendar day in UTC. A device east of UTC may be a day ahead of it (up to +14:00). */
export function serverToday(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

/**
 * A measurement or a milestone happened by now: at most one day after the server's UTC today, which is
 * today somewhere on Earth. Later is a typo (a year or a month off).
 */
export function requireNotFuture(clock: Clock, date: string, field: string): void {
  const latest = addDays(serverToday(clock), 1);
  if (date > latest) {
    throw new AppError('BAD_INPUT', `The date ${date} is in the future`, { field, latest });
  }
}

export async function requireChild(db: Db, homeId: string, childId: string): Promise<Child> {
  const child = await new ChildrenRepository(db).byId(homeId, childId);
  if (!child) throw new AppError('NOT_FOUND', 'No such child');
  return child;
}

/**
 * A photo an avatar or a milestone may name: one of the home's, in the library (not in the trash, not
 * being purged). Another home's or a purged photo is NOT_FOUND; a trashed one is BAD_INPUT, so the client
 * can say why.
 */
export async function requireLivePhoto(db: Db, homeId: string, photoId: string, field: string): Promise<Photo> {
  const photo = await new PhotosRepository(db).byId(homeId, photoId);
  if (!photo) throw new AppError('NOT_FOUND', 'No such photo');
  if (photo.deleted_at !== null) throw new AppError('BAD_INPUT', 'That photo is in the trash', { field });
  return photo;
}
