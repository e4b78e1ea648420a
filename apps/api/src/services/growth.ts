/**
 * Growth records: a child's height, weight and head circumference on a day, charted against the WHO
 * standards by the client. A record is dated between the birth and today (somewhere on Earth), holds at
 * least one measure, and a child has at most GROWTH_RECORDS_PER_CHILD_MAX of them: few enough to chart in
 * one answer.
 */
import {
  type Count,
  GROWTH_RECORDS_PER_CHILD_MAX,
  type GrowthList,
  type GrowthRecord as GrowthRecordDto,
  type zAddGrowthInput,
  type zUpdateGrowthInput,
} from '@xiaojia/shared';
import type { z } from 'zod';
import type { Child, GrowthRecord } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Clock } from '../integrations/clock.js';
import { newId } from '../integrations/ids.js';
import { ChildrenRepository } from '../repositories/children.js';
import { type GrowthPatch, GrowthRepository } from '../repositories/growth.js';
import type { AppDeps } from '../trpc/context.js';
import { requireChild, requireNotFuture } from './family-rules.js';
import type { HomeMember } from './home-access.js';

type AddGrowth = z.output<typeof zAddGrowthInput>;
type UpdateGrowth = z.output<typeof zUpdateGrowthInput>;

function toDto(row: GrowthRecord): GrowthRecordDto {
  return {
    id: row.id,
    childId: row.child_id,
    date: row.date,
    heightCm: row.height_cm,
    weightKg: row.weight_kg,
    headCm: row.head_cm,
    createdAt: row.created_at,
  };
}

/** Measured between the birth (not on a due date still ahead) and today. */
function requireGrowthDate(clock: Clock, child: Child, date: string): void {
  if (date < child.birthday) {
    throw new AppError('GROWTH_BEFORE_BIRTH', `${child.name} was born on ${child.birthday}`, {
      field: 'date',
      birthday: child.birthday,
    });
  }
  requireNotFuture(clock, date, 'date');
}

export class GrowthService {
  private readonly growth: GrowthRepository;

  constructor(private readonly deps: AppDeps) {
    this.growth = new GrowthRepository(deps.db);
  }

  async list(member: HomeMember, childId: string): Promise<GrowthList> {
    await requireChild(this.deps.db, member.homeId, childId);
    const rows = await this.growth.ofChild(member.homeId, childId, GROWTH_RECORDS_PER_CHILD_MAX);
    return { items: rows.map(toDto) };
  }

  async add(member: HomeMember, input: AddGrowth): Promise<GrowthRecordDto> {
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const child = await requireChild(trx, member.homeId, input.childId);
      requireGrowthDate(this.deps.clock, child, input.date);
      await new ChildrenRepository(trx).lockForLimit(member.homeId, child.id);
      const growth = new GrowthRepository(trx);
      const measures = { height_cm: input.heightCm, weight_kg: input.weightKg, head_cm: input.headCm };
      // The same record again (a double tap, a request retried after a timeout) answers the first one.
      const same = await growth.sameAs(member.homeId, child.id, input.date, measures);
      if (same) return same;
      if ((await growth.countOfChild(member.homeId, child.id)) >= GROWTH_RECORDS_PER_CHILD_MAX) {
        throw new AppError(
          'GROWTH_LIMIT_REACHED',
          `A child has at most ${GROWTH_RECORDS_PER_CHILD_MAX} growth records`,
          {
            max: GROWTH_RECORDS_PER_CHILD_MAX,
          },
        );
      }
      const id = newId();
      await growth.insert({
        id,
        home_id: member.homeId,
        child_id: child.id,
        date: input.date,
        ...measures,
        created_by: member.userId,
        created_at: this.deps.clock.now().toISOString(),
      });
      return id;
    });
    return this.one(member.homeId, id);
  }

  async update(member: HomeMember, input: UpdateGrowth): Promise<GrowthRecordDto> {
    await this.deps.db.transaction().execute(async (trx) => {
      const growth = new GrowthRepository(trx);
      const current = await growth.byId(member.homeId, input.recordId);
      if (!current) throw new AppError('NOT_FOUND', 'No such growth record');
      const patch: GrowthPatch = {};
      if (input.date !== undefined) {
        requireGrowthDate(this.deps.clock, await requireChild(trx, member.homeId, current.child_id), input.date);
        patch.date = input.date;
      }
      if (input.heightCm !== undefined) patch.height_cm = input.heightCm;
      if (input.weightKg !== undefined) patch.weight_kg = input.weightKg;
      if (input.headCm !== undefined) patch.head_cm = input.headCm;
      const after = { ...current, ...patch };
      if (after.height_cm === null && after.weight_kg === null && after.head_cm === null) {
        throw new AppError(
          'BAD_INPUT',
          'A record needs a height, a weight or a head circumference (delete it instead)',
          {
            field: 'heightCm',
          },
        );
      }
      if (Object.keys(patch).length > 0) await growth.update(member.homeId, current.id, patch);
    });
    return this.one(member.homeId, input.recordId);
  }

  async delete(member: HomeMember, recordId: string): Promise<Count> {
    if (!(await this.growth.delete(member.homeId, recordId))) {
      throw new AppError('NOT_FOUND', 'No such growth record');
    }
    return { count: 1 };
  }

  private async one(homeId: string, id: string): Promise<GrowthRecordDto> {
    const row = await this.growth.byId(homeId, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such growth record');
    return toDto(row);
  }
}
