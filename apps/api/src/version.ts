/** Set by the production bundle (esbuild define); "dev" when running from source. */
declare const __XIAOJIA_VERSION__: string | undefined;
export const VERSION: string = typeof __XIAOJIA_VERSION__ === 'string' ? __XIAOJIA_VERSION__ : 'dev';
