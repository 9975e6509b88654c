/**
 * Which format a report is written in (docs/reports.md): asked for with --format, --json or
 * --csv, else read from the name of the --out file. Pure: the command says what it decided.
 */
import { UsageError } from '../errors.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatFlags {
  format?: string;
  json?: boolean;
  csv?: boolean;
}

/** --json and --csv are short for --format json and --format csv; two different formats are a usage mistake. */
export function chosenFormat(options: FormatFlags): string {
  const asked = [options.format, options.json ? 'json' : undefined, options.csv ? 'csv' : undefined].filter((f): f is string => f !== undefined);
  const distinct = [...new Set(asked)];
  if (distinct.length > 1) throw new UsageError(`Choose one format: ${distinct.map((f) => `--format ${f}`).join(' or ')}.`);
  return distinct[0] ?? 'table';
}

/** The format a report file's name asks for: .html, .md, .csv, .json; anything else is the text table. */
export function formatOfFile(out: string): ReportFormat {
  const extension = /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase() ?? '';
  return ({ html: 'html', htm: 'html', md: 'markdown', markdown: 'markdown', csv: 'csv', json: 'json' } as Record<string, ReportFormat>)[extension] ?? 'table';
}

export interface FormatDecision {
  format: ReportFormat;
  /** Set when an explicit format wins over a file name that says another: the file will open as something it is not. */
  nameSays: ReportFormat | null;
}

/**
 * The report's format: as asked (--format, --json, --csv), else from the name of the --out
 * file (`-` is the screen). An explicit format wins over the file's name, and the mismatch
 * is returned so the command can say it.
 */
export function reportFormat(options: FormatFlags & { out?: string }): FormatDecision {
  const asked = chosenFormat(options);
  if (!(REPORT_FORMATS as readonly string[]).includes(asked)) {
    throw new UsageError(`--format ${asked} is not a report format; choose ${REPORT_FORMATS.join(', ')}.`);
  }
  const format = asked as ReportFormat;
  const explicit = options.format !== undefined || options.json === true || options.csv === true;
  if (options.out === undefined || options.out === '-') return { format, nameSays: null };
  const fromName = formatOfFile(options.out);
  if (!explicit) return { format: fromName, nameSays: null };
  return { format, nameSays: fromName !== format && fromName !== 'table' ? fromName : null };
}
