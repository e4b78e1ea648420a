/** SQLite's plan of the statements a repository call issues: tests assert that queries seek their index. */
import { CompiledQuery, type QueryId } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * The statements `action` issues, compiled as they ran, in the order they returned. A builder used as part
 * of another (a UNION's arm, a subquery) is transformed too but never runs on its own: only queries whose
 * result came back count.
 */
export async function statementsOf(db: Db, action: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const compiled = new Map<QueryId, CompiledQuery>();
  const seen: CompiledQuery[] = [];
  await action(
    db.withPlugin({
      transformQuery(args) {
        compiled.set(args.queryId, db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      async transformResult(args) {
        const statement = compiled.get(args.queryId);
        if (statement) seen.push(statement);
        return args.result;
      },
    }),
  );
  return seen;
}

/** EXPLAIN QUERY PLAN of one statement, a line per step. */
export async function planOf(db: Db, query: CompiledQuery): Promise<string> {
  const result = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
  );
  return result.rows.map((r) => r.detail).join('\n');
}

/** The plan of the one statement `action` issues. */
export async function planOfCall(db: Db, action: (db: Db) => Promise<unknown>): Promise<string> {
  const [statement, ...more] = await statementsOf(db, action);
  if (!statement || more.length > 0) throw new Error('expected exactly one statement');
  return planOf(db, statement);
}
