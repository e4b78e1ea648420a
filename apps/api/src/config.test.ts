import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { DEFAULT_SCRYPT } from './integrations/password.js';

describe('configuration', () => {
  it('defaults to SQLite and the store under one data dir', () => {
    const config = loadConfig({ XIAOJIA_DATA_DIR: '/srv/xiaojia' });
    expect(config.database).toEqual({ kind: 'sqlite', file: '/srv/xiaojia/xiaojia.db' });
    expect(config.storeDir).toBe('/srv/xiaojia/objects');
    expect(config.shutdownGraceMs).toBe(30_000);
  });

  it('always hashes passwords at the production scrypt cost: no setting can lower it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-config-'));
    try {
      const file = path.join(dir, 'settings.json');
      writeFileSync(file, JSON.stringify({ passwordHashing: { N: 2 } }));
      expect(() => loadConfig({ XIAOJIA_CONFIG: file })).toThrow(/unknown setting\(s\) passwordHashing/);
      expect(loadConfig({ passwordHashing: 'N=2', XIAOJIA_SCRYPT_N: '2' }).passwordHashing).toEqual(DEFAULT_SCRYPT);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs on PostgreSQL when DATABASE_URL is a postgres URL', () => {
    for (const url of ['postgres://xj:pw@db:5432/xiaojia', 'postgresql://db/xiaojia']) {
      expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url, poolSize: 10 });
    }
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', XIAOJIA_DB_POOL_SIZE: '4' }).database).toMatchObject({
      poolSize: 4,
    });
  });

  it('stops on a wrong value with the setting and what it allows, never echoing the value', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ XIAOJIA_PORT: 'eighty' }, /XIAOJIA_PORT: must be a whole number from 0 to 65535/],
      [{ XIAOJIA_PORT: '70000' }, /XIAOJIA_PORT: must be a whole number from 0 to 65535/],
      [{ DATABASE_URL: 'mysql://root:hunter2@db/x' }, /DATABASE_URL: must be a SQLite file path or a postgres:/],
      [{ XIAOJIA_SHUTDOWN_GRACE_SECONDS: '-5' }, /XIAOJIA_SHUTDOWN_GRACE_SECONDS: must be a whole number of seconds/],
      [{ XIAOJIA_SECRET_KEY: 'too-short-secret' }, /XIAOJIA_SECRET_KEY: must be 32 random bytes in base64url/],
      [{ XIAOJIA_TRUST_PROXY: 'yes' }, /XIAOJIA_TRUST_PROXY: .*"true"/],
      [{ XIAOJIA_LOG_LEVEL: 'loud' }, /XIAOJIA_LOG_LEVEL: .*"info"/],
      [{ XIAOJIA_DB_POOL_SIZE: '0' }, /XIAOJIA_DB_POOL_SIZE: must be a whole number of connections from 1 to 100/],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as Error).message).not.toContain('too-short-secret');
    }
  });

  it('takes the subscribe-message template id, off when empty, and refuses one that is no template id', () => {
    expect(loadConfig({}).wechatSubscribeTemplateId).toBe('');
    const id = 'bDmywsp2oEHjwAadTGKkUHpzXGe5pXkgDFbYEoJq5hE';
    expect(loadConfig({ WECHAT_SUBSCRIBE_TEMPLATE_ID: id }).wechatSubscribeTemplateId).toBe(id);
    expect(() => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATE_ID: 'a b<script>' })).toThrow(
      /WECHAT_SUBSCRIBE_TEMPLATE_ID: must be a WeChat template id/,
    );
    expect(() => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATE_ID: 'x'.repeat(129) })).toThrow(
      /WECHAT_SUBSCRIBE_TEMPLATE_ID: must be a WeChat template id/,
    );
  });

  it('reads the optional JSON file, under the environment, and refuses unknown keys in it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-config-'));
    try {
      const file = path.join(dir, 'xiaojia.json');
      writeFileSync(file, JSON.stringify({ XIAOJIA_PORT: 8080, XIAOJIA_SHUTDOWN_GRACE_SECONDS: 5 }));
      expect(loadConfig({ XIAOJIA_CONFIG: file })).toMatchObject({ port: 8080, shutdownGraceMs: 5000 });
      expect(loadConfig({ XIAOJIA_CONFIG: file, XIAOJIA_PORT: '9090' }).port).toBe(9090);
      writeFileSync(file, JSON.stringify({ XIAOJIA_PROT: 8080 }));
      expect(() => loadConfig({ XIAOJIA_CONFIG: file })).toThrow(/unknown setting\(s\) XIAOJIA_PROT/);
      writeFileSync(file, '{ not json');
      expect(() => loadConfig({ XIAOJIA_CONFIG: file })).toThrow(/XIAOJIA_CONFIG: .* is not a JSON object/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
