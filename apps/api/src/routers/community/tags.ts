/** Tags: the popular ones (services/community/tags.ts). */
import { zPopularTags, zPopularTagsInput } from '@xiaojia/shared';
import { TagsService } from '../../services/community/tags.js';
import { authedProcedure, router } from '../../trpc/init.js';

export const tagsRouter = router({
  /** The most used tags of the latest works that show, most used first (at most 30; cached a few minutes). */
  popular: authedProcedure
    .input(zPopularTagsInput)
    .output(zPopularTags)
    .query(({ ctx, input }) => new TagsService(ctx.deps).popular(input.limit)),
});
