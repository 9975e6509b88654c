/** What `remedi export --research` says it wrote, and what it did to keep every combination shared by k people. */
import type { IdentifyingColumn } from '../domain/researchExport.js';

export interface ResearchSummary {
  directory: string;
  k: number;
  files: Array<{ file: string; rows: number }>;
  /** Cells emptied per identifying column of people.csv, in the order they are given up (the enabled characteristics among them). */
  suppressed: Record<IdentifyingColumn, number>;
  /** People (rows of people.csv) left out because no emptying made them common enough. */
  leftOut: number;
}

const COLUMN_NAMES: Record<string, [string, string]> = {
  seniority_group: ['seniority group', 'seniority groups'],
  bme: ['BME value', 'BME values'],
  role: ['role', 'roles'],
  cohort: ['cohort', 'cohorts'],
};

/** The columns beyond the four: the enabled characteristics, in their order. */
const characteristicsOf = (summary: ResearchSummary): string[] => Object.keys(summary.suppressed).filter((column) => !Object.hasOwn(COLUMN_NAMES, column));

/** A column's cells in words: "3 seniority groups"; an enabled characteristic's as "2 disability values". */
function cellsText(column: IdentifyingColumn, cells: number): string {
  const [one, many] = Object.hasOwn(COLUMN_NAMES, column)
    ? COLUMN_NAMES[column]
    : [`${column.replace(/_/g, ' ')} value`, `${column.replace(/_/g, ' ')} values`];
  return `${cells} ${cells === 1 ? one : many}`;
}

/** "cohort, role, seniority group and BME", with the characteristics after BME: "..., BME and disability". */
function combined(summary: ResearchSummary): string {
  const all = ['cohort', 'role', 'seniority group', 'BME', ...characteristicsOf(summary).map((name) => name.replace(/_/g, ' '))];
  return `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

const rows = (n: number): string => `${n} ${n === 1 ? 'row' : 'rows'}`;

export function researchSummaryText(summary: ResearchSummary): string {
  // In the order the columns were given up (docs/outcomes.md, "The research export").
  const emptied = Object.entries(summary.suppressed)
    .filter(([, cells]) => cells > 0)
    .map(([column, cells]) => cellsText(column, cells));
  const protection =
    emptied.length === 0 && summary.leftOut === 0
      ? 'nothing needed emptying'
      : [
          emptied.length > 0 ? `emptied ${emptied.join(', ')}` : '',
          summary.leftOut > 0
            ? `left out ${summary.leftOut} ${summary.leftOut === 1 ? 'person' : 'people'}, fewer than ${summary.k} even with every cell empty`
            : '',
        ]
          .filter(Boolean)
          .join('; ');
  const people = summary.files.find((f) => f.file === 'people.csv')?.rows ?? 0;
  const check =
    people === 0 && summary.leftOut === 0
      ? 'Nobody is in a relationship or has answered a survey yet: the files hold their headers only.\n'
      : `Every combination of ${combined(summary)} in people.csv is shared by at least ${summary.k} people: ${protection}.\n`;
  return (
    `Exported a research dataset to ${summary.directory} (readable by you only; no names, emails, staff ids, departments or notes; new random ids):\n` +
    summary.files.map((f) => `  ${f.file}: ${rows(f.rows)}`).join('\n') +
    `\n${check}`
  );
}
