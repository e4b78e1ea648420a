/** The results table (Markdown, also printed) and its JSON twin. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { type Figure, meets } from './lib/stats.js';

export interface RunInfo {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  runs: number;
  quick: boolean;
  benches: string[];
  node: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  loadBefore: number[];
  loadAfter: number[];
  commit: string;
  /** Uncommitted changes under apps/ or packages/ when the bench ran (the numbers are for that tree). */
  dirty: boolean;
}

export function runInfo(
  repoRoot: string,
  started: Date,
  options: { runs: number; quick: boolean; benches: string[] },
  loadBefore: number[],
): RunInfo {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const finished = new Date();
  return {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    ...options,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadBefore,
    loadAfter: loadavg(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'apps/api/src', 'packages/shared/src']) !== '',
  };
}

function num(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  const abs = Math.abs(x);
  const text =
    abs >= 1000
      ? Math.round(x).toLocaleString('en')
      : abs >= 100
        ? x.toFixed(0)
        : abs >= 10
          ? x.toFixed(1)
          : abs >= 1
            ? x.toFixed(2)
            : x.toPrecision(2);
  return unit ? `${text} ${unit}` : text;
}

function targetText(figure: Figure): string {
  const t = figure.target;
  if (!t) return '';
  const limit = t.on === 'ratio' ? `${t.limit}×` : `${t.limit} ${figure.unit}`;
  const verdict = meets(figure);
  const mark = verdict === null ? '?' : verdict ? 'met' : 'MISSED';
  return `${t.on === 'ratio' ? 'ratio' : 'value'} ${t.op} ${limit}: ${mark}`;
}

export function markdownTable(figures: Figure[]): string {
  const rows = [
    '| # | figure | value | baseline | ratio | target |',
    '|---|---|---:|---|---:|---|',
    ...figures.map((f) => {
      const baseline = f.baselineName ? `${num(f.baseline, f.unit)} (${f.baselineName})` : '';
      const ratio =
        f.ratio === undefined
          ? ''
          : f.ratio === null
            ? '—'
            : `${f.ratio >= 0.01 ? f.ratio.toFixed(2) : f.ratio.toPrecision(2)}×`;
      const value = f.value === null ? `— ${f.note ?? ''}` : num(f.value, f.unit);
      return `| ${f.id} | ${f.name} | ${value} | ${baseline} | ${ratio} | ${targetText(f)} |`;
    }),
  ];
  return rows.join('\n');
}

/** The whole report; `headingLevel` 3 nests it under a section of another document. */
export function markdownReport(figures: Figure[], info: RunInfo, headingLevel = 1): string {
  const notes = figures.filter((f) => f.note && f.value !== null).map((f) => `- ${f.id}: ${f.note}`);
  return [
    `${'#'.repeat(headingLevel)} Benchmark results`,
    '',
    `${info.startedAt} · ${info.seconds} s · median of ${info.runs} paired runs${info.quick ? ' · QUICK (smaller sizes)' : ''} · commit ${info.commit}${info.dirty ? ' + uncommitted changes' : ''}`,
    `Node ${info.node} · ${info.cores} × ${info.cpu} · ${info.memoryGiB} GiB · load average ${info.loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${info.loadAfter.map((x) => x.toFixed(2)).join(' ')} after`,
    '',
    'Ratio = median over runs of (value ÷ the baseline measured right beside it). See BENCHMARKS.md for what each line measures.',
    '',
    markdownTable(figures),
    '',
    ...(notes.length ? ['Notes:', '', ...notes, ''] : []),
  ].join('\n');
}
