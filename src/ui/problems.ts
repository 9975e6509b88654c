/** How row problems read: file, line, column, value, then what was expected. */
import { UserError } from '../errors.js';
import type { RowProblem } from '../domain/rosterRows.js';

export const SHOWN_PROBLEMS = 20;

export function formatProblem(file: string, problem: RowProblem): string {
  // A workbook's sheet is labelled "roster.xlsx, sheet Staff" (io/workbookInput.ts): its lines are rows.
  const sheet = file.includes(', sheet ');
  const where = [sheet ? `${file}, row ${problem.line}` : `${file}:${problem.line}`];
  if (problem.column) where.push(sheet ? `, ${problem.column}` : ` ${problem.column}`);
  const value = problem.value === null ? '' : ` ${JSON.stringify(problem.value)}`;
  return `${where.join('')}${value}: ${problem.message}`;
}

/** The first 20, then how many more: a 5,000-row mistake stays readable. */
export function formatProblemList(file: string, problems: readonly RowProblem[], noun = 'problem'): string[] {
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((problem) => `  ${formatProblem(file, problem)}`);
  const more = problems.length - SHOWN_PROBLEMS;
  if (more > 0) lines.push(`  ... and ${more} more ${more === 1 ? noun : `${noun}s`} (${problems.length} in all).`);
  return lines;
}

export function problemJson(file: string, problem: RowProblem) {
  return { file, line: problem.line, column: problem.column, value: problem.value, message: problem.message };
}

/** An import refused for its rows: the first 20 problems, the count, and that nothing was written. */
export function importRefusal(file: string, problems: readonly RowProblem[]): UserError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new UserError(`${file} was not imported: ${count} found, and nothing was written.`, {
    details: formatProblemList(file, problems),
    fix: 'Fix these rows in the file (or in Excel) and import it again.',
  });
}

/** How a file's label is given back on a command line: "roster.xlsx, sheet Staff" is `roster.xlsx --sheet "Staff"`. */
export function fileArgument(label: string): string {
  const at = label.indexOf(', sheet ');
  return at < 0 ? label : `${label.slice(0, at)} --sheet ${JSON.stringify(label.slice(at + ', sheet '.length))}`;
}
