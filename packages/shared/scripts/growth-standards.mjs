#!/usr/bin/env node
/**
 * Regenerates src/growth-standards-data.ts, the WHO Child Growth Standards (2006) LMS parameters by month
 * from birth to 60 months, from the WHO's own spreadsheets:
 *
 *   node scripts/growth-standards.mjs <WHODocuments> <hcfa-dir>
 *
 * <WHODocuments>: the `resources/WHODocuments` folder of the npm package `who-growth` (ISC; `npm pack
 *   who-growth`), which ships the WHO's z-score tables: weightForAge/wfa_{boys,girls}_0-to-5-years_zscores.xlsx
 *   and heightForAge/lhfa_{boys,girls}_{0-to-2,2-to-5}-years_zscores.xlsx (Month, L, M, S columns).
 * <hcfa-dir>: the WHO's head-circumference-for-age expanded tables (by day), saved as
 *   hcfa-boys-0-5.xlsx and hcfa-girls-0-5.xlsx (WHO: hcfa-{boys,girls}-zscore-expanded-tables.xlsx;
 *   Day, L, M, S columns). Monthly values are taken at 30.4375 days a month, as the WHO's monthly tables are.
 *
 * Length-for-age (lying, 0–23 months) and height-for-age (standing, 24–60 months) join at 24 months as the
 * WHO's charts do. Reads the sheets with `unzip` (an .xlsx is a zip of XML): no spreadsheet library needed.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [documents, hcfaDir] = process.argv.slice(2);
if (!documents || !hcfaDir) {
  console.error(
    'usage: node scripts/growth-standards.mjs <who-growth WHODocuments> <dir with hcfa-{boys,girls}-0-5.xlsx>',
  );
  process.exit(2);
}

/** The first sheet's rows as arrays of cell values (numbers where numeric). */
function readSheet(file) {
  const unzip = (part) => execFileSync('unzip', ['-p', file, part], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  const strings = [...unzip('xl/sharedStrings.xml').matchAll(/<si>(?:<t[^>]*>([^<]*)<\/t>|[\s\S]*?)<\/si>/g)].map(
    (m) => m[1] ?? '',
  );
  const rows = [];
  for (const row of unzip('xl/worksheets/sheet1.xml').matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const cell of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)) {
      const column = cell[1].charCodeAt(0) - 65;
      const value = cell[3];
      cells[column] = / t="s"/.test(cell[2]) ? strings[Number(value)] : value === undefined ? undefined : Number(value);
    }
    rows.push(cells);
  }
  return rows;
}

/** { age → [L, M, S] } from a sheet whose header names the age column (Month or Day) and L, M, S. */
function lmsByAge(file, ageColumn) {
  const [header, ...rows] = readSheet(file);
  const at = (name) => {
    const i = header.findIndex((cell) => String(cell).trim() === name);
    if (i < 0) throw new Error(`${file}: no column ${name} in ${header.join(', ')}`);
    return i;
  };
  const [a, l, m, s] = [at(ageColumn), at('L'), at('M'), at('S')];
  const table = new Map();
  for (const row of rows) if (typeof row[a] === 'number') table.set(row[a], [row[l], row[m], row[s]]);
  return table;
}

const round = (value, digits) => Number(value.toFixed(digits));
const MONTHS = Array.from({ length: 61 }, (_, month) => month);
const DAYS_PER_MONTH = 30.4375;

function monthly(table, months = MONTHS) {
  return months.map((month) => {
    const row = table.get(month);
    if (!row) throw new Error(`no row for month ${month}`);
    return row;
  });
}

/** The expanded (daily) table read at each month's age in days, linearly between whole days. */
function monthlyFromDays(table) {
  return MONTHS.map((month) => {
    const day = month * DAYS_PER_MONTH;
    const low = table.get(Math.floor(day));
    const high = table.get(Math.ceil(day));
    if (!low || !high) throw new Error(`no rows around day ${day}`);
    const f = day - Math.floor(day);
    return low.map((v, i) => v + (high[i] - v) * f);
  });
}

const data = {};
for (const sex of ['boy', 'girl']) {
  const plural = `${sex}s`;
  const length = lmsByAge(join(documents, `heightForAge/lhfa_${plural}_0-to-2-years_zscores.xlsx`), 'Month');
  const height = lmsByAge(join(documents, `heightForAge/lhfa_${plural}_2-to-5-years_zscores.xlsx`), 'Month');
  data[sex] = {
    weightKg: monthly(lmsByAge(join(documents, `weightForAge/wfa_${plural}_0-to-5-years_zscores.xlsx`), 'Month')),
    heightCm: [...monthly(length, MONTHS.slice(0, 24)), ...monthly(height, MONTHS.slice(24))],
    headCm: monthlyFromDays(lmsByAge(join(hcfaDir, `hcfa-${plural}-0-5.xlsx`), 'Day')),
  };
}

const rows = (table) => table.map(([l, m, s]) => `[${round(l, 4)}, ${round(m, 4)}, ${round(s, 5)}]`).join(',\n      ');
const body = ['boy', 'girl']
  .map(
    (sex) => `  ${sex}: {
${['weightKg', 'heightCm', 'headCm'].map((measure) => `    ${measure}: [\n      ${rows(data[sex][measure])},\n    ],`).join('\n')}
  },`,
  )
  .join('\n');

writeFileSync(
  new URL('../src/growth-standards-data.ts', import.meta.url),
  `/**
 * WHO Child Growth Standards (2006), LMS parameters [L, M, S] for each month of age from birth to 60 months:
 * weight-for-age (kg), length/height-for-age (cm: length lying down to 23 months, height standing from 24),
 * head-circumference-for-age (cm). Source: World Health Organization, WHO Child Growth Standards
 * (https://www.who.int/tools/child-growth-standards), the z-score tables with their LMS columns.
 * Generated by scripts/growth-standards.mjs: do not edit by hand.
 */
export type Lms = readonly [l: number, m: number, s: number];

export const WHO_LMS_MONTHLY = {
${body}
} as const satisfies Record<'boy' | 'girl', Record<'weightKg' | 'heightCm' | 'headCm', readonly Lms[]>>;
`,
);
console.log('wrote src/growth-standards-data.ts');
