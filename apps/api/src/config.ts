/**
 * The only reader of process.env. One zod schema, parsed once at start-up; a wrong value stops the
 * process with a message naming the setting and what it allows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SCRYPT, type ScryptParams } from './integrations/password.js';

const PORT_RANGE = 'must be a whole number from 0 to 65535';
const zPort = z.coerce.number({ error: PORT_RANGE }).int(PORT_RANGE).min(0, PORT_RANGE).max(65535, PORT_RANGE);
const zBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting, its environment variable and its default. The README's table mirrors this list. */
export const zConfig = z.object({
  XIAOJIA_PORT: zPort.default(3000),
  XIAOJIA_HOST: z.string().min(1).default('0.0.0.0'),
  /** Where SQLite, embedded-store objects and generated secrets live. */
  XIAOJIA_DATA_DIR: z.string().min(1).default('./data'),
  /** Public origin clients use to reach this server (upload URL, signed URLs). Derived from the request when empty. */
  XIAOJIA_PUBLIC_URL: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  /** sqlite file path, or a postgres:// URL to scale out. Default: <data dir>/xiaojia.db */
  DATABASE_URL: z
    .string()
    .default('')
    .refine((v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^postgres(ql)?:\/\/[^/]/.test(v), {
      message: 'must be a SQLite file path or a postgres://user:password@host:port/database URL',
    }),
  /** PostgreSQL connections per instance (instances x pool size must stay under the server's max_connections). */
  XIAOJIA_DB_POOL_SIZE: z.coerce
    .number({ error: 'must be a whole number of connections from 1 to 100' })
    .int('must be a whole number of connections from 1 to 100')
    .min(1, 'must be a whole number of connections from 1 to 100')
    .max(100, 'must be a whole number of connections from 1 to 100')
    .default(10),
  /** Directory with the built H5 client to serve; empty disables static hosting. */
  XIAOJIA_H5_DIR: z.string().default(''),
  XIAOJIA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Embedded store directory. Default: <data dir>/objects */
  XIAOJIA_STORE_DIR: z.string().default(''),
  /**
   * ffmpeg and ffprobe for videos in the embedded store (poster frames, duration and size): a path, or a
   * name looked up on PATH. Missing programs leave videos stored and playable, without posters.
   */
  XIAOJIA_FFMPEG: z.string().min(1).default('ffmpeg'),
  XIAOJIA_FFPROBE: z.string().min(1).default('ffprobe'),
  /** Largest single upload accepted, in bytes. */
  XIAOJIA_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024 * 1024),
  /** WeChat mini-program credentials; sign-in with WeChat is off when empty. */
  WECHAT_APP_ID: z.string().default(''),
  WECHAT_APP_SECRET: z.string().default(''),
  /** code2session host; tests point it at a local fake. */
  WECHAT_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
  /**
   * The subscribe-message template (订阅消息, from the mini-program's admin console) that tells a member new
   * photos arrived; empty turns those messages off. Its fields: thing1 who uploaded, thing2 the home,
   * time3 when (services/notifications.ts).
   */
  WECHAT_SUBSCRIBE_TEMPLATE_ID: z
    .string()
    .max(128, 'must be a WeChat template id (at most 128 characters)')
    .regex(/^[A-Za-z0-9_-]*$/, 'must be a WeChat template id (letters, digits, - and _)')
    .default(''),
  /**
   * Server key (32 bytes, base64url) that seals bucket secret keys and signs download links. Several
   * instances must share it. Default: generated on first start in <data dir>/secrets/server.key (0600).
   */
  XIAOJIA_SECRET_KEY: z
    .string()
    .default('')
    .refine((v) => v === '' || (/^[A-Za-z0-9_-]{43}$/.test(v) && Buffer.from(v, 'base64url').length === 32), {
      message:
        'must be 32 random bytes in base64url (43 characters), e.g. from `openssl rand -base64 32 | tr "+/" "-_" | tr -d =`',
    }),
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  XIAOJIA_TRUST_PROXY: zBool.default(false),
  /**
   * Whether a home's owner may bind an S3 bucket on an endpoint they type (the MinIO and custom presets):
   * the server then calls that address, which could be one on the server's own network. Off unless the
   * operator, who knows that network, allows it.
   */
  XIAOJIA_S3_OWN_ENDPOINTS: zBool.default(false),
  /** On SIGTERM/SIGINT, how long requests in flight (uploads too) may take to finish before being cut off. */
  XIAOJIA_SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds from 0 to 3600' })
    .int('must be a whole number of seconds from 0 to 3600')
    .min(0, 'must be a whole number of seconds from 0 to 3600')
    .max(3600, 'must be a whole number of seconds from 0 to 3600')
    .default(30),
});

export type RawConfig = z.infer<typeof zConfig>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number };
  h5Dir: string;
  logLevel: RawConfig['XIAOJIA_LOG_LEVEL'];
  storeDir: string;
  maxUploadBytes: number;
  /** The programs the embedded store runs for videos (XIAOJIA_FFMPEG, XIAOJIA_FFPROBE). */
  video: { ffmpeg: string; ffprobe: string };
  wechat: { appId: string; appSecret: string; apiBase: string };
  /** The "new photos" subscribe-message template; empty: no such messages. */
  wechatSubscribeTemplateId: string;
  trustProxy: boolean;
  /** Owners may bind S3 buckets on endpoints of their own (MinIO, custom); see XIAOJIA_S3_OWN_ENDPOINTS. */
  s3OwnEndpoints: boolean;
  /** Empty: use (or create) the key file in the data dir. */
  secretKey: string;
  shutdownGraceMs: number;
  /**
   * scrypt cost for new password hashes (and the target of rehash-on-sign-in). Deliberately not a
   * setting: loadConfig always answers the production cost, so no environment variable or config file
   * can weaken every password. Only code that builds a Config itself can choose cheaper ones, and the
   * only such code is the tests' src/test/deps.ts.
   */
  passwordHashing: ScryptParams;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Values from the optional JSON config file (XIAOJIA_CONFIG) sit under the environment. */
function readConfigFile(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`XIAOJIA_CONFIG: cannot read ${file} (${(error as Error).message})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
  } catch (error) {
    throw new ConfigError(`XIAOJIA_CONFIG: ${file} is not a JSON object of settings (${(error as Error).message})`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = readConfigFile(env.XIAOJIA_CONFIG);
  const known = Object.keys(zConfig.shape);
  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of known) if (env[key] !== undefined && env[key] !== '') merged[key] = env[key];
  const unknownInFile = Object.keys(fromFile).filter((k) => !known.includes(k));
  if (unknownInFile.length > 0) {
    throw new ConfigError(`XIAOJIA_CONFIG: unknown setting(s) ${unknownInFile.join(', ')}`);
  }
  const parsed = zConfig.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const dataDir = path.resolve(raw.XIAOJIA_DATA_DIR);
  const dbUrl = raw.DATABASE_URL;
  const database: Config['database'] = /^postgres(ql)?:\/\//.test(dbUrl)
    ? { kind: 'postgres', url: dbUrl, poolSize: raw.XIAOJIA_DB_POOL_SIZE }
    : { kind: 'sqlite', file: dbUrl === '' ? path.join(dataDir, 'xiaojia.db') : dbUrl };
  return {
    port: raw.XIAOJIA_PORT,
    host: raw.XIAOJIA_HOST,
    dataDir,
    publicUrl: raw.XIAOJIA_PUBLIC_URL.replace(/\/+$/, ''),
    database,
    h5Dir: raw.XIAOJIA_H5_DIR === '' ? '' : path.resolve(raw.XIAOJIA_H5_DIR),
    logLevel: raw.XIAOJIA_LOG_LEVEL,
    storeDir: raw.XIAOJIA_STORE_DIR === '' ? path.join(dataDir, 'objects') : path.resolve(raw.XIAOJIA_STORE_DIR),
    maxUploadBytes: raw.XIAOJIA_MAX_UPLOAD_BYTES,
    video: { ffmpeg: raw.XIAOJIA_FFMPEG, ffprobe: raw.XIAOJIA_FFPROBE },
    wechat: { appId: raw.WECHAT_APP_ID, appSecret: raw.WECHAT_APP_SECRET, apiBase: raw.WECHAT_API_BASE },
    wechatSubscribeTemplateId: raw.WECHAT_SUBSCRIBE_TEMPLATE_ID,
    trustProxy: raw.XIAOJIA_TRUST_PROXY,
    s3OwnEndpoints: raw.XIAOJIA_S3_OWN_ENDPOINTS,
    secretKey: raw.XIAOJIA_SECRET_KEY,
    shutdownGraceMs: raw.XIAOJIA_SHUTDOWN_GRACE_SECONDS * 1000,
    passwordHashing: DEFAULT_SCRYPT,
  };
}
