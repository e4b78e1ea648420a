/**
 * The family pages' messages (members, invites, joining), added when a module of those pages loads: each
 * calls this at its top (a call, so no bundler drops it as an unused import), keeping the messages in their
 * weapp subpackages. Adding them again changes nothing (addMessages).
 */
import { addMessages } from './index';
import { familyPagesMessages } from './locales/family-pages';

export function loadFamilyPagesMessages(): void {
  addMessages(familyPagesMessages);
}
