/**
 * The asynchronous half of the content check: each image of a new work is sent to WeChat's
 * mediaCheckAsync (a signed URL of its snapshot, whose deadline is rounded to the photo URL window, so WeChat can
 * fetch it for an hour), and WeChat's verdict arrives later at the push URL (http/wechat-push.ts) under the
 * check's trace id. Checks are queued in the work's own transaction and sent right after it (a background
 * task) or by the next housekeeping sweep; a verdict is applied once (a replay finds nothing pending).
 * Only the community's own tables and work_photos lead to a photo: nothing here reads a home's lists.
 */
import type { Db } from '../../db/index.js';
import type { ModerationChecksTable, ModerationItemsTable } from '../../db/schema.js';
import { newId } from '../../integrations/ids.js';
import type { SecuritySuggest } from '../../integrations/wechat-security.js';
import type { AppDeps } from '../../trpc/context.js';
import { WorkImages } from './images.js';
import { WorkSnapshots } from './snapshots.js';

/** Checks sent per dispatch (the sweep comes back for the rest). */
const DISPATCH_BATCH = 50;

export class MediaChecks {
  constructor(private readonly deps: AppDeps) {}

  static async imagesToCheck(db: Db, item: { id: string }): Promise<number> {
    const row = await db
      .selectFrom('work_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('work_id', '=', item.id)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** One queued check per image of `workId`, for review item `itemId`; sent once the transaction is done. */
  async queue(db: Db, itemId: string, workId: string): Promise<void> {
    const images = await db.selectFrom('work_photos').select('id').where('work_id', '=', workId).execute();
    const now = this.deps.clock.now().toISOString();
    await db
      .insertInto('moderation_checks')
      .values(
        images.map((image) => ({
          id: newId(),
          item_id: itemId,
          work_photo_id: image.id,
          status: 'queued' as const,
          trace_id: null,
          created_at: now,
          answered_at: null,
        })),
      )
      .execute();
    this.deps.background.run('media checks', async () => {
      await this.dispatch();
    });
  }

  /** Sends queued checks to WeChat (each claimed first, so instances never send one twice). */
  async dispatch(): Promise<number> {
    const rows = await this.deps.db
      .selectFrom('moderation_checks as c')
      .innerJoin('moderation_items as i', 'i.id', 'c.item_id')
      .innerJoin('users as u', 'u.id', 'i.author_id')
      .innerJoin('work_photos as wp', 'wp.id', 'c.work_photo_id')
      .select(['c.id', 'c.item_id', 'u.wechat_openid', 'wp.snapshot_key', 'wp.snapshot_binding_id'])
      .where('c.status', '=', 'queued')
      .orderBy('c.created_at')
      .limit(DISPATCH_BATCH)
      .execute();
    let sent = 0;
    for (const row of rows) {
      const claimed = await this.deps.db
        .updateTable('moderation_checks')
        .set({ status: 'pending' })
        .where('id', '=', row.id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      const origin = this.deps.config.publicUrl;
      // The image as the community sees it (its snapshot), never the family photo's own object.
      const mediaUrl = origin ? await WorkImages.url(this.deps, origin, row) : null;
      try {
        if (!row.wechat_openid || !mediaUrl)
          throw new Error(origin ? 'no openid, no snapshot or an unbound bucket' : 'no XIAOJIA_PUBLIC_URL');
        const { traceId } = await this.deps.wechat.security.mediaCheckAsync({
          openid: row.wechat_openid,
          scene: 3,
          mediaUrl,
        });
        await this.deps.db
          .updateTable('moderation_checks')
          .set({ trace_id: traceId })
          .where('id', '=', row.id)
          .execute();
        sent += 1;
      } catch (error) {
        this.deps.logger.warn({ err: error, check: row.id }, 'media check could not be sent; held for review');
        await this.settle(row.id, row.item_id, 'error');
      }
    }
    return sent;
  }

  /**
   * WeChat's verdict for `traceId`. 'applied' once; 'ignored' for an unknown trace id or one already
   * answered (a replay). A risky image hides its work at once.
   */
  async answer(traceId: string, suggest: SecuritySuggest): Promise<'applied' | 'ignored'> {
    const check = await this.deps.db
      .selectFrom('moderation_checks')
      .select(['id', 'item_id'])
      .where('trace_id', '=', traceId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!check) return 'ignored';
    return (await this.settle(check.id, check.item_id, suggest)) ? 'applied' : 'ignored';
  }

  /** Records one check's outcome (if still pending) and sums the item's checks up, in one transaction. */
  private async settle(checkId: string, itemId: string, outcome: ModerationChecksTable['status']): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('moderation_checks')
        .set({ status: outcome, answered_at: now })
        .where('id', '=', checkId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      const statuses = await trx
        .selectFrom('moderation_checks')
        .select('status')
        .where('item_id', '=', itemId)
        .execute();
      const before = await trx
        .selectFrom('moderation_items')
        .select('check_status')
        .where('id', '=', itemId)
        .executeTakeFirst();
      // The text check's 'review' stands unless an image is worse.
      const images = summarize(statuses.map((s) => s.status));
      const summary = images === 'pass' && before?.check_status === 'review' ? 'review' : images;
      const item = await trx
        .updateTable('moderation_items')
        .set({ check_status: summary })
        .where('id', '=', itemId)
        .returning(['target_kind', 'target_id'])
        .executeTakeFirst();
      if (summary === 'risky' && item?.target_kind === 'work') {
        await trx
          .updateTable('works')
          .set({ status: 'hidden', review_reason: 'An image did not pass the content check', updated_at: now })
          .where('id', '=', item.target_id)
          .where('status', 'in', ['pending', 'published'])
          .execute();
        // Its snapshots are queued for deletion now; the sweep deletes them.
        await new WorkSnapshots(this.deps).retireWorks(trx, [item.target_id]);
      }
      return true;
    });
  }
}

/** An item's check from its images': risky if any is, then waiting, failed, review, else passed. */
function summarize(statuses: ModerationChecksTable['status'][]): ModerationItemsTable['check_status'] {
  for (const worst of ['risky', 'pending', 'error', 'review'] as const) {
    if (statuses.includes(worst)) return worst;
  }
  return statuses.includes('queued') ? 'pending' : 'pass';
}
