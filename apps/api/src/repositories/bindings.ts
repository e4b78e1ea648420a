/** storage_bindings: a user's Qiniu buckets (the active one, and unbound ones kept for their photos). */
import type { Db } from '../db/index.js';
import type { StorageBinding } from '../db/schema.js';

export type NewBinding = Omit<StorageBinding, 'id' | 'created_at' | 'updated_at' | 'status'>;

export class BindingsRepository {
  constructor(private readonly db: Db) {}

  active(userId: string): Promise<StorageBinding | undefined> {
    return this.db
      .selectFrom('storage_bindings')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  byId(userId: string, id: string): Promise<StorageBinding | undefined> {
    return this.db
      .selectFrom('storage_bindings')
      .selectAll()
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Bindings by id for a set of photos' binding ids (one query for a whole page). */
  byIds(userId: string, ids: string[]): Promise<StorageBinding[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('storage_bindings')
      .selectAll()
      .where('user_id', '=', userId)
      .where('id', 'in', ids)
      .execute();
  }

  /**
   * Make this bucket the user's active binding. Binding a bucket the user had before reuses its row, so
   * photos stored under it become readable again; any other active binding becomes unbound.
   */
  async activate(userId: string, binding: NewBinding, id: string, now: string): Promise<StorageBinding> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('storage_bindings')
        .set({ status: 'unbound', updated_at: now })
        .where('user_id', '=', userId)
        .where('status', '=', 'active')
        .execute();
      const existing = await trx
        .selectFrom('storage_bindings')
        .select('id')
        .where('user_id', '=', userId)
        .where('provider', '=', binding.provider)
        .where('bucket', '=', binding.bucket)
        .executeTakeFirst();
      if (existing) {
        return trx
          .updateTable('storage_bindings')
          .set({ ...binding, status: 'active', updated_at: now })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      return trx
        .insertInto('storage_bindings')
        .values({ ...binding, id, user_id: userId, status: 'active', created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async unbind(userId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('storage_bindings')
      .set({ status: 'unbound', updated_at: now })
      .where('user_id', '=', userId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recordError(userId: string, id: string, error: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('storage_bindings')
      .set({ last_error: error, updated_at: now })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .execute();
  }

  /** Operator checks (xiaojia doctor), across users: every active binding. */
  allActive(): Promise<StorageBinding[]> {
    return this.db.selectFrom('storage_bindings').selectAll().where('status', '=', 'active').execute();
  }
}
