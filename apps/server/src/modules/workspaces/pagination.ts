/**
 * Cursor pagination for list endpoints (API.md: `?limit=&cursor=`, `meta.nextCursor`): keyset on a
 * sort column plus the id, so pages stay stable while rows are added. The cursor is opaque
 * (base64url JSON of the last row's key).
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';

/** `limit` (1–500, default 100) and `cursor`, to merge into a route's querystring schema. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(600).optional(),
};

interface Key {
  sort: string;
  id: string;
}

function decodeCursor(cursor: string): Key {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { sort: parsed[0], id: parsed[1] };
    }
  } catch {}
  throw new AppError('invalidParams', 'The cursor is not valid');
}

/**
 * The condition "after the cursor" for rows ordered by (`sortColumn`, `idColumn`) ascending;
 * undefined without a cursor.
 *
 * @example
 * const after = afterCursor('w.name', 'w.id', req.query.cursor);
 * if (after) query = query.where(after);
 */
export function afterCursor(
  sortColumn: string,
  idColumn: string,
  cursor: string | undefined,
): RawBuilder<SqlBool> | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  const s = sql.ref(sortColumn);
  return sql<SqlBool>`(${s} > ${key.sort} OR (${s} = ${key.sort} AND ${sql.ref(idColumn)} > ${key.id}))`;
}

/**
 * Cuts `rows` (fetched with `limit + 1`) to a page and makes the next cursor from its last row.
 *
 * @example const { items, nextCursor } = toPage(rows, limit, (r) => ({ sort: r.name, id: r.id }));
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => Key,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  if (rows.length <= limit || last === undefined) return { items, nextCursor: null };
  const key = keyOf(last);
  return { items, nextCursor: Buffer.from(JSON.stringify([key.sort, key.id])).toString('base64url') };
}
