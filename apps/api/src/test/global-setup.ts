/**
 * Vitest global setup. With XIAOJIA_TEST_DATABASE=postgres every test gets a fresh PostgreSQL database
 * (see deps.ts): on the server named by XIAOJIA_TEST_PG_URL, or else on a throwaway cluster started here
 * on loopback and stopped when the run ends. SQLite (in memory) stays the default.
 */
import type { TestProject } from 'vitest/node';
import { type PgCluster, startPgCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server tests create their databases on; '' when testing on SQLite. */
    pgUrl: string;
  }
}

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(env: NodeJS.ProcessEnv = process.env): TestDatabaseKind {
  const kind = env.XIAOJIA_TEST_DATABASE ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') {
    throw new Error(`XIAOJIA_TEST_DATABASE must be sqlite or postgres, not ${JSON.stringify(kind)}`);
  }
  return kind;
}

let cluster: PgCluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (testDatabaseKind() !== 'postgres') {
    project.provide('pgUrl', '');
    return;
  }
  const given = process.env.XIAOJIA_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    return;
  }
  cluster = await startPgCluster();
  project.provide('pgUrl', cluster.url);
}

export function teardown(): void {
  cluster?.stop();
  cluster = null;
}
