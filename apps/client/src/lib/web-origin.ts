/**
 * The web app's origin, which a bucket's CORS rules must allow: this page's own on H5; elsewhere the API
 * server's (it serves the web app too), from the build's TARO_APP_API_URL.
 */
export function webAppOrigin(): string {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') return window.location.origin;
  const api = process.env.TARO_APP_API_URL ?? '';
  return /^https?:\/\/[^/]+/i.exec(api)?.[0]?.toLowerCase() ?? 'https://your-xiaojia-server';
}
