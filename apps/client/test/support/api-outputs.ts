/**
 * What each API procedure may answer: the shared schema its router declares with .output() (photos.list,
 * which answers unchecked for speed, is typed and tested as zPhotoPage). The scripted server of screen
 * tests (screen.tsx) holds every scripted answer to these, so no test passes on an answer the real API could
 * never give. api-outputs.test.ts checks this list against the router itself.
 */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@xiaojia/api';
import {
  zAccountDeletion,
  zAccountDeletionSummary,
  zAlbum,
  zAlbumList,
  zAuthOk,
  zAuthResult,
  zChangePasswordResult,
  zConfirmUploadResult,
  zCount,
  zCreatedInvite,
  zDeviceList,
  zEcho,
  zExportLink,
  zHealth,
  zHome,
  zHomeDeletion,
  zHomeList,
  zInviteList,
  zInvitePreview,
  zMe,
  zMemberPage,
  zPhotoBuckets,
  zPhotoDetail,
  zPhotoPage,
  zPurgeResult,
  zStorageStatus,
  zUploadTickets,
  zWxaCode,
} from '@xiaojia/shared';
import type { z } from 'zod';

type Outputs = inferRouterOutputs<AppRouter>;
/** "albums.list", "auth.me", … every procedure of the API. */
export type ProcedurePath = {
  [Domain in keyof Outputs & string]: `${Domain}.${keyof Outputs[Domain] & string}`;
}[keyof Outputs & string];

export const OUTPUTS: Record<ProcedurePath, z.ZodType> = {
  'health.check': zHealth,
  'health.echo': zEcho,
  'auth.signUp': zAuthResult,
  'auth.signIn': zAuthResult,
  'auth.signInWithWechat': zAuthResult,
  'auth.linkWechat': zMe,
  'auth.signOut': zAuthOk,
  'auth.me': zMe,
  'auth.changePassword': zChangePasswordResult,
  'auth.setDisplayName': zMe,
  'auth.devices': zDeviceList,
  'auth.revokeDevice': zAuthOk,
  'homes.list': zHomeList,
  'homes.get': zHome,
  'homes.create': zHome,
  'homes.update': zHome,
  'homes.delete': zHomeDeletion,
  'homes.members': zMemberPage,
  'homes.setRole': zAuthOk,
  'homes.removeMember': zAuthOk,
  'homes.leave': zAuthOk,
  'homes.transferOwnership': zHome,
  'invites.create': zCreatedInvite,
  'invites.list': zInviteList,
  'invites.revoke': zAuthOk,
  'invites.miniProgramCode': zWxaCode,
  'invites.preview': zInvitePreview,
  'invites.accept': zHome,
  'storage.status': zStorageStatus,
  'storage.bind': zStorageStatus,
  'storage.unbind': zStorageStatus,
  'uploads.create': zUploadTickets,
  'uploads.confirm': zConfirmUploadResult,
  'photos.list': zPhotoPage,
  'photos.get': zPhotoDetail,
  'photos.trash': zCount,
  'photos.restore': zCount,
  'photos.purge': zPurgeResult,
  'photos.buckets': zPhotoBuckets,
  'account.deletion': zAccountDeletionSummary,
  'account.delete': zAccountDeletion,
  'exports.create': zExportLink,
  'albums.list': zAlbumList,
  'albums.get': zAlbum,
  'albums.create': zAlbum,
  'albums.rename': zAlbum,
  'albums.delete': zCount,
  'albums.addPhotos': zCount,
  'albums.removePhotos': zCount,
  'albums.setCover': zAlbum,
};

export function isProcedurePath(path: string): path is ProcedurePath {
  return Object.hasOwn(OUTPUTS, path);
}
