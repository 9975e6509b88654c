/** How row problems read: file, line, column, value, then what was expected. */
import { UserError, type RowProblem } from '../errors.js';
import { toCsv } from '../io/csvOutput.js';

export const SHOWN_PROBLEMS = 20;

export function formatProblem(file: string, problem: RowProblem): string {
  // A workbook's sheet is labelled "roster.xlsx, sheet Staff" (io/workbookInput.ts): its lines are rows.
  const sheet = file.includes(', sheet ');
  const where = [sheet ? `${file}, row ${problem.line}` : `${file}:${problem.line}`];
  if (problem.column) where.push(sheet ? `, ${problem.column}` : ` ${problem.column}`);
  const value = problem.value === null ? '' : ` ${JSON.stringify(problem.value)}`;
  return `${where.join('')}${value}: ${problem.message}`;
}

/** Lines named in a group before "and N more". */
const SHOWN_LINES = 5;

/**
 * One entry per distinct problem: the same message about the same value in the same column
 * is grouped ("column E (Pay Band): 27 rows hold "Non AfC" (lines 4, 9, 15, 21, 30 and 22
 * more): ..."), in the order each first appears. Grouping is a map lookup per problem.
 */
export function groupProblems(problems: readonly RowProblem[]): Array<{ first: RowProblem; lines: number[] }> {
  const groups = new Map<string, { first: RowProblem; lines: number[] }>();
  for (const problem of problems) {
    const key = `${problem.column ?? ''}\u0000${problem.value ?? '\u0001'}\u0000${problem.message}`;
    const group = groups.get(key);
    if (group) group.lines.push(problem.line);
    else groups.set(key, { first: problem, lines: [problem.line] });
  }
  return [...groups.values()];
}

function formatGroup(file: string, { first, lines }: { first: RowProblem; lines: number[] }): string {
  if (lines.length === 1) return formatProblem(file, first);
  const shown = lines.slice(0, SHOWN_LINES).join(', ');
  const more = lines.length > SHOWN_LINES ? ` and ${lines.length - SHOWN_LINES} more` : '';
  const value = first.value === null ? '' : ` hold ${JSON.stringify(first.value)}`;
  const where = first.column ? `${file} ${first.column}` : file;
  return `${where}: ${lines.length} rows${value} (lines ${shown}${more}): ${first.message}`;
}

/** The first 20 distinct problems (repeats grouped), then how many more: a 5,000-row mistake stays readable. */
export function formatProblemList(file: string, problems: readonly RowProblem[], noun = 'problem', problemsFile?: string): string[] {
  const groups = groupProblems(problems);
  const lines = groups.slice(0, SHOWN_PROBLEMS).map((group) => `  ${formatGroup(file, group)}`);
  const hidden = groups.slice(SHOWN_PROBLEMS).reduce((sum, group) => sum + group.lines.length, 0);
  if (hidden > 0) {
    const where = problemsFile ? `every one is in ${problemsFile}` : 'add --problems FILE to have every one as CSV';
    lines.push(`  ... and ${hidden} more ${hidden === 1 ? noun : `${noun}s`} (${problems.length} in all; ${where}).`);
  }
  return lines;
}

const COLUMN_LABEL = /^column ([A-Z]+)(?: \((.*)\))?$/s;

/**
 * Every problem and warning as CSV rows (kind, line, column, header, value, problem, fix), for
 * `--problems FILE`. The fix is what the message says after its first "; " (usually "expected ...").
 */
export function problemsCsv(problems: readonly RowProblem[], warnings: readonly RowProblem[]): string {
  const row = (kind: string, p: RowProblem) => {
    const label = p.column === null ? null : COLUMN_LABEL.exec(p.column);
    const split = p.message.indexOf('; ');
    return [
      kind,
      p.line,
      label ? label[1] : '',
      label ? (label[2] ?? '') : (p.column ?? ''),
      p.value ?? '',
      split < 0 ? p.message : p.message.slice(0, split),
      split < 0 ? '' : p.message.slice(split + 2),
    ];
  };
  const all = [...problems.map((p) => row('problem', p)), ...warnings.map((w) => row('warning', w))].sort((a, b) => (a[1] as number) - (b[1] as number));
  return toCsv(['kind', 'line', 'column', 'header', 'value', 'problem', 'fix'], all);
}

export function problemJson(file: string, problem: RowProblem) {
  return { file, line: problem.line, column: problem.column, value: problem.value, message: problem.message };
}

/** An import refused for its rows: the first 20 problems, the count, and that nothing was written. */
export function importRefusal(file: string, problems: readonly RowProblem[], problemsFile?: string): UserError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new UserError(`${file} was not imported: ${count} found, and nothing was written.`, {
    details: [
      ...formatProblemList(file, problems, 'problem', problemsFile),
      ...(problemsFile ? [`  Every problem and warning is listed in ${problemsFile}.`] : []),
    ],
    fix: 'Fix these rows in the file (or in Excel) and import it again.',
  });
}

/** How a file's label is given back on a command line: "roster.xlsx, sheet Staff" is `roster.xlsx --sheet "Staff"`. */
export function fileArgument(label: string): string {
  const at = label.indexOf(', sheet ');
  return at < 0 ? label : `${label.slice(0, at)} --sheet ${JSON.stringify(label.slice(at + ', sheet '.length))}`;
}
