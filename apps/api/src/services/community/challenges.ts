/**
 * Contests (摄影挑战). Admins create and edit them: a theme, rules, a cover work, a submission window and
 * the voting window right after it, entries per user. Users enter published works of their own while
 * submissions are open (CHALLENGE_CLOSED outside, CHALLENGE_ENTRY_LIMIT past the rules), and everyone
 * votes while voting is open: one vote per work per user, never for one's own (VOTE_OWN_WORK). When
 * voting ends the results are computed once (the housekeeping sweep, or the first read after the end,
 * whichever comes first) and stay on the challenge's page.
 */
import type {
  Challenge,
  ChallengeEntry,
  WorkImage,
  zChallengeCreateInput,
  zChallengeGetInput,
  zChallengeListInput,
  zChallengeUpdateInput,
} from '@xiaojia/shared';
import { COMMUNITY_PAGE_MAX } from '@xiaojia/shared';
import type { z } from 'zod';
import type { ChallengesTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import { ChallengesRepository } from '../../repositories/community/challenges.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { RateLimiter } from '../rate-limit.js';
import { refuseAcrossBlock } from './blocks.js';
import { ContentGate } from './gate.js';
import { WorkImages } from './images.js';
import type { Admin } from './moderation.js';
import { COMMUNITY_RATES } from './rates.js';

/** Results published per sweep (the rest come next time, or on first read). */
const RESULTS_PER_SWEEP = 20;

type Phase = Challenge['phase'];

export function phaseOf(
  c: Pick<ChallengesTable, 'submit_starts_at' | 'submit_ends_at' | 'vote_ends_at'>,
  now: string,
): Phase {
  if (now < c.submit_starts_at) return 'upcoming';
  if (now < c.submit_ends_at) return 'submitting';
  if (now < c.vote_ends_at) return 'voting';
  return 'ended';
}

const iso = (value: string) => new Date(value).toISOString();

export class ChallengesService {
  private readonly repo: ChallengesRepository;

  constructor(private readonly deps: AppDeps) {
    this.repo = new ChallengesRepository(deps.db);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * Challenges as answered, with their covers: the cover work's first image while it is published, null
   * otherwise. One query for which covers are published and one WorkImages load, for the whole page.
   */
  private async dtos(rows: readonly (ChallengesTable & { entries?: unknown })[], origin: string): Promise<Challenge[]> {
    const covers = rows.flatMap((r) => (r.cover_work_id ? [r.cover_work_id] : []));
    const published = [...(await this.repo.publishedWorks(covers))];
    const images = await WorkImages.load(this.deps, origin, published);
    return rows.map((row) =>
      this.dto(row, row.cover_work_id ? (images.first(row.cover_work_id, 'preview') ?? null) : null),
    );
  }

  private async one(row: ChallengesTable & { entries?: unknown }, origin: string): Promise<Challenge> {
    const [challenge] = await this.dtos([row], origin);
    if (!challenge) throw new Error('unreachable: one row in, one out');
    return challenge;
  }

  private dto(row: ChallengesTable & { entries?: unknown }, cover: WorkImage | null): Challenge {
    return {
      id: row.id,
      title: row.title,
      rules: row.rules,
      cover,
      coverWorkId: row.cover_work_id,
      submitStartsAt: row.submit_starts_at,
      submitEndsAt: row.submit_ends_at,
      voteEndsAt: row.vote_ends_at,
      entriesPerUser: row.entries_per_user,
      phase: phaseOf(row, this.now()),
      resultsAt: row.results_at,
      entries: Number(row.entries ?? 0),
    };
  }

  /** Windows in order (submissions open, close, voting closes) and a published cover, or BAD_INPUT / NOT_FOUND. */
  private async checkFields(
    fields: Pick<ChallengesTable, 'submit_starts_at' | 'submit_ends_at' | 'vote_ends_at' | 'cover_work_id'>,
  ) {
    if (!(fields.submit_starts_at < fields.submit_ends_at && fields.submit_ends_at < fields.vote_ends_at)) {
      throw new AppError('BAD_INPUT', 'Submissions must open, then close, then voting end, in that order', {
        field: 'submitEndsAt',
      });
    }
    if (fields.cover_work_id && !(await this.repo.publishedWorks([fields.cover_work_id])).has(fields.cover_work_id)) {
      throw new AppError('NOT_FOUND', 'No such published work for the cover');
    }
  }

  async create(admin: Admin, input: z.output<typeof zChallengeCreateInput>, origin: string): Promise<Challenge> {
    const row: ChallengesTable = {
      id: newId(),
      title: input.title,
      rules: input.rules,
      cover_work_id: input.coverWorkId ?? null,
      submit_starts_at: iso(input.submitStartsAt),
      submit_ends_at: iso(input.submitEndsAt),
      vote_ends_at: iso(input.voteEndsAt),
      entries_per_user: input.entriesPerUser,
      results_at: null,
      created_by: admin.userId,
      created_at: this.now(),
    };
    await this.checkFields(row);
    await this.repo.insert(row);
    return this.one(row, origin);
  }

  async update(input: z.output<typeof zChallengeUpdateInput>, origin: string): Promise<Challenge> {
    const current = await this.repo.byId(input.challengeId);
    if (!current) throw new AppError('NOT_FOUND', 'No such challenge');
    if (current.results_at) throw new AppError('CHALLENGE_CLOSED', 'The results are out: the challenge is closed');
    const fields = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.rules !== undefined ? { rules: input.rules } : {}),
      ...(input.coverWorkId !== undefined ? { cover_work_id: input.coverWorkId } : {}),
      ...(input.submitStartsAt !== undefined ? { submit_starts_at: iso(input.submitStartsAt) } : {}),
      ...(input.submitEndsAt !== undefined ? { submit_ends_at: iso(input.submitEndsAt) } : {}),
      ...(input.voteEndsAt !== undefined ? { vote_ends_at: iso(input.voteEndsAt) } : {}),
      ...(input.entriesPerUser !== undefined ? { entries_per_user: input.entriesPerUser } : {}),
    };
    const next = { ...current, ...fields };
    await this.checkFields(next);
    await this.repo.update(current.id, fields);
    return this.one(next, origin);
  }

  async list(input: z.output<typeof zChallengeListInput>, origin: string) {
    const now = this.now();
    const rows = await this.repo.page(input.when, now, input.limit + 1, cursorPosition(input.cursor));
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.submit_starts_at, id: r.id }));
    const rowsWithResults = [];
    for (const row of page.rows) rowsWithResults.push(await this.withResults(row));
    return { items: await this.dtos(rowsWithResults, origin), nextCursor: page.nextCursor };
  }

  /** Publishes the results of an ended challenge if nobody has yet (lazily, on read). */
  private async withResults<T extends ChallengesTable>(row: T): Promise<T> {
    const now = this.now();
    if (row.results_at !== null || row.vote_ends_at > now) return row;
    await this.repo.publishResults(row.id, now);
    const fresh = await this.repo.byId(row.id);
    return { ...row, results_at: fresh?.results_at ?? null };
  }

  async get(me: string, input: z.output<typeof zChallengeGetInput>, origin: string) {
    const found = await this.repo.byId(input.challengeId);
    if (!found) throw new AppError('NOT_FOUND', 'No such challenge');
    const challenge = await this.withResults(found);
    const after = cursorPosition(input.cursor);
    if (after && input.order === 'votes' && !/^\d{1,9}$/.test(after.sortAt)) {
      throw new AppError('BAD_INPUT', 'Invalid cursor', { field: 'cursor' });
    }
    const rows = await this.repo.entries(challenge.id, me, { order: input.order, limit: input.limit + 1, after });
    const page = toPage(rows, input.limit, (r) =>
      input.order === 'votes' ? { sortAt: String(r.votes), id: r.work_id } : { sortAt: r.created_at, id: r.work_id },
    );
    const winners = challenge.results_at
      ? await this.repo.entries(challenge.id, me, { order: 'votes', limit: COMMUNITY_PAGE_MAX, rank: 1 })
      : [];
    const count = await this.deps.db
      .selectFrom('challenge_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('challenge_id', '=', challenge.id)
      .executeTakeFirst();
    // One load for the page's and the winners' thumbs (the query shows published works only).
    const images = await WorkImages.load(
      this.deps,
      origin,
      [...page.rows, ...winners].map((r) => r.work_id),
    );
    const present = (r: EntryRow) => entryDto(r, images.first(r.work_id, 'thumb') ?? null);
    return {
      challenge: await this.one({ ...challenge, entries: count?.n ?? 0 }, origin),
      entries: { items: page.rows.map(present), nextCursor: page.nextCursor },
      winners: winners.map(present),
    };
  }

  /** An open challenge in `phase`, or NOT_FOUND / CHALLENGE_CLOSED. */
  private async open(challengeId: string, phase: Phase) {
    const challenge = await this.repo.byId(challengeId);
    if (!challenge) throw new AppError('NOT_FOUND', 'No such challenge');
    if (phaseOf(challenge, this.now()) !== phase) {
      throw new AppError(
        'CHALLENGE_CLOSED',
        phase === 'submitting' ? 'Submissions are not open' : 'Voting is not open',
        {
          phase: phaseOf(challenge, this.now()),
        },
      );
    }
    return challenge;
  }

  async submit(me: string, input: { challengeId: string; workId: string }) {
    await new ContentGate(this.deps).assertCanAct(me);
    const challenge = await this.open(input.challengeId, 'submitting');
    const work = await this.deps.db
      .selectFrom('works')
      .select(['author_id', 'status'])
      .where('id', '=', input.workId)
      .executeTakeFirst();
    if (!work || (work.author_id !== me && work.status !== 'published'))
      throw new AppError('NOT_FOUND', 'No such work');
    if (work.author_id !== me) throw new AppError('WORK_NOT_YOURS', 'Only its author can enter a work');
    if (work.status !== 'published') {
      throw new AppError('BAD_INPUT', 'Only a published work can be entered', { field: 'workId' });
    }
    const outcome = await this.repo.enter(
      { challenge_id: challenge.id, work_id: input.workId, user_id: me, created_at: this.now() },
      challenge.entries_per_user,
    );
    if (outcome === 'limit') {
      throw new AppError('CHALLENGE_ENTRY_LIMIT', `At most ${challenge.entries_per_user} entries per person`, {
        max: challenge.entries_per_user,
      });
    }
    return { entered: outcome === 'added' };
  }

  async vote(me: string, input: { challengeId: string; workId: string }, on: boolean) {
    await new ContentGate(this.deps).assertCanAct(me);
    const challenge = await this.open(input.challengeId, 'voting');
    const entry = await this.repo.entry(challenge.id, input.workId);
    if (!entry) throw new AppError('NOT_FOUND', 'No such entry');
    if (entry.user_id === me) throw new AppError('VOTE_OWN_WORK', 'You cannot vote for your own work');
    await refuseAcrossBlock(this.deps, me, entry.user_id, 'You cannot vote for this work');
    await new RateLimiter(this.deps).take(`community:vote:${me}`, COMMUNITY_RATES.vote, 'Too many votes');
    const votes = await this.repo.vote(challenge.id, input.workId, me, this.now(), on);
    return { votes, voted: on };
  }

  /** The sweep's part: results of challenges whose voting ended. */
  async publishDueResults(): Promise<number> {
    const now = this.now();
    let published = 0;
    for (const id of await this.repo.due(now, RESULTS_PER_SWEEP)) {
      if (await this.repo.publishResults(id, now)) published += 1;
    }
    return published;
  }
}

interface EntryRow {
  work_id: string;
  user_id: string;
  votes: number;
  rank: number | null;
  created_at: string;
  title: string;
  display_name: string;
  voter_id: string | null;
}

function entryDto(r: EntryRow, cover: WorkImage | null): ChallengeEntry {
  return {
    workId: r.work_id,
    title: r.title,
    author: { userId: r.user_id, displayName: r.display_name },
    cover,
    votes: Number(r.votes),
    rank: r.rank === null ? null : Number(r.rank),
    votedByMe: r.voter_id !== null,
    submittedAt: r.created_at,
  };
}
