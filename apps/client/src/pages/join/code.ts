/**
 * The invite code a join page was opened with: `code` from the link, the QR code and the WeChat card, or
 * `scene` from a mini-program code (getwxacodeunlimit opens the page with the scene URL-encoded).
 */
import { zInviteCode } from '@xiaojia/shared';

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The code, or null when the page has none or it is not shaped like one (a mangled link). */
export function inviteCodeFrom(params: Readonly<Record<string, string | undefined>>): string | null {
  for (const raw of [params.code, params.scene]) {
    if (!raw) continue;
    const parsed = zInviteCode.safeParse(decoded(raw));
    if (parsed.success) return parsed.data;
  }
  return null;
}
