/** What `remedi export --research` says it wrote, and what it did to keep every combination shared by k people. */
import type { IdentifyingColumn } from '../domain/researchExport.js';

export interface ResearchSummary {
  directory: string;
  k: number;
  files: Array<{ file: string; rows: number }>;
  /** Cells emptied per identifying column of people.csv. */
  suppressed: Record<IdentifyingColumn, number>;
  /** People (rows of people.csv) left out because no emptying made them common enough. */
  leftOut: number;
}

const COLUMN_NAMES: Record<IdentifyingColumn, [string, string]> = {
  seniority_group: ['seniority group', 'seniority groups'],
  bme: ['BME value', 'BME values'],
  role: ['role', 'roles'],
  cohort: ['cohort', 'cohorts'],
};

const rows = (n: number): string => `${n} ${n === 1 ? 'row' : 'rows'}`;

export function researchSummaryText(summary: ResearchSummary): string {
  const emptied = (Object.keys(COLUMN_NAMES) as IdentifyingColumn[])
    .filter((column) => summary.suppressed[column] > 0)
    .map((column) => `${summary.suppressed[column]} ${COLUMN_NAMES[column][summary.suppressed[column] === 1 ? 0 : 1]}`);
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
      : `Every combination of cohort, role, seniority group and BME in people.csv is shared by at least ${summary.k} people: ${protection}.\n`;
  return (
    `Exported a research dataset to ${summary.directory} (readable by you only; no names, emails, staff ids, departments or notes; new random ids):\n` +
    summary.files.map((f) => `  ${f.file}: ${rows(f.rows)}`).join('\n') +
    `\n${check}`
  );
}
