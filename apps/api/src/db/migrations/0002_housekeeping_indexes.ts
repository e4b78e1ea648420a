/**
 * Indexes for the background sweep that removes expired sessions and sign-in attempts older than the lockout
 * window, for every user at once: without them each sweep would scan both tables whole.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('login_attempts_time').on('login_attempts').column('attempted_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('login_attempts_time').execute();
  await db.schema.dropIndex('sessions_expiry').execute();
}
