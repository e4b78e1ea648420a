/**
 * The community works pages' messages (a work, publish, a profile), added when a module of those pages
 * loads: each calls this at its top, keeping the messages out of the weapp main package.
 */
import { addMessages } from './index';
import { worksPagesMessages } from './locales/works-pages';

let added = false;

export function loadWorksPagesMessages(): void {
  if (added) return;
  added = true;
  addMessages(worksPagesMessages);
}
