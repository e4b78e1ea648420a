/**
 * Rows written straight into the database, for repository tests that need many photos (the real upload
 * flow is for router tests): a user with the home sign-up gives them, and a photo row of that home.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../db/index.js';
import type { PhotosTable } from '../db/schema.js';
import { newId } from '../integrations/ids.js';

const NOW = '2026-01-01T00:00:00.000Z';

/** A user and the home they own, as sign-up makes them. */
export interface Member {
  userId: string;
  homeId: string;
}

export async function addUser(db: Db, name: string): Promise<Member> {
  const id = newId();
  const homeId = newId();
  await db
    .insertInto('users')
    .values({
      id,
      username: name,
      display_name: name,
      password_hash: null,
      wechat_openid: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto('homes')
    .values({
      id: homeId,
      name: `${name}的家`,
      members_can_invite: 0,
      created_at: NOW,
      updated_at: NOW,
      deleting_at: null,
    })
    .execute();
  await db.insertInto('home_members').values({ home_id: homeId, user_id: id, role: 'owner', joined_at: NOW }).execute();
  return { userId: id, homeId };
}

/** A live photo of `member`'s home taken at `sortAt` (trashed at `deletedAt` if given). */
export function photoRow(member: Member, sortAt: string, deletedAt: string | null = null): PhotosTable {
  const id = newId();
  return {
    id,
    home_id: member.homeId,
    uploader_id: member.userId,
    binding_id: null,
    object_key: `h/${member.homeId}/${id}.jpg`,
    filename: 'p.jpg',
    etag: `etag-${id}`,
    size: 1,
    mime: 'image/jpeg',
    width: null,
    height: null,
    taken_at: sortAt,
    created_at: NOW,
    sort_at: sortAt,
    deleted_at: deletedAt,
    purge_requested_at: null,
    purge_attempts: 0,
    purge_error: null,
    thumbhash: null,
    duration_ms: null,
    video_codec: null,
    qetag: null,
    derivatives: null,
  };
}

/** A photo row as the table was before migration 0008 added the video facts (for migration tests). */
export function photoRowBefore0008(
  member: Member,
  sortAt: string,
): Omit<PhotosTable, 'duration_ms' | 'video_codec' | 'qetag' | 'derivatives'> {
  const {
    duration_ms: _duration,
    video_codec: _codec,
    qetag: _qetag,
    derivatives: _derivatives,
    ...row
  } = photoRow(member, sortAt);
  return row;
}

/** A photo row as the table was before migration 0009 added the device's hash and the derivatives. */
export function photoRowBefore0009(member: Member, sortAt: string): Omit<PhotosTable, 'qetag' | 'derivatives'> {
  const { qetag: _qetag, derivatives: _derivatives, ...row } = photoRow(member, sortAt);
  return row;
}

/** Inserts rows in batches (SQLite caps a statement's parameters). */
export async function insertPhotoRows(db: Db, rows: readonly Insertable<PhotosTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('photos')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}
