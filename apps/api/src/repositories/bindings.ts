/**
 * storage_bindings: a home's buckets, Qiniu or S3 (the active one, and unbound ones kept for their photos).
 * A bucket is its provider, its name and, for S3, its endpoint: two MinIO servers may both have "photos".
 */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { StorageBinding } from '../db/schema.js';

export type NewBinding = Omit<StorageBinding, 'id' | 'home_id' | 'created_at' | 'updated_at' | 'status'>;

export class BindingsRepository {
  constructor(private readonly db: Db) {}

  active(homeId: string): Promise<StorageBinding | undefined> {
    return this.db
      .selectFrom('storage_bindings')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  byId(homeId: string, id: string): Promise<StorageBinding | undefined> {
    return this.db
      .selectFrom('storage_bindings')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Bindings by id for a set of photos' binding ids (one query for a whole page). */
  byIds(homeId: string, ids: string[]): Promise<StorageBinding[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('storage_bindings')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('id', 'in', ids)
      .execute();
  }

  /**
   * Make this bucket the home's active binding. Binding a bucket the home had before (same provider, name
   * and endpoint) reuses its row, so photos stored under it become readable again; any other active binding
   * becomes unbound. A bucket of the same name elsewhere is another row (migration 0009's unique index).
   */
  async activate(homeId: string, binding: NewBinding, id: string, now: string): Promise<StorageBinding> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('storage_bindings')
        .set({ status: 'unbound', updated_at: now })
        .where('home_id', '=', homeId)
        .where('status', '=', 'active')
        .execute();
      const existing = await trx
        .selectFrom('storage_bindings')
        .select('id')
        .where('home_id', '=', homeId)
        .where('provider', '=', binding.provider)
        .where('bucket', '=', binding.bucket)
        .where(sql<string>`coalesce(endpoint, '')`, '=', binding.endpoint ?? '')
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
        .values({ ...binding, id, home_id: homeId, status: 'active', created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async unbind(homeId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('storage_bindings')
      .set({ status: 'unbound', updated_at: now })
      .where('home_id', '=', homeId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recordError(homeId: string, id: string, error: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('storage_bindings')
      .set({ last_error: error, updated_at: now })
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .execute();
  }

  /** Operator checks (xiaojia doctor), across users: every active binding. */
  allActive(): Promise<StorageBinding[]> {
    return this.db.selectFrom('storage_bindings').selectAll().where('status', '=', 'active').execute();
  }
}
