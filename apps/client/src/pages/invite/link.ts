/**
 * Where an invite points. The link and the QR code carry the H5 address (inviteLink from @xiaojia/shared)
 * on the server's origin, known as the API's address is (api/client.ts): TARO_APP_API_URL when the build
 * was given one, else, on H5, the page's own origin (the API serves the H5 app). The WeChat share card
 * opens the join page inside the mini-program instead.
 */
import { inviteLink, JOIN_PAGE } from '@xiaojia/shared';
import { withQuery } from '../../routes';

/** The origin the app reaches the server on, or null where the build does not know it. */
export function serverOrigin(taroEnv: string | undefined, configured: string | undefined, pageOrigin?: string) {
  const base = (configured ?? '').trim().replace(/\/+$/, '');
  const origin = /^https?:\/\/[^/]+/.exec(base)?.[0];
  if (origin) return origin;
  if (taroEnv === 'h5' && pageOrigin && /^https?:\/\//.test(pageOrigin)) return pageOrigin;
  return null;
}

/** The app's own server origin (for this build and page). */
export function appServerOrigin(): string | null {
  const pageOrigin = typeof window !== 'undefined' ? window.location?.origin : undefined;
  return serverOrigin(process.env.TARO_ENV, process.env.TARO_APP_API_URL, pageOrigin);
}

/** The link to send, or null when this build cannot say where the server is. */
export function inviteLinkFor(origin: string | null, code: string): string | null {
  return origin ? inviteLink(origin, code) : null;
}

/** The mini-program path a WeChat share card opens. */
export function joinPagePath(code: string): string {
  return withQuery(`/${JOIN_PAGE}`, { code });
}
