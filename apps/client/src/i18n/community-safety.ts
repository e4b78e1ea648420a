/**
 * The community's messages, contests, block list and review pages' messages, added when a module of those
 * pages loads (each calls this at its top), keeping them in their weapp subpackages (see children-pages.ts).
 */
import { addMessages } from './index';
import { communitySafetyMessages } from './locales/community-safety';

let added = false;

export function loadCommunitySafetyMessages(): void {
  if (added) return;
  added = true;
  addMessages(communitySafetyMessages);
}
