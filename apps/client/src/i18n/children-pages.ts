/**
 * The children's pages' messages, added when a module of those pages loads: each calls this at its top
 * (a call, so no bundler drops it as an unused import), keeping the messages in their weapp subpackages.
 */
import { addMessages } from './index';
import { childrenPagesMessages } from './locales/children-pages';

let added = false;

export function loadChildrenPagesMessages(): void {
  if (added) return;
  added = true;
  addMessages(childrenPagesMessages);
}
