/**
 * What the domain says about a kind of input file (a roster, a session log, an enrolment
 * list): the fields its columns hold and the names HR and forms give them, what it is
 * called in messages, which column it cannot do without, and how one record reads.
 * The table reader (io/tableFile.ts) is handed one of these and knows nothing else of
 * the domain; it matches the headers and gives each record's cells back to `read`.
 */
import type { RowProblem } from '../errors.js';

/** Where each field of a record is, once the headers are matched. */
export interface FieldColumns<F extends string> {
  /** Column index of each field the file has. */
  readonly indexOf: Readonly<Partial<Record<F, number>>>;
  /** For each column index, how messages name it: `column D (Pay Band)`. */
  readonly labels: readonly string[];
}

/** The headers a file of this kind may have. */
export interface FileHeaders<F extends string> {
  fields: readonly F[];
  /** Header spellings per field, beyond the plain name itself. */
  aliases: Readonly<Record<F, readonly string[]>>;
  /** The field ESR organisation hierarchy headers (`Org L3`...) read as, the deepest level present. */
  hierarchy?: F;
}

export interface RecordResult<R> {
  row: R | null;
  problems: readonly RowProblem[];
  warnings?: readonly RowProblem[];
}

export interface InputFile<F extends string, R> extends FileHeaders<F> {
  /** What the file is, in messages: "roster", "session log". */
  what: string;
  /** How a file with a header and no rows is described: "nobody in it". */
  empty: string;
  /** Fields a file must have one of (a column), with the header names to suggest. */
  required: { fields: readonly F[]; hint: string };
  /** One record's cells, read into a row or refused with its problems. */
  read(cells: readonly string[], line: number, columns: FieldColumns<F>): RecordResult<R>;
  /** A last check once every record is read, for a column only the whole file can miss: throws a UserError. */
  complete?(file: { source: { name: string }; mapping: { indexOf: Readonly<Partial<Record<F, number>>> } }): void;
}
