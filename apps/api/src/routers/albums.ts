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
import { authedProcedure, router } from '../trpc/init.js';

export const albumsRouter = router({
  /** One page of the caller's albums, most recently changed first. */
  list: authedProcedure
    .input(zListAlbumsInput)
    .output(zAlbumList)
    .query(({ ctx, input }) => new AlbumsService(ctx.deps).list(ctx.user, input, ctx.req.origin)),
  get: authedProcedure
    .input(zAlbumIdInput)
    .output(zAlbum)
    .query(({ ctx, input }) => new AlbumsService(ctx.deps).get(ctx.user, input.id, ctx.req.origin)),
  create: authedProcedure
    .input(zCreateAlbumInput)
    .output(zAlbum)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).create(ctx.user, input.name, ctx.req.origin)),
  rename: authedProcedure
    .input(zRenameAlbumInput)
    .output(zAlbum)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).rename(ctx.user, input.id, input.name, ctx.req.origin)),
  delete: authedProcedure
    .input(zAlbumIdInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).delete(ctx.user, input.id)),
  addPhotos: authedProcedure
    .input(zAlbumPhotosInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).addPhotos(ctx.user, input)),
  removePhotos: authedProcedure
    .input(zAlbumPhotosInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new AlbumsService(ctx.deps).removePhotos(ctx.user, input)),
  setCover: authedProcedure
    .input(zSetCoverInput)
    .output(zAlbum)
    .mutation(({ ctx, input }) =>
      new AlbumsService(ctx.deps).setCover(ctx.user, input.albumId, input.photoId, ctx.req.origin),
    ),
});
