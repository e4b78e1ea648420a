/** What every bench gets from the runner. */
import type { Seeded } from '../seed.js';
import type { Bundles } from './build.js';

export interface BenchContext {
  bundles: Bundles;
  seeded: Seeded;
  /** Paired runs per figure; each figure is the median. */
  runs: number;
  /** Smaller sizes and shorter loads, for trying the bench out. */
  quick: boolean;
  /** A scratch folder for this run (removed at the end). */
  scratch: string;
  /** Build the client before measuring its sizes (--build-client). */
  buildClient: boolean;
  log(message: string): void;
}
