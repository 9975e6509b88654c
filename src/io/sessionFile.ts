/** Reads and checks a whole session log file, writing nothing (see tableFile.ts). */
import { SESSION_HEADER_INDEX, parseSessionRecord, type SessionField, type SessionRow } from '../domain/sessionRows.js';
import { readTable, type Table, type TableReadOptions } from './tableFile.js';

export interface SessionFile extends Table<SessionField> {
  rows: SessionRow[];
}

export async function readSessionFile(path: string, options: TableReadOptions<SessionField> = {}): Promise<SessionFile> {
  const rows: SessionRow[] = [];
  const serialsWarned = new Set<SessionField>();
  const table = await readTable(
    path,
    {
      what: 'session log',
      empty: 'no sessions in it',
      index: SESSION_HEADER_INDEX,
      required: {
        fields: ['pair_id', 'mentee_id', 'mentee'],
        hint: 'pair_id or mentee_id or mentee (which relationship each session belongs to: its number, or the mentee by staff id, email or name)',
      },
    },
    options,
    (cells, line, { headers, mapping, problems, warnings }) => {
      const result = parseSessionRecord(cells, line, headers, mapping, serialsWarned);
      problems.push(...result.problems);
      warnings.push(...result.warnings);
      if (result.row) rows.push(result.row);
    },
  );
  return { ...table, rows };
}
