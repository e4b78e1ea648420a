/**
 * What a role may do in a home, as the screens need to know it (the server decides; these only keep
 * buttons away from people who would be refused). owner: everything; member (家人): uploads, albums, trashes
 * what they uploaded; viewer (亲友): sees and saves.
 */
import type { HomeRole } from '@xiaojia/shared';

export const canUpload = (role: HomeRole | undefined): boolean => role === 'owner' || role === 'member';

/** Album create / rename / delete / cover, and adding or removing photos. */
export const canEditAlbums = canUpload;

/** The trash lists what the user may restore (the server filters): nothing for a viewer. */
export const canOpenTrash = canUpload;

/** The owner trashes any photo, a member only the ones they uploaded. */
export function canTrashPhoto(role: HomeRole | undefined, uploaderId: string, myId: string | undefined): boolean {
  if (role === 'owner') return true;
  return role === 'member' && myId !== undefined && uploaderId === myId;
}

/** Binding and unbinding the bucket is the owner's alone. */
export const canManageStorage = (role: HomeRole | undefined): boolean => role === 'owner';
