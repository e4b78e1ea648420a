import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog, LIST_SQL, type ObjectRecord } from './catalog.js';

function record(key: string): ObjectRecord {
  return {
    key,
    file: `f-${key.length}-${Buffer.from(key).toString('hex').slice(0, 20)}`,
    fsize: key.length,
    hash: 'Fto5o-5ea0sNMlW_75VgGJCv2AcJ',
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    mimeType: 'text/plain',
    putTime: 1,
    width: null,
    height: null,
    endUser: null,
  };
}

/** Kodo lists keys in UTF-8 byte order. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('Catalog', () => {
  let dir: string;
  let catalog: Catalog;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalog-'));
    catalog = new Catalog(path.join(dir, 'index.sqlite'));
  });
  afterEach(async () => {
    catalog.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pages through thousands of keys under a prefix in byte order, each page cheap', () => {
    const keys: string[] = [];
    for (let user = 0; user < 3; user++) {
      for (let i = 0; i < 2000; i++)
        keys.push(`u/${user}/${String(i).padStart(5, '0')}-${i % 7 === 0 ? '照片' : 'p'}.jpg`);
    }
    keys.push('u/1', 'u/10/x', 'u/1/', 'u/1/\u{1F600}', 'u/1/\uFFFF');
    for (const key of keys) catalog.put(record(key));

    const expected = keys.filter((k) => k.startsWith('u/1/')).sort(byteOrder);
    const seen: string[] = [];
    let after = '';
    let pages = 0;
    for (;;) {
      const page = catalog.list({ prefix: 'u/1/', after, limit: 333, delimiter: '' });
      seen.push(...page.items.map((r) => r.key));
      pages++;
      if (page.lastKey === null) break;
      after = page.lastKey;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 333));

    // A page walks the primary-key index from its start point (no full scan, no sort).
    const db = new SQLite(path.join(dir, 'index.sqlite'), { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${LIST_SQL}`)
      .all('a', 'b')
      .map((row) => (row as { detail: string }).detail)
      .join('; ');
    db.close();
    expect(plan).toMatch(/SEARCH objects USING PRIMARY KEY \(key>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('folds keys into common prefixes without repeating a prefix across pages', () => {
    for (const key of ['a/1', 'a/d1/x', 'a/d1/y', 'a/d1/z', 'a/d2/x', 'a/2', 'b/1']) catalog.put(record(key));
    const first = catalog.list({ prefix: 'a/', after: '', limit: 2, delimiter: '/' });
    expect(first.items.map((r) => r.key)).toEqual(['a/1', 'a/2']);
    expect(first.commonPrefixes).toEqual([]);
    const second = catalog.list({ prefix: 'a/', after: first.lastKey ?? '', limit: 1, delimiter: '/' });
    expect(second.commonPrefixes).toEqual(['a/d1/']);
    const third = catalog.list({ prefix: 'a/', after: second.lastKey ?? '', limit: 1, delimiter: '/' });
    expect(third.commonPrefixes).toEqual(['a/d2/']);
    expect(third.lastKey).toBeNull();
  });

  it('inserts only once, replaces with put, removes and reports what was there', () => {
    expect(catalog.insert(record('k'))).toBe(true);
    expect(catalog.insert({ ...record('k'), fsize: 99 })).toBe(false);
    expect(catalog.get('k')?.fsize).toBe(1);
    expect(catalog.put({ ...record('k'), fsize: 5, file: 'newfile' })?.fsize).toBe(1);
    expect(catalog.get('k')).toMatchObject({ fsize: 5, file: 'newfile' });
    expect(catalog.referencedFiles()).toEqual(new Set(['newfile']));
    expect(catalog.remove('k')?.file).toBe('newfile');
    expect(catalog.remove('k')).toBeNull();
    expect(catalog.get('k')).toBeNull();
  });
});
