/**
 * The storage page's S3 messages (provider picker, S3 form, guides, region names), added when a module of that page
 * loads: each calls this at its top, keeping them in the weapp subpackage (see children-pages.ts).
 */
import { addMessages } from './index';
import { storageGuidesMessages } from './locales/storage-guides';
import { storageRegionsMessages } from './locales/storage-regions';
import { storageS3Messages } from './locales/storage-s3';
import { storageUncheckedMessages } from './locales/storage-unchecked';

let added = false;

export function loadStoragePagesMessages(): void {
  if (added) return;
  added = true;
  addMessages(storageS3Messages);
  addMessages(storageGuidesMessages);
  addMessages(storageRegionsMessages);
  addMessages(storageUncheckedMessages);
}
