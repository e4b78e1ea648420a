/**
 * The static migration registry. The server may be bundled into one file, so migrations are listed here
 * rather than discovered by scanning a folder. Append only.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_init.js';
import * as m0002 from './0002_housekeeping_indexes.js';
import * as m0003 from './0003_homes.js';
import * as m0004 from './0004_timeline_windows.js';
import * as m0005 from './0005_family.js';
import * as m0006 from './0006_together.js';
import * as m0007 from './0007_s3_bindings.js';
import * as m0008 from './0008_video.js';
import * as m0009 from './0009_derivatives.js';
import * as m0010 from './0010_community.js';
import * as m0013 from './0013_community_safety.js';
import * as m0014 from './0014_community_positions.js';
import * as m0015 from './0015_work_snapshots.js';
import * as m0016 from './0016_read_positions.js';

const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_housekeeping_indexes': m0002,
  '0003_homes': m0003,
  '0004_timeline_windows': m0004,
  '0005_family': m0005,
  '0006_together': m0006,
  '0007_s3_bindings': m0007,
  '0008_video': m0008,
  '0009_derivatives': m0009,
  '0010_community': m0010,
  '0013_community_safety': m0013,
  '0014_community_positions': m0014,
  '0015_work_snapshots': m0015,
  '0016_read_positions': m0016,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
