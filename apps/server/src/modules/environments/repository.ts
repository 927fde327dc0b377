/** Environment queries. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, EnvironmentsTable } from '../../db/schema.ts';

export type EnvironmentRow = Selectable<EnvironmentsTable>;

export function findEnvironment(db: Kysely<Database>, id: string): Promise<EnvironmentRow | undefined> {
  return db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst();
}
