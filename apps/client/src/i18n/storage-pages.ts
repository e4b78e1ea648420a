/**
 * The storage page's messages (status, Qiniu and S3 forms, provider picker, guides, region names), added when a
 * module of that page loads: each calls this at its top, keeping them in the weapp subpackage (see
 * children-pages.ts).
 */
import { addMessages } from './index';
import { storageMessages } from './locales/storage';
import { storageGuidesMessages } from './locales/storage-guides';
import { storageRegionsMessages } from './locales/storage-regions';
import { storageS3Messages } from './locales/storage-s3';
import { storageUncheckedMessages } from './locales/storage-unchecked';

let added = false;

export function loadStoragePagesMessages(): void {
  if (added) return;
  added = true;
  addMessages(storageMessages);
  addMessages(storageS3Messages);
  addMessages(storageGuidesMessages);
  addMessages(storageRegionsMessages);
  addMessages(storageUncheckedMessages);
}
