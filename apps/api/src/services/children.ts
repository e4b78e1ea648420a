/**
 * Children's profiles (宝宝): name, birthday (or due date), sex for the growth curves, and an avatar chosen
 * from the home's photos. Everyone in the home sees them; owner and members edit (homeProcedure checks the
 * role). Deleting a child deletes its milestones and growth records, never a photo.
 */
import {
  addDays,
  CHILD_BIRTHDAY_MAX_DAYS_AHEAD,
  CHILDREN_PER_HOME_MAX,
  type Child as ChildDto,
  type ChildList,
  type Count,
  type zCreateChildInput,
  type zUpdateChildInput,
} from '@xiaojia/shared';
import type { z } from 'zod';
import type { Db } from '../db/index.js';
import type { Child } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { type ChildPatch, ChildrenRepository } from '../repositories/children.js';
import { GrowthRepository } from '../repositories/growth.js';
import { PhotosRepository } from '../repositories/photos.js';
import type { AppDeps } from '../trpc/context.js';
import { requireChild, requireLivePhoto, serverToday } from './family-rules.js';
import type { HomeMember } from './home-access.js';
import { PhotoViews } from './photo-views.js';

type CreateChild = z.output<typeof zCreateChildInput>;
type UpdateChild = z.output<typeof zUpdateChildInput>;

export class ChildrenService {
  private readonly children: ChildrenRepository;

  constructor(private readonly deps: AppDeps) {
    this.children = new ChildrenRepository(deps.db);
  }

  async list(member: HomeMember, origin: string): Promise<ChildList> {
    const rows = await this.children.list(member.homeId);
    const { items, expiresAt } = await this.present(member.homeId, rows, origin);
    return { items, urlsExpireAt: expiresAt.toISOString() };
  }

  async create(member: HomeMember, input: CreateChild, origin: string): Promise<ChildDto> {
    this.requireBirthdayNotTooFar(input.birthday);
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const children = new ChildrenRepository(trx);
      await children.lockForLimit(member.homeId);
      if ((await children.count(member.homeId)) >= CHILDREN_PER_HOME_MAX) {
        throw new AppError('CHILD_LIMIT_REACHED', `A home has at most ${CHILDREN_PER_HOME_MAX} children`, {
          max: CHILDREN_PER_HOME_MAX,
        });
      }
      if (input.avatarPhotoId) await requireLivePhoto(trx, member.homeId, input.avatarPhotoId, 'avatarPhotoId');
      const now = this.deps.clock.now().toISOString();
      await children.insert({
        id,
        home_id: member.homeId,
        name: input.name,
        birthday: input.birthday,
        sex: input.sex,
        avatar_photo_id: input.avatarPhotoId,
        created_by: member.userId,
        created_at: now,
        updated_at: now,
      });
    });
    return this.one(member.homeId, id, origin);
  }

  async update(member: HomeMember, input: UpdateChild, origin: string): Promise<ChildDto> {
    await this.deps.db.transaction().execute(async (trx) => {
      await requireChild(trx, member.homeId, input.childId);
      const patch: ChildPatch = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.sex !== undefined) patch.sex = input.sex;
      if (input.birthday !== undefined) {
        this.requireBirthdayNotTooFar(input.birthday);
        await requireBirthdayBeforeRecords(trx, member.homeId, input.childId, input.birthday);
        patch.birthday = input.birthday;
      }
      if (input.avatarPhotoId !== undefined) {
        if (input.avatarPhotoId) await requireLivePhoto(trx, member.homeId, input.avatarPhotoId, 'avatarPhotoId');
        patch.avatar_photo_id = input.avatarPhotoId;
      }
      await new ChildrenRepository(trx).update(
        member.homeId,
        input.childId,
        patch,
        this.deps.clock.now().toISOString(),
      );
    });
    return this.one(member.homeId, input.childId, origin);
  }

  async delete(member: HomeMember, childId: string): Promise<Count> {
    if (!(await this.children.deleteWithRecords(member.homeId, childId))) {
      throw new AppError('NOT_FOUND', 'No such child');
    }
    return { count: 1 };
  }

  /** A due date lies at most CHILD_BIRTHDAY_MAX_DAYS_AHEAD days after the server's today. */
  private requireBirthdayNotTooFar(birthday: string): void {
    if (birthday > addDays(serverToday(this.deps.clock), CHILD_BIRTHDAY_MAX_DAYS_AHEAD)) {
      throw new AppError('CHILD_BIRTHDAY_TOO_FAR', 'A due date can be at most 300 days ahead', {
        field: 'birthday',
        maxDaysAhead: CHILD_BIRTHDAY_MAX_DAYS_AHEAD,
      });
    }
  }

  private async one(homeId: string, id: string, origin: string): Promise<ChildDto> {
    const row = await this.children.byId(homeId, id);
    const child = row && (await this.present(homeId, [row], origin)).items[0];
    if (!child) throw new AppError('NOT_FOUND', 'No such child');
    return child;
  }

  /**
   * Rows to DTOs, the avatars signed with one photo query and one bindings lookup for the whole list. An
   * avatar shows while its photo is in the library: a trashed one shows as none (and comes back with the
   * photo), one in an unbound bucket keeps its id without a URL, a purged one was cleared by the purge.
   */
  private async present(
    homeId: string,
    rows: readonly Child[],
    origin: string,
  ): Promise<{ items: ChildDto[]; expiresAt: Date }> {
    const avatarIds = rows.map((r) => r.avatar_photo_id).filter((id): id is string => id !== null);
    const photos = (await new PhotosRepository(this.deps.db).byIds(homeId, avatarIds)).filter(
      (p) => p.deleted_at === null,
    );
    const views = await PhotoViews.for(this.deps, homeId, origin, photos);
    const byId = new Map(photos.map((p) => [p.id, p]));
    const items = rows.map((row): ChildDto => {
      const avatar = row.avatar_photo_id ? byId.get(row.avatar_photo_id) : undefined;
      return {
        id: row.id,
        name: row.name,
        birthday: row.birthday,
        sex: row.sex,
        avatarPhotoId: avatar?.id ?? null,
        avatarUrl: avatar ? views.url(avatar, 'thumb') : null,
        createdAt: row.created_at,
      };
    });
    return { items, expiresAt: views.expiresAt };
  }
}

/** Moving a birthday later may not leave a growth record before the birth. */
async function requireBirthdayBeforeRecords(db: Db, homeId: string, childId: string, birthday: string) {
  const first = await new GrowthRepository(db).firstDate(homeId, childId);
  if (first !== null && first < birthday) {
    throw new AppError('GROWTH_BEFORE_BIRTH', `A growth record is dated ${first}, before that birthday`, {
      field: 'birthday',
      firstRecord: first,
    });
  }
}
