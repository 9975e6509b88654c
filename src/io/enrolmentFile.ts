/** Reads and checks a whole enrolment file (`remedi cohort enrol --from`), writing nothing (see tableFile.ts). */
import { UserError } from '../errors.js';
import { parseEnrolmentRecord, type EnrolmentRow } from '../domain/enrolment.js';
import { ENROLMENT_HEADER_INDEX, type EnrolmentField } from '../domain/rosterColumns.js';
import { readTable, type Table, type TableReadOptions } from './tableFile.js';

export interface EnrolmentFile extends Table<EnrolmentField> {
  rows: EnrolmentRow[];
}

export async function readEnrolmentFile(path: string, options: TableReadOptions<EnrolmentField> = {}): Promise<EnrolmentFile> {
  const rows: EnrolmentRow[] = [];
  const table = await readTable(
    path,
    {
      what: 'enrolment list',
      empty: 'nobody in it',
      index: ENROLMENT_HEADER_INDEX,
      required: { fields: ['staff_id', 'email', 'name'], hint: 'person (looked for headers like staff_id, Employee Number, Email or Full Name)' },
    },
    options,
    (cells, line, { headers, mapping, problems }) => {
      const result = parseEnrolmentRecord(cells, line, headers, mapping);
      problems.push(...result.problems);
      if (result.row) rows.push(result.row);
    },
  );
  if (table.mapping.indexOf.role === undefined) {
    throw new UserError(`${table.source.name} has no role column (looked for headers like Role or Programme Role).`, {
      fix: 'Nothing was written. Name the column with --map "Your Header=role", or give the people with --mentee, --mentor or --either.',
    });
  }
  return { ...table, rows };
}
