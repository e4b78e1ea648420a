/** Albums: create, rename, delete (photos stay in the library), add/remove photos, cover, counts. */
import {
  ALBUMS_PER_HOME_MAX,
  type Album as AlbumDto,
  type AlbumList,
  type AlbumPhotosInput,
  type Count,
  type ListAlbumsInput,
  zListAlbumsInput,
} from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { type AlbumRow, AlbumsRepository } from '../repositories/albums.js';
import { PhotosRepository } from '../repositories/photos.js';
import type { AppDeps } from '../trpc/context.js';
import { type HomeMember, roleCan } from './home-access.js';
import { cursorPosition, toPage } from './paging.js';
import { PhotoViews } from './photo-views.js';
import { requirePhotosInHome } from './photos.js';

export class AlbumsService {
  private readonly albums: AlbumsRepository;
  private readonly photos: PhotosRepository;

  constructor(private readonly deps: AppDeps) {
    this.albums = new AlbumsRepository(deps.db);
    this.photos = new PhotosRepository(deps.db);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Album rows to DTOs, signing every cover with one bindings lookup for the whole list. */
  private async present(member: HomeMember, rows: AlbumRow[], origin: string): Promise<AlbumDto[]> {
    const coverIds = rows.map((r) => r.cover_id).filter((id): id is string => id !== null);
    const covers = await this.photos.byIds(member.homeId, coverIds);
    const views = await PhotoViews.for(this.deps, member.homeId, origin, covers);
    const byId = new Map(covers.map((p) => [p.id, p]));
    return rows.map((row) => {
      const cover = row.cover_id ? byId.get(row.cover_id) : undefined;
      return {
        id: row.id,
        name: row.name,
        photoCount: row.photo_count,
        coverPhotoId: cover?.id ?? null,
        coverThumbUrl: cover ? views.url(cover, 'thumb') : null,
        coverChosen: cover !== undefined && cover.id === row.cover_photo_id,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }

  private async one(member: HomeMember, id: string, origin: string): Promise<AlbumDto> {
    const row = await this.albums.byId(member.homeId, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such album');
    const [album] = await this.present(member, [row], origin);
    if (!album) throw new AppError('NOT_FOUND', 'No such album');
    return album;
  }

  async list(member: HomeMember, rawInput: ListAlbumsInput, origin: string): Promise<AlbumList> {
    const input = zListAlbumsInput.parse(rawInput);
    const after = cursorPosition(input.cursor);
    const rows = await this.albums.page(
      member.homeId,
      input.limit + 1,
      after && { updatedAt: after.sortAt, id: after.id },
    );
    const page = toPage(rows, input.limit, (row) => ({ sortAt: row.updated_at, id: row.id }));
    return { items: await this.present(member, page.rows, origin), nextCursor: page.nextCursor };
  }

  get(member: HomeMember, id: string, origin: string): Promise<AlbumDto> {
    return this.one(member, id, origin);
  }

  /** At most ALBUMS_PER_HOME_MAX albums, so a photo's album ids (photos.get) stay a bounded list. */
  async create(member: HomeMember, name: string, origin: string): Promise<AlbumDto> {
    if ((await this.albums.count(member.homeId)) >= ALBUMS_PER_HOME_MAX) {
      throw new AppError('ALBUM_LIMIT_REACHED', `A home may have at most ${ALBUMS_PER_HOME_MAX} albums`, {
        max: ALBUMS_PER_HOME_MAX,
      });
    }
    const now = this.now();
    const id = newId();
    await this.albums.insert({
      id,
      home_id: member.homeId,
      created_by: member.userId,
      name,
      cover_photo_id: null,
      created_at: now,
      updated_at: now,
    });
    return this.one(member, id, origin);
  }

  async rename(member: HomeMember, id: string, name: string, origin: string): Promise<AlbumDto> {
    if (!(await this.albums.rename(member.homeId, id, name, this.now())))
      throw new AppError('NOT_FOUND', 'No such album');
    return this.one(member, id, origin);
  }

  async delete(member: HomeMember, id: string): Promise<Count> {
    const album = await this.albums.byId(member.homeId, id);
    if (!album) throw new AppError('NOT_FOUND', 'No such album');
    if (!roleCan(member, 'moderate') && album.created_by !== member.userId) {
      throw new AppError('FORBIDDEN', 'Only the owner of the home can delete an album someone else made', {
        role: member.role,
        needs: 'owner',
      });
    }
    if (!(await this.albums.delete(member.homeId, id))) throw new AppError('NOT_FOUND', 'No such album');
    return { count: 1 };
  }

  /** The album and every photo must be in the caller's home; otherwise NOT_FOUND and nothing changes. */
  private async requireAlbumAndPhotos(member: HomeMember, input: AlbumPhotosInput): Promise<string[]> {
    if (!(await this.albums.exists(member.homeId, input.albumId))) throw new AppError('NOT_FOUND', 'No such album');
    return requirePhotosInHome(this.photos, member.homeId, input.photoIds);
  }

  async addPhotos(member: HomeMember, input: AlbumPhotosInput): Promise<Count> {
    const ids = await this.requireAlbumAndPhotos(member, input);
    return { count: await this.albums.addPhotos(input.albumId, ids, this.now()) };
  }

  async removePhotos(member: HomeMember, input: AlbumPhotosInput): Promise<Count> {
    const ids = await this.requireAlbumAndPhotos(member, input);
    return { count: await this.albums.removePhotos(input.albumId, ids, this.now()) };
  }

  async setCover(member: HomeMember, albumId: string, photoId: string | null, origin: string): Promise<AlbumDto> {
    if (photoId) await this.requireAlbumAndPhotos(member, { albumId, photoIds: [photoId] });
    if (photoId && !(await this.albums.albumIdsOfPhoto(member.homeId, photoId)).includes(albumId)) {
      throw new AppError('BAD_INPUT', 'The cover must be a photo in the album', { field: 'photoId' });
    }
    if (!(await this.albums.setCover(member.homeId, albumId, photoId, this.now()))) {
      throw new AppError('NOT_FOUND', 'No such album');
    }
    return this.one(member, albumId, origin);
  }
}
