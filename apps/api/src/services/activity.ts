/**
 * The one place the activity feed (动态) is written. What one member does in a row is one entry: if their
 * newest entry of the same kind in the home was last touched within ACTIVITY_GROUP_WINDOW_MS, it grows
 * (count, photos, last_at) instead of a new row. The window slides with each addition, so an upload of 200
 * photos confirmed one by one over an hour is one "妈妈上传了 200 张照片" (the upload code has no batch id to
 * use instead: the client sends a pick of photos as several uploads.create calls of up to 50). A join never
 * groups; a milestone groups only with the previous one of the same child. The read-modify-write runs under
 * the member's lock (ActivitiesRepository.forActor), so racing requests extend one entry.
 */
import { ACTIVITY_PHOTOS_SHOWN, type ActivityKind } from '@xiaojia/shared';
import type { ActivitiesTable, ActivityRow, PhotoComment } from '../db/schema.js';
import { newId } from '../integrations/ids.js';
import { ActivitiesRepository } from '../repositories/activities.js';
import { CommentsRepository } from '../repositories/comments.js';
import type { AppDeps } from '../trpc/context.js';
import type { HomeMember } from './home-access.js';

/** An entry keeps growing while its member's next action of the kind comes within this long of the last. */
export const ACTIVITY_GROUP_WINDOW_MS = 30 * 60 * 1000;
/** How much of a comment the feed quotes ("奶奶评论：宝宝笑得真甜…"). */
export const ACTIVITY_QUOTE_MAX_CHARS = 40;
/** A milestone's title as given is kept up to this long. */
const ACTIVITY_TEXT_MAX_CHARS = 100;

export interface ActivityEvent {
  kind: ActivityKind;
  /** The photos it is about, newest first: an upload's new photo, the photo liked or commented on, a milestone's. */
  photoIds?: readonly string[] | undefined;
  /** comment: the comment's text (the entry quotes its opening words); milestone: the preset key or custom title. */
  text?: string | null | undefined;
  /** milestone: the child it belongs to. */
  childId?: string | null | undefined;
  /** comment: the comment's id, so deleting that comment takes its words out of the feed. */
  refId?: string | null | undefined;
}

/** The opening words of a comment: whitespace folded, cut at ACTIVITY_QUOTE_MAX_CHARS characters with "…". */
export function openingWords(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(folded);
  if (chars.length <= ACTIVITY_QUOTE_MAX_CHARS) return folded;
  let cut = chars.slice(0, ACTIVITY_QUOTE_MAX_CHARS).join('');
  // Between words where the language has spaces, not inside one.
  const space = cut.lastIndexOf(' ');
  if (space >= ACTIVITY_QUOTE_MAX_CHARS / 2) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** The photo ids an entry keeps: the new ones first, then the ones it had, without repeats, capped. */
function mergePhotoIds(fresh: readonly string[], kept: readonly string[]): string[] {
  return [...new Set([...fresh, ...kept])].slice(0, ACTIVITY_PHOTOS_SHOWN);
}

export function parsePhotoIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function textOf(event: ActivityEvent): string | null {
  if (event.text === undefined || event.text === null) return null;
  if (event.kind === 'comment') return openingWords(event.text);
  return Array.from(event.text).slice(0, ACTIVITY_TEXT_MAX_CHARS).join('');
}

/** Whether `event` extends `entry` (the member's newest of its kind) rather than starting a new one. */
function extends_(entry: ActivityRow | undefined, event: ActivityEvent, now: Date): entry is ActivityRow {
  if (!entry || event.kind === 'join') return false;
  if (event.kind === 'milestone' && entry.child_id !== (event.childId ?? null)) return false;
  return new Date(entry.last_at).getTime() >= now.getTime() - ACTIVITY_GROUP_WINDOW_MS;
}

export class ActivityService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  /**
   * Records what `member` just did. Photos already in the entry (liked again after an unlike) add nothing;
   * every comment and milestone counts. Answers the entry as it now is, and whether this started it.
   */
  async record(
    member: Pick<HomeMember, 'userId' | 'homeId'>,
    event: ActivityEvent,
  ): Promise<{ entry: ActivityRow; created: boolean; added: number }> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const fresh = [...new Set(event.photoIds ?? [])];
    const byPhoto = event.kind === 'upload' || event.kind === 'like';
    return new ActivitiesRepository(this.deps.db).forActor(member.homeId, member.userId, async (activities) => {
      const newest = await activities.newestOf(member.homeId, member.userId, event.kind);
      if (extends_(newest, event, now)) {
        const kept = parsePhotoIds(newest.photo_ids);
        const added = byPhoto ? fresh.filter((id) => !kept.includes(id)).length : 1;
        if (added === 0) return { entry: newest, created: false, added };
        const changes = {
          count: newest.count + added,
          photo_ids: JSON.stringify(mergePhotoIds(fresh, kept)),
          text: textOf(event) ?? newest.text,
          ref_id: event.refId ?? newest.ref_id,
          last_at: at,
        };
        await activities.update(member.homeId, newest.id, changes);
        return { entry: { ...newest, ...changes }, created: false, added };
      }
      const row: ActivitiesTable = {
        id: newId(now.getTime()),
        home_id: member.homeId,
        actor_id: member.userId,
        kind: event.kind,
        count: byPhoto ? Math.max(1, fresh.length) : 1,
        photo_ids: JSON.stringify(mergePhotoIds(fresh, [])),
        text: textOf(event),
        child_id: event.kind === 'milestone' ? (event.childId ?? null) : null,
        ref_id: event.refId ?? null,
        started_at: at,
        last_at: at,
      };
      await activities.insert(row);
      return { entry: row, created: true, added: row.count };
    });
  }

  /**
   * A comment was deleted: the entry that counted it counts one fewer (and goes at none), and if it quoted
   * that comment it quotes the author's newest remaining one of the run instead, or nothing.
   */
  async commentDeleted(comment: PhotoComment): Promise<void> {
    const { home_id: homeId, author_id: authorId } = comment;
    await new ActivitiesRepository(this.deps.db).forActor(homeId, authorId, async (activities, trx) => {
      const entry = await activities.holding(homeId, authorId, 'comment', comment.created_at);
      if (!entry) return;
      if (entry.count <= 1) return activities.delete(homeId, entry.id);
      let { text, ref_id } = entry;
      if (entry.ref_id === comment.id) {
        const newest = await new CommentsRepository(trx).newestBy(homeId, authorId, entry.started_at, entry.last_at);
        text = newest ? openingWords(newest.text) : null;
        ref_id = newest?.id ?? null;
      }
      await activities.update(homeId, entry.id, {
        count: entry.count - 1,
        photo_ids: entry.photo_ids,
        text,
        ref_id,
        last_at: entry.last_at,
      });
    });
  }
}
