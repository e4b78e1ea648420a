/** challenges (摄影挑战), their entries and votes. Votes are counted on the entry in the vote's transaction. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { ChallengesTable } from '../../db/schema.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';
import { notBlocked } from './blocks.js';

export type ChallengeWhen = 'current' | 'upcoming' | 'past';

export class ChallengesRepository {
  constructor(private readonly db: Db) {}

  async insert(row: ChallengesTable): Promise<void> {
    await this.db.insertInto('challenges').values(row).execute();
  }

  async update(id: string, fields: Partial<ChallengesTable>): Promise<void> {
    await this.db.updateTable('challenges').set(fields).where('id', '=', id).execute();
  }

  /** Which of these works are published (a challenge's cover shows only then). */
  async publishedWorks(workIds: readonly string[]): Promise<Set<string>> {
    if (workIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('works')
      .select('id')
      .where('id', 'in', [...new Set(workIds)])
      .where('status', '=', 'published')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  byId(id: string) {
    return this.db.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** current and past: latest start first; upcoming: soonest first. With each one's entry count. */
  page(when: ChallengeWhen, now: string, limit: number, after?: Keyset) {
    const order = when === 'upcoming' ? 'asc' : 'desc';
    let query = this.db
      .selectFrom('challenges as c')
      .selectAll('c')
      .select((eb) =>
        eb
          .selectFrom('challenge_entries as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.challenge_id', '=', 'c.id')
          .as('entries'),
      );
    if (when === 'upcoming') query = query.where('c.submit_starts_at', '>', now);
    if (when === 'current') query = query.where('c.submit_starts_at', '<=', now).where('c.vote_ends_at', '>', now);
    if (when === 'past') query = query.where('c.vote_ends_at', '<=', now);
    if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'c.submit_starts_at', id: 'c.id' }, after, order));
    return query.orderBy('c.submit_starts_at', order).orderBy('c.id', order).limit(limit).execute();
  }

  /**
   * Entries of published works with their author and whether `me` voted: by votes (then work id) or newest.
   * Entries of authors blocked with `me` either way are left out (results and ranks stay everyone's).
   */
  entries(
    challengeId: string,
    me: string,
    options: { order: 'votes' | 'time'; limit: number; after?: Keyset | undefined; rank?: number },
  ) {
    let query = this.db
      .selectFrom('challenge_entries as e')
      .innerJoin('works as w', 'w.id', 'e.work_id')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .leftJoin('challenge_votes as v', (join) =>
        join
          .onRef('v.challenge_id', '=', 'e.challenge_id')
          .onRef('v.work_id', '=', 'e.work_id')
          .on('v.voter_id', '=', me),
      )
      .select([
        'e.work_id',
        'e.user_id',
        'e.votes',
        'e.rank',
        'e.created_at',
        'w.title',
        'u.display_name',
        'v.voter_id',
      ])
      .where('e.challenge_id', '=', challengeId)
      .where('w.status', '=', 'published')
      .where((eb) => notBlocked(eb, eb.val(me), eb.ref('e.user_id')));
    if (options.rank !== undefined) query = query.where('e.rank', '=', options.rank);
    const after = options.after;
    if (options.order === 'votes') {
      if (after) {
        const votes = Number(after.sortAt);
        query = query.where((eb) =>
          eb.or([eb('e.votes', '<', votes), eb.and([eb('e.votes', '=', votes), eb('e.work_id', '>', after.id)])]),
        );
      }
      query = query.orderBy('e.votes', 'desc').orderBy('e.work_id', 'asc');
    } else {
      if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'e.created_at', id: 'e.work_id' }, after, 'desc'));
      query = query.orderBy('e.created_at', 'desc').orderBy('e.work_id', 'desc');
    }
    return query.limit(options.limit).execute();
  }

  entry(challengeId: string, workId: string) {
    return this.db
      .selectFrom('challenge_entries')
      .selectAll()
      .where('challenge_id', '=', challengeId)
      .where('work_id', '=', workId)
      .executeTakeFirst();
  }

  /**
   * Enters the work unless the user already has `max` entries, in one statement (SQLite runs it under its
   * write lock, so racing submissions cannot pass the limit). 'added', 'exists' or 'limit'.
   */
  async enter(row: { challenge_id: string; work_id: string; user_id: string; created_at: string }, max: number) {
    if (await this.entry(row.challenge_id, row.work_id)) return 'exists' as const;
    const result = await this.db
      .insertInto('challenge_entries')
      .columns(['challenge_id', 'work_id', 'user_id', 'votes', 'rank', 'created_at'])
      .expression(
        this.db
          .selectNoFrom([
            sql<string>`cast(${row.challenge_id} as text)`.as('challenge_id'),
            sql<string>`cast(${row.work_id} as text)`.as('work_id'),
            sql<string>`cast(${row.user_id} as text)`.as('user_id'),
            sql<number>`cast(${0} as integer)`.as('votes'),
            sql<number | null>`cast(${null} as integer)`.as('rank'),
            sql<string>`cast(${row.created_at} as text)`.as('created_at'),
          ])
          .where((eb) =>
            eb(
              eb
                .selectFrom('challenge_entries')
                .select(eb.fn.countAll().as('n'))
                .where('challenge_id', '=', row.challenge_id)
                .where('user_id', '=', row.user_id),
              '<',
              max,
            ),
          ),
      )
      .onConflict((oc) => oc.columns(['challenge_id', 'work_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? ('added' as const) : ('limit' as const);
  }

  /** One vote (idempotent) and its count, together. Answers the entry's votes. */
  async vote(challengeId: string, workId: string, voterId: string, at: string, on: boolean): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const changed = on
        ? Number(
            (
              await trx
                .insertInto('challenge_votes')
                .values({ challenge_id: challengeId, work_id: workId, voter_id: voterId, created_at: at })
                .onConflict((oc) => oc.columns(['challenge_id', 'work_id', 'voter_id']).doNothing())
                .executeTakeFirst()
            ).numInsertedOrUpdatedRows ?? 0,
          )
        : Number(
            (
              await trx
                .deleteFrom('challenge_votes')
                .where('challenge_id', '=', challengeId)
                .where('work_id', '=', workId)
                .where('voter_id', '=', voterId)
                .executeTakeFirst()
            ).numDeletedRows,
          );
      if (changed > 0) {
        await trx
          .updateTable('challenge_entries')
          .set((eb) => ({ votes: eb('votes', on ? '+' : '-', 1) }))
          .where('challenge_id', '=', challengeId)
          .where('work_id', '=', workId)
          .execute();
      }
      const entry = await trx
        .selectFrom('challenge_entries')
        .select('votes')
        .where('challenge_id', '=', challengeId)
        .where('work_id', '=', workId)
        .executeTakeFirstOrThrow();
      return Number(entry.votes);
    });
  }

  /**
   * Publishes the results once: claims results_at (only if voting has ended and no one did before), then
   * ranks the published works' entries by votes, ties sharing a rank (1, 1, 3). False: not due, or done.
   */
  async publishResults(challengeId: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('challenges')
        .set({ results_at: now })
        .where('id', '=', challengeId)
        .where('results_at', 'is', null)
        .where('vote_ends_at', '<=', now)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return false;
      const tallies = await trx
        .selectFrom('challenge_entries as e')
        .innerJoin('works as w', 'w.id', 'e.work_id')
        .select(['e.votes', (eb) => eb.fn.countAll<number>().as('n')])
        .where('e.challenge_id', '=', challengeId)
        .where('w.status', '=', 'published')
        .groupBy('e.votes')
        .orderBy('e.votes', 'desc')
        .execute();
      let rank = 1;
      for (const tally of tallies) {
        await trx
          .updateTable('challenge_entries')
          .set({ rank })
          .where('challenge_id', '=', challengeId)
          .where('votes', '=', tally.votes)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('works')
                .select('works.id')
                .whereRef('works.id', '=', 'challenge_entries.work_id')
                .where('works.status', '=', 'published'),
            ),
          )
          .execute();
        rank += Number(tally.n);
      }
      return true;
    });
  }

  /** Challenges whose voting has ended without results yet (the sweep's work), a bounded batch. */
  async due(now: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('challenges')
      .select('id')
      .where('results_at', 'is', null)
      .where('vote_ends_at', '<=', now)
      .orderBy('vote_ends_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }
}
