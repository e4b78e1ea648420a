/**
 * "Strictly past this position" for keyset pages other than photos' (comments, the feed): `(sort, id)`
 * beyond `k` in the list's order. The leading non-strict bound on `sort` is implied by the OR, but spelled
 * out so both databases seek into the list's index instead of walking it from the start (as photos.ts's
 * olderThan does: BENCHMARKS.md, 2c).
 */
import type { Expression, ExpressionBuilder, ReferenceExpression, SqlBool } from 'kysely';
import type { Keyset } from './photo-scope.js';

export function pastKeyset<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: { sort: ReferenceExpression<DB, TB>; id: ReferenceExpression<DB, TB> },
  k: Keyset | { sortAt: number; id: string },
  order: 'asc' | 'desc',
): Expression<SqlBool> {
  const [strictly, orEqual] = order === 'desc' ? (['<', '<='] as const) : (['>', '>='] as const);
  return eb.and([
    eb(columns.sort, orEqual, k.sortAt),
    eb.or([
      eb(columns.sort, strictly, k.sortAt),
      eb.and([eb(columns.sort, '=', k.sortAt), eb(columns.id, strictly, k.id)]),
    ]),
  ]);
}
