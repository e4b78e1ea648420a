/** Medians and the figure record every bench returns. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A target on a figure's value or on its ratio to the baseline. */
export interface Target {
  on: 'value' | 'ratio';
  op: '>=' | '<=' | '<';
  limit: number;
}

export interface Figure {
  /** Issue item and letter, e.g. "1a". */
  id: string;
  name: string;
  unit: string;
  /** Median over the runs. */
  value: number | null;
  runs: number[];
  baselineName?: string;
  baseline?: number | null;
  baselineRuns?: number[];
  /**
   * Median of the per-run ratios value/baseline (each run pairs a measurement with the baseline measured
   * right beside it, so drift in machine load cancels out).
   */
  ratio?: number | null;
  target?: Target;
  /** Why the figure is missing, or what to know when reading it. */
  note?: string;
}

export function pairedRatios(values: readonly number[], baselines: readonly number[]): number[] {
  return values.map((v, i) => v / (baselines[i] as number));
}

export function meets(figure: Figure): boolean | null {
  const t = figure.target;
  if (!t) return null;
  const x = t.on === 'ratio' ? figure.ratio : figure.value;
  if (x === null || x === undefined) return null;
  if (t.op === '>=') return x >= t.limit;
  if (t.op === '<=') return x <= t.limit;
  return x < t.limit;
}

/** A figure measured against a baseline in the same run. */
export function compared(
  fields: Omit<Figure, 'value' | 'baseline' | 'ratio' | 'runs' | 'baselineRuns'>,
  runs: number[],
  baselineRuns: number[],
): Figure {
  return {
    ...fields,
    runs,
    baselineRuns,
    value: median(runs),
    baseline: median(baselineRuns),
    ratio: median(pairedRatios(runs, baselineRuns)),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds since `started` (from process.hrtime.bigint()). */
export const secondsSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * One paired measurement: `a` and `b` take turns `slices` times, A B B A A B …, so a burst of load from
 * elsewhere on the machine lands on both sides about equally. Returns each side's results.
 */
export async function alternate<T>(slices: number, a: () => Promise<T>, b: () => Promise<T>): Promise<[T[], T[]]> {
  const as: T[] = [];
  const bs: T[] = [];
  for (let i = 0; i < slices; i++) {
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return [as, bs];
}

export const mean = (values: readonly number[]) => values.reduce((s, x) => s + x, 0) / values.length;
