/**
 * milestones, scoped to one home. Lists join the tagged photo while it is live (not trashed, not being
 * purged) in the same query, so a page of milestones and their thumbnails is one round trip.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database, Milestone, MilestonesTable } from '../db/schema.js';
import { ChildRecords } from './child-records.js';

/** A position in a child's milestones, oldest first: the day, ties broken by id. */
export interface MilestoneKeyset {
  date: string;
  id: string;
}

/** A milestone with what signing its photo's thumbnail needs; the photo fields are null unless it is live. */
export interface MilestoneRow extends Milestone {
  live_photo_id: string | null;
  photo_binding_id: string | null;
  photo_object_key: string | null;
  /** A video's thumbnail is a poster frame. */
  photo_mime: string | null;
  photo_thumbhash: string | null;
}

export type MilestonePatch = Partial<Pick<MilestonesTable, 'kind' | 'title' | 'date' | 'photo_id'>>;

/** Strictly after `k` in (date, id) order, with the leading bound spelled out so the index range starts there. */
const after = (k: MilestoneKeyset) => (eb: ExpressionBuilder<Database, 'milestones'>) =>
  eb.and([
    eb('milestones.date', '>=', k.date),
    eb.or([
      eb('milestones.date', '>', k.date),
      eb.and([eb('milestones.date', '=', k.date), eb('milestones.id', '>', k.id)]),
    ]),
  ]);

export class MilestonesRepository {
  private readonly records: ChildRecords<'milestones'>;

  constructor(private readonly db: Db) {
    this.records = new ChildRecords(db, 'milestones');
  }

  /** See ChildRecords.sameAs: the record a repeated add would copy. */
  sameAs(...args: Parameters<ChildRecords<'milestones'>['sameAs']>): Promise<string | undefined> {
    return this.records.sameAs(...args);
  }

  countOfChild(homeId: string, childId: string): Promise<number> {
    return this.records.countOfChild(homeId, childId);
  }

  update(homeId: string, id: string, patch: MilestonePatch): Promise<boolean> {
    return this.records.update(homeId, id, patch);
  }

  delete(homeId: string, id: string): Promise<boolean> {
    return this.records.delete(homeId, id);
  }

  private withPhoto(homeId: string) {
    return this.db
      .selectFrom('milestones')
      .leftJoin('photos', (join) =>
        join
          .onRef('photos.id', '=', 'milestones.photo_id')
          .onRef('photos.home_id', '=', 'milestones.home_id')
          .on('photos.deleted_at', 'is', null)
          .on('photos.purge_requested_at', 'is', null),
      )
      .selectAll('milestones')
      .select([
        'photos.id as live_photo_id',
        'photos.binding_id as photo_binding_id',
        'photos.object_key as photo_object_key',
        'photos.mime as photo_mime',
        'photos.thumbhash as photo_thumbhash',
      ])
      .where('milestones.home_id', '=', homeId);
  }

  /** One page of a child's milestones, oldest first, plus one row to tell whether another page follows. */
  page(homeId: string, childId: string, limit: number, from?: MilestoneKeyset): Promise<MilestoneRow[]> {
    let q = this.withPhoto(homeId).where('milestones.child_id', '=', childId);
    if (from) q = q.where(after(from));
    return q.orderBy('milestones.date').orderBy('milestones.id').limit(limit).execute();
  }

  byId(homeId: string, id: string): Promise<MilestoneRow | undefined> {
    return this.withPhoto(homeId).where('milestones.id', '=', id).executeTakeFirst();
  }

  /** The milestones tagged on one photo, every child's, oldest first (bounded: a photo shows few). */
  forPhoto(homeId: string, photoId: string, limit: number): Promise<Milestone[]> {
    return this.db
      .selectFrom('milestones')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('photo_id', '=', photoId)
      .orderBy('date')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async insert(milestone: MilestonesTable): Promise<void> {
    await this.db.insertInto('milestones').values(milestone).execute();
  }
}
