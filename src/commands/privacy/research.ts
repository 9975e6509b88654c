/**
 * `remedi export --research`: a dataset for evaluating the programme that identifies nobody,
 * k-anonymous over people.csv's identifying columns (docs/outcomes.md, "The research export").
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { DEFAULT_K, researchDataset } from '../../domain/researchExport.js';
import { toCsv } from '../../io/csvOutput.js';
import { createOutputFolder } from '../../io/outputFile.js';
import { checkNewFolder } from '../../io/outputTarget.js';
import { researchInput } from '../../store/research.js';
import { researchSummaryText, type ResearchSummary } from '../../ui/researchOutput.js';
import { printJson, readDatabase } from '../shared/skeleton.js';
import type { ExportOptions } from './command.js';

/** Random ids, new on every export and never repeated within one (12 hex digits). */
function randomIds(): () => string {
  const used = new Set<string>();
  return () => {
    let id: string;
    do id = randomBytes(6).toString('hex');
    while (used.has(id));
    used.add(id);
    return id;
  };
}

export async function runResearchExport(directory: string, options: ExportOptions, context: Context): Promise<ResearchSummary> {
  const target = resolve(context.cwd, directory);
  checkNewFolder(target);
  const k = options.k ?? DEFAULT_K;
  const dataset = await readDatabase(options, context, (db) => researchDataset(researchInput(db, context.today), k, randomIds()));
  createOutputFolder(target, (write) => {
    for (const { file, headers, rows } of dataset.tables) write(file, toCsv(headers, rows));
  });
  const summary: ResearchSummary = {
    directory: target,
    k,
    files: dataset.tables.map((t) => ({ file: t.file, rows: t.rows.length })),
    suppressed: Object.fromEntries(dataset.suppressed.map((s) => [s.column, s.cells])),
    leftOut: dataset.leftOut,
  };
  if (options.json) printJson(context, summary);
  else context.out(researchSummaryText(summary));
  return summary;
}
