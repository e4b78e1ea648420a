/**
 * Target previews (zTargetPreview) on review items and reports, so an admin judges without opening each:
 * a work's title, description and preview images, a comment's or message's text, a user's display name
 * and bio. One query per kind present on the page (and one WorkImages load for the works' images), never
 * one per row; null for a target that is gone. Only admin procedures answer these.
 */
import type { CommunityTarget, TargetPreview } from '@xiaojia/shared';
import { TargetsRepository } from '../../repositories/community/targets.js';
import type { AppDeps } from '../../trpc/context.js';
import { WorkImages } from './images.js';

export interface TargetRef {
  kind: CommunityTarget;
  targetId: string;
}

export class TargetPreviews {
  private constructor(private readonly byKey: Map<string, TargetPreview>) {}

  static async load(deps: AppDeps, origin: string, refs: readonly TargetRef[]): Promise<TargetPreviews> {
    const ids = (kind: CommunityTarget) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.targetId))];
    const repo = new TargetsRepository(deps.db);
    const workIds = ids('work');
    const [works, images, comments, messages, users] = await Promise.all([
      repo.works(workIds),
      workIds.length > 0 ? WorkImages.load(deps, origin, workIds) : undefined,
      repo.texts('comment', ids('comment')),
      repo.texts('message', ids('message')),
      repo.users(ids('user')),
    ]);
    const byKey = new Map<string, TargetPreview>();
    for (const w of works) {
      byKey.set(key('work', w.id), { title: w.title, text: w.text, images: images?.images(w.id, 'preview') ?? [] });
    }
    for (const c of comments) byKey.set(key('comment', c.id), { title: null, text: c.text, images: [] });
    for (const m of messages) byKey.set(key('message', m.id), { title: null, text: m.text, images: [] });
    for (const u of users) byKey.set(key('user', u.id), { title: u.display_name, text: u.bio ?? '', images: [] });
    return new TargetPreviews(byKey);
  }

  /** The preview of one target, or null when it is gone. */
  of(ref: TargetRef): TargetPreview | null {
    return this.byKey.get(key(ref.kind, ref.targetId)) ?? null;
  }
}

function key(kind: CommunityTarget, id: string): string {
  return `${kind}:${id}`;
}
