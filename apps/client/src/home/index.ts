/** The current home (see current-home.ts) and what the screens use of it. */
export { currentHomeStore, pickCurrentHome } from './current-home';
export { canEditAlbums, canManageStorage, canOpenTrash, canTrashPhoto, canUpload } from './permissions';
export { type CurrentHome, makeHomeCurrent, useCurrentHome, useMakeHomeCurrent } from './use-current-home';
