/**
 * What upload services share: who may be answered photos by hash, and about an upload row: the storage it went to (refused once that bucket is
 * unbound), and, for S3 buckets, what the object really is (S3 keeps whatever Content-Type the uploader
 * sent, so the first bytes are read and sniffed).
 */
import { ACCEPTED_MIME } from '@xiaojia/shared';
import type { Upload } from '../db/schema.js';
import { AppError } from '../errors.js';
import { BindingsRepository } from '../repositories/bindings.js';
import { sniffMime } from '../storage/embedded/mime.js';
import type { StorageProvider } from '../storage/provider.js';
import { S3Storage } from '../storage/s3/storage.js';
import type { AppDeps } from '../trpc/context.js';
import { type HomeMember, roleCan } from './home-access.js';
import { storageAppError } from './storage.js';

/** Who asks about photos by hash: they may be answered only photos they can see (the trash's rule). */
export const hashViewer = (member: HomeMember) => ({
  userId: member.userId,
  seesAllTrash: roleCan(member, 'moderate'),
});

/** Enough of the start of a file for every accepted type's signature (an ISO BMFF `ftyp` box is 12+). */
export const SNIFF_HEAD_BYTES = 512;

/** The provider holding `upload`'s object; STORAGE_UNBOUND_PHOTO once its bucket is no longer bound. */
export async function uploadStorage(
  deps: AppDeps,
  upload: Pick<Upload, 'home_id' | 'binding_id'>,
  origin: string,
): Promise<StorageProvider> {
  const binding = upload.binding_id
    ? await new BindingsRepository(deps.db).byId(upload.home_id, upload.binding_id)
    : null;
  if (upload.binding_id && binding?.status !== 'active') {
    throw new AppError('STORAGE_UNBOUND_PHOTO', 'The bucket this upload went to is no longer bound');
  }
  return deps.storage.forBinding(binding, origin);
}

/**
 * The type an S3 object's bytes say it is (a ranged GET of its start). Anything the album does not accept
 * is deleted and refused; other providers sniff at upload themselves (Qiniu's mimeLimit, the embedded store).
 */
export async function sniffStored(
  deps: AppDeps,
  provider: StorageProvider,
  key: string,
  accepted: readonly string[] = ACCEPTED_MIME,
): Promise<string | null> {
  if (!(provider instanceof S3Storage)) return null;
  let head: Buffer;
  try {
    head = await provider.parts.head(key, SNIFF_HEAD_BYTES);
  } catch (error) {
    throw storageAppError(error);
  }
  const mime = sniffMime(head);
  if (!accepted.includes(mime)) {
    await provider.delete(key).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'could not delete an upload of a refused type');
    });
    throw new AppError('UPLOAD_UNSUPPORTED_TYPE', `The stored file is ${mime}, which the album does not accept`);
  }
  return mime;
}
