/**
 * Work a request starts but does not wait for (a subscribe message after an upload): it runs after the
 * answer, its failure is logged with what it was and never reaches the request. Shutdown and tests wait
 * for what is still running (`idle`).
 */
import type { Logger } from 'pino';

export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `task` on a later tick; an error it throws is logged as `what`. */
  run(what: string, task: () => Promise<void>): void {
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .catch((error: unknown) => this.logger.error({ err: error, task: what }, 'background task failed'))
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves once nothing started here is still running (including what those tasks started). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
