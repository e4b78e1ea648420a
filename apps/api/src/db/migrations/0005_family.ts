/**
 * Family life (issue 14): the children of a home, the milestones tagged on their photos, and their growth
 * records. Calendar days (birthday, a milestone's day, a measurement's day) are 'YYYY-MM-DD' text: they have
 * no time or zone, and sort and compare as text.
 *
 * Integrity: a child belongs to its home (deleting the home's row cascades); milestones and growth records
 * belong to their child (deleting the child cascades, through the child_id indexes below). Their own
 * home_id is the scope every query filters on, always the child's; it carries no foreign key of its own,
 * which would need an index led by home_id on each table only for the cascade. A photo id (avatar,
 * milestone) has no foreign key either: SQLite would look for referencing rows on every photo deletion, and
 * without an index led by photo_id that is a scan of the table per purged photo. The purge nulls them
 * itself through the home-scoped indexes (PhotoPurgesRepository.deleteRow), and every read joins the live
 * photo, so a stale id never shows.
 *
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('children')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('birthday', 'text', (c) => c.notNull())
    .addColumn('sex', 'text')
    .addColumn('avatar_photo_id', 'text')
    /** Kept when the account is deleted: users rows are anonymised, never removed. */
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // children.list (oldest first) and the home's cascade.
  await db.schema.createIndex('children_home').on('children').columns(['home_id', 'birthday', 'id']).execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A child's milestones in date order, keyset on (date, id); also the child's cascade.
  await db.schema.createIndex('milestones_child_date').on('milestones').columns(['child_id', 'date', 'id']).execute();
  // milestones.forPhoto, and the purge nulling a purged photo's milestones.
  await db.schema.createIndex('milestones_home_photo').on('milestones').columns(['home_id', 'photo_id']).execute();

  await db.schema
    .createTable('growth_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    // Double precision, not real: PostgreSQL's real is 4 bytes and would answer 72.35 as 72.3499984741211.
    .addColumn('height_cm', 'double precision')
    .addColumn('weight_kg', 'double precision')
    .addColumn('head_cm', 'double precision')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('growth_child_date').on('growth_records').columns(['child_id', 'date', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('growth_records').execute();
  await db.schema.dropTable('milestones').execute();
  await db.schema.dropTable('children').execute();
}
