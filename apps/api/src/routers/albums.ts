import {
  zAlbum,
  zAlbumIdInput,
  zAlbumList,
  zAlbumPhotosInput,
  zCount,
  zCreateAlbumInput,
  zListAlbumsInput,
  zRenameAlbumInput,
  zSetCoverInput,
} from '@xiaojia/shared';
import { AlbumsService } from '../services/albums.js';
import { homeProcedure, router } from '../trpc/init.js';

export const albumsRouter = router({
  /** One page of the caller's albums, most recently changed first. */
  list: homeProcedure('view')
    .input(zListAlbumsInput)
    .output(zAlbumList)
    .query(({ ctx, input }) => new AlbumsService(ctx.deps).list(ctx.member, input, ctx.req.origin)),
  get: homeProcedure('view')
    .input(zAlbumIdInput)
    .output(zAlbum)
    .query(({ ctx, input }) => new AlbumsService(ctx.deps).get(ctx.member, input.id, ctx.req.origin)),
  create: homeProcedure('contribute')
    .input(zCreateAlbumInput)
    .output(zAlbum)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).create(ctx.member, input.name, ctx.req.origin)),
  rename: homeProcedure('contribute')
    .input(zRenameAlbumInput)
    .output(zAlbum)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).rename(ctx.member, input.id, input.name, ctx.req.origin)),
  delete: homeProcedure('contribute')
    .input(zAlbumIdInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).delete(ctx.member, input.id)),
  addPhotos: homeProcedure('contribute')
    .input(zAlbumPhotosInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).addPhotos(ctx.member, input)),
  removePhotos: homeProcedure('contribute')
    .input(zAlbumPhotosInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).removePhotos(ctx.member, input)),
  setCover: homeProcedure('contribute')
    .input(zSetCoverInput)
    .output(zAlbum)
    .mutation(({ ctx, input }) =>
      new AlbumsService(ctx.deps).setCover(ctx.member, input.albumId, input.photoId, ctx.req.origin),
    ),
});
