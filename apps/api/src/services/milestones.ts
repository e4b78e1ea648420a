/**
 * Milestones (第一次笑、走路 …): a preset or a custom title on a day of a child's life, usually tagged on
 * a photo. A child's milestones read in date order, each with its photo's thumbnail; the viewer asks which
 * milestones a photo carries. A purged photo leaves its milestones without one (PhotoPurgesRepository).
 */
import {
  addDays,
  CHILDREN_PER_HOME_MAX,
  type Count,
  MILESTONES_PER_CHILD_MAX,
  type Milestone as MilestoneDto,
  type MilestonePage,
  type PhotoMilestones,
  PREGNANCY_DAYS,
  type zCreateMilestoneInput,
  type zListMilestonesInput,
  type zUpdateMilestoneInput,
} from '@xiaojia/shared';
import type { z } from 'zod';
import type { Child } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { ChildrenRepository } from '../repositories/children.js';
import { type MilestonePatch, type MilestoneRow, MilestonesRepository } from '../repositories/milestones.js';
import { PhotosRepository } from '../repositories/photos.js';
import type { AppDeps } from '../trpc/context.js';
import { ActivityService } from './activity.js';
import { requireChild, requireLivePhoto, requireNotFuture } from './family-rules.js';
import type { HomeMember } from './home-access.js';
import { cursorPosition, toPage } from './paging.js';
import { PhotoViews } from './photo-views.js';

type CreateMilestone = z.output<typeof zCreateMilestoneInput>;
type UpdateMilestone = z.output<typeof zUpdateMilestoneInput>;
type ListMilestones = z.output<typeof zListMilestonesInput>;

/** As many as the contract lets one photo carry (zPhotoMilestones). */
const FOR_PHOTO_MAX = CHILDREN_PER_HOME_MAX * 10;

/** A milestone's day: by now, and not before the pregnancy the birthday (or due date) ends. */
function requireMilestoneDate(deps: AppDeps, child: Child, date: string): void {
  requireNotFuture(deps.clock, date, 'date');
  const earliest = addDays(child.birthday, -PREGNANCY_DAYS);
  if (date < earliest) {
    throw new AppError('BAD_INPUT', `A milestone of ${child.name} cannot be before ${earliest}`, {
      field: 'date',
      earliest,
    });
  }
}

/** A custom milestone has a title, a preset none (the input schemas check each input; this, the result). */
function requireTitleMatchesKind(kind: MilestoneDto['kind'], title: string | null): void {
  if ((kind === 'custom') !== (title !== null)) {
    throw new AppError('BAD_INPUT', 'A custom milestone needs a title, a preset none', { field: 'title' });
  }
}

/** What signing the tagged photo's thumbnail needs, while the photo is live. */
function livePhotoOf(row: MilestoneRow): { binding_id: string | null; object_key: string; mime: string } | null {
  return row.live_photo_id && row.photo_object_key
    ? { binding_id: row.photo_binding_id, object_key: row.photo_object_key, mime: row.photo_mime ?? '' }
    : null;
}

export class MilestonesService {
  private readonly milestones: MilestonesRepository;

  constructor(private readonly deps: AppDeps) {
    this.milestones = new MilestonesRepository(deps.db);
  }

  async list(member: HomeMember, input: ListMilestones, origin: string): Promise<MilestonePage> {
    await requireChild(this.deps.db, member.homeId, input.childId);
    const from = cursorPosition(input.cursor);
    const rows = await this.milestones.page(
      member.homeId,
      input.childId,
      input.limit + 1,
      from && { date: from.sortAt, id: from.id },
    );
    const page = toPage(rows, input.limit, (row) => ({ sortAt: row.date, id: row.id }));
    const { items, expiresAt } = await this.present(member.homeId, page.rows, origin);
    return { items, nextCursor: page.nextCursor, urlsExpireAt: expiresAt.toISOString() };
  }

  /** Every child's milestones on one of the home's photos (trashed too: the owner's trash shows them). */
  async forPhoto(member: HomeMember, photoId: string): Promise<PhotoMilestones> {
    if (!(await new PhotosRepository(this.deps.db).byId(member.homeId, photoId))) {
      throw new AppError('NOT_FOUND', 'No such photo');
    }
    const rows = await this.milestones.forPhoto(member.homeId, photoId, FOR_PHOTO_MAX);
    return {
      items: rows.map((row) => ({
        id: row.id,
        childId: row.child_id,
        kind: row.kind,
        title: row.title,
        date: row.date,
        photoId: row.photo_id,
        createdAt: row.created_at,
      })),
    };
  }

  async create(member: HomeMember, input: CreateMilestone, origin: string): Promise<MilestoneDto> {
    const { id, created } = await this.deps.db.transaction().execute(async (trx) => {
      const child = await requireChild(trx, member.homeId, input.childId);
      requireMilestoneDate(this.deps, child, input.date);
      if (input.photoId) await requireLivePhoto(trx, member.homeId, input.photoId, 'photoId');
      await new ChildrenRepository(trx).lockForLimit(member.homeId, child.id);
      const milestones = new MilestonesRepository(trx);
      // The same milestone again (a double tap, a request retried after a timeout) answers the first one.
      const same = await milestones.sameAs(member.homeId, child.id, input.date, {
        kind: input.kind,
        title: input.title,
        photo_id: input.photoId,
      });
      if (same) return { id: same, created: false };
      if ((await milestones.countOfChild(member.homeId, child.id)) >= MILESTONES_PER_CHILD_MAX) {
        throw new AppError('MILESTONE_LIMIT_REACHED', `A child has at most ${MILESTONES_PER_CHILD_MAX} milestones`, {
          max: MILESTONES_PER_CHILD_MAX,
        });
      }
      const id = newId();
      await milestones.insert({
        id,
        home_id: member.homeId,
        child_id: child.id,
        kind: input.kind,
        title: input.title,
        date: input.date,
        photo_id: input.photoId,
        created_by: member.userId,
        created_at: this.deps.clock.now().toISOString(),
      });
      return { id, created: true };
    });
    // The feed says "妈妈记录了 宝宝 第一次走路": the preset's key (the client translates it) or the custom title.
    if (created) {
      await new ActivityService(this.deps).record(member, {
        kind: 'milestone',
        photoIds: input.photoId ? [input.photoId] : [],
        text: input.kind === 'custom' ? input.title : input.kind,
        childId: input.childId,
      });
    }
    return this.one(member.homeId, id, origin);
  }

  async update(member: HomeMember, input: UpdateMilestone, origin: string): Promise<MilestoneDto> {
    await this.deps.db.transaction().execute(async (trx) => {
      const milestones = new MilestonesRepository(trx);
      const current = await milestones.byId(member.homeId, input.milestoneId);
      if (!current) throw new AppError('NOT_FOUND', 'No such milestone');
      const patch: MilestonePatch = {};
      if (input.kind !== undefined || input.title !== undefined) {
        const kind = input.kind ?? current.kind;
        // A preset chosen instead of a custom title drops the title; otherwise the title given or kept.
        const title = input.title !== undefined ? input.title : kind === 'custom' ? current.title : null;
        requireTitleMatchesKind(kind, title);
        Object.assign(patch, { kind, title });
      }
      if (input.date !== undefined) {
        requireMilestoneDate(this.deps, await requireChild(trx, member.homeId, current.child_id), input.date);
        patch.date = input.date;
      }
      if (input.photoId !== undefined) {
        if (input.photoId) await requireLivePhoto(trx, member.homeId, input.photoId, 'photoId');
        patch.photo_id = input.photoId;
      }
      if (Object.keys(patch).length > 0) await milestones.update(member.homeId, current.id, patch);
    });
    return this.one(member.homeId, input.milestoneId, origin);
  }

  async delete(member: HomeMember, milestoneId: string): Promise<Count> {
    if (!(await this.milestones.delete(member.homeId, milestoneId))) {
      throw new AppError('NOT_FOUND', 'No such milestone');
    }
    return { count: 1 };
  }

  private async one(homeId: string, id: string, origin: string): Promise<MilestoneDto> {
    const row = await this.milestones.byId(homeId, id);
    const milestone = row && (await this.present(homeId, [row], origin)).items[0];
    if (!milestone) throw new AppError('NOT_FOUND', 'No such milestone');
    return milestone;
  }

  /**
   * Rows to DTOs with one bindings lookup. The photo shows while it is in the library: a trashed one
   * shows as none (and comes back when restored), one in an unbound bucket keeps its id without a URL.
   */
  private async present(
    homeId: string,
    rows: readonly MilestoneRow[],
    origin: string,
  ): Promise<{ items: MilestoneDto[]; expiresAt: Date }> {
    const photos = new Map(rows.map((row) => [row.id, livePhotoOf(row)]));
    const views = await PhotoViews.for(
      this.deps,
      homeId,
      origin,
      [...photos.values()].filter((p) => p !== null),
    );
    const items = rows.map((row): MilestoneDto => {
      const photo = photos.get(row.id) ?? null;
      return {
        id: row.id,
        childId: row.child_id,
        kind: row.kind,
        title: row.title,
        date: row.date,
        photoId: photo && row.live_photo_id,
        thumbUrl: photo && views.url(photo, 'thumb'),
        thumbhash: photo && row.photo_thumbhash,
        createdAt: row.created_at,
      };
    });
    return { items, expiresAt: views.expiresAt };
  }
}
