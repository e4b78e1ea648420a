/** Who may see the device's multipart records (record.ts): the signed-in account, by the server's word. */
import type { ApiClient } from '../../api/client';
import type { RecordScope, ScopeSource } from './record';

/**
 * Whose records may be read: the signed-in account and its homes, asked of the server each time (one
 * batched request), so a sign-out or an account switch is never missed. Nobody when it cannot answer.
 */
export function sessionScope(api: Pick<ApiClient, 'auth' | 'homes'>): ScopeSource {
  return async (): Promise<RecordScope | null> => {
    try {
      const [me, homes] = await Promise.all([api.auth.me.query(), api.homes.list.query()]);
      return { userId: me.id, homeIds: new Set(homes.items.map((home) => home.id)) };
    } catch {
      return null;
    }
  };
}
