/**
 * Reading CSV files as spreadsheets write them: UTF-8 with or without BOM, else
 * Windows-1252 (what Excel's plain "CSV" saves); comma, semicolon or tab.
 * Records stream, so a large file is never held whole.
 */
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import { CsvFaultError, CsvRecordSplitter, type SplitRecord } from './csvRecords.js';
import { UserError } from '../errors.js';

export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface CsvRecord {
  /** Physical line where the record starts (1-based; the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvSource {
  path: string;
  /** How the file is named in messages. */
  name: string;
  encoding: CsvEncoding;
  delimiter: string;
}

/**
 * Undoes the ' that remedi's exports (and careful spreadsheet users) put before a cell
 * that would otherwise run as a formula, so an exported file imports back unchanged.
 * Text that looks like a formula is data: it is stored as it is, never evaluated.
 */
export function restoreFormulaText(cell: string): string {
  // Most cells do not start with ' at all: that is settled without the pattern (every cell of a file passes here).
  return cell.charCodeAt(0) === 39 && /^'(?='*[=+\-@\t\r])/.test(cell) ? cell.slice(1) : cell;
}

/** A record longer than this is not a roster or a session log: refuse, don't buffer. */
export const MAX_RECORD_CHARS = 1_000_000;

/** Bytes Windows-1252 leaves undefined (WHATWG decodes them to C1 controls). */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Checks the file is there, is a file, is readable and is not empty. */
export function checkInputFile(path: string): void {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UserError(`${path} is a folder, not a CSV file.`, { fix: 'Give the path of the file itself.' });
    size = stat.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: no such file.`, { fix: 'Check the name and folder of the file.' });
    if (code === 'EACCES') throw new UserError(`${path}: permission denied.`, { fix: 'Check you can open the file.' });
    throw error;
  }
  if (size === 0) throw new UserError(`${name} is empty.`, { fix: 'Export the roster again, with its header row and at least one person.' });
}

/** Checks the file is there and readable, picks its encoding and delimiter (workbooks are told apart before: see tableSource.ts). */
export async function openCsv(path: string, forced?: CsvEncoding): Promise<CsvSource> {
  const name = basename(path);
  checkInputFile(path);

  const encoding = forced ?? (await detectEncoding(path, name));
  const delimiter = await detectDelimiter(path, encoding);
  return { path, name, encoding, delimiter };
}

async function detectEncoding(path: string, name: string): Promise<CsvEncoding> {
  const utf16 = new UserError(`${name} is saved as UTF-16 (Excel's "Unicode Text"), which remedi cannot read.`, {
    fix: 'In Excel, use File > Save As > "CSV UTF-8 (Comma delimited)" and import that file.',
  });
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) throw utf16;
    // UTF-16 without a BOM: text with a zero byte beside nearly every character.
    const zeros = start.reduce((count, byte) => count + (byte === 0 ? 1 : 0), 0);
    if (bytesRead >= 4 && zeros >= bytesRead / 4) throw utf16;
  } finally {
    await handle.close();
  }

  // One quick pass: UTF-8 validity (without decoding) and zero bytes.
  let validUtf8 = true;
  let offset = 0;
  let nulAt = -1;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    if (nulAt < 0) {
      const at = bytes.indexOf(0);
      if (at >= 0) nulAt = offset + at;
    }
    if (validUtf8) {
      const joined = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
      const cut = completeUtf8Length(joined);
      if (!isUtf8(joined.subarray(0, cut))) validUtf8 = false;
      carry = Buffer.from(joined.subarray(cut));
    }
    offset += bytes.length;
  }
  if (validUtf8 && carry.length > 0) validUtf8 = false;
  const binary = (at: number) =>
    new UserError(`${name} is not a text CSV file: it has a zero byte (at byte ${at}), which no spreadsheet writes in text.`, {
      fix: 'Open it in Excel and save it as "CSV UTF-8 (Comma delimited)".',
    });
  if (nulAt >= 0) throw binary(nulAt);
  if (validUtf8) return 'utf-8';
  // Not UTF-8: Windows-1252, as Excel saves plain CSV, unless it holds a byte 1252 leaves undefined.
  offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i += 1) {
      if (UNDEFINED_IN_1252.has(bytes[i])) {
        throw new UserError(`${name} is neither UTF-8 nor Windows-1252 text (the byte at position ${offset + i} is not a character in either).`, {
          fix: 'Open it in Excel and save it as "CSV UTF-8 (Comma delimited)".',
        });
      }
    }
    offset += bytes.length;
  }
  return 'windows-1252';
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end (that waits for the next chunk). */
function completeUtf8Length(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back += 1) {
    const byte = bytes[n - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? n - back : n;
  }
  return n;
}

/** The delimiter is whichever of , ; tab appears most in the header line. */
async function detectDelimiter(path: string, encoding: CsvEncoding): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const firstLine = new TextDecoder(encoding).decode(head.subarray(0, bytesRead)).split(/\r?\n/)[0];
    const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length - 1 }));
    const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
    return best.count > 0 ? best.delimiter : ',';
  } finally {
    await handle.close();
  }
}

/**
 * How far through its input a reader is: `read` of `size` bytes. Called as each piece is
 * read (before that piece's records are given out), `read` never falls and ends at `size`.
 */
export type OnBytes = (read: number, size: number) => void;

/**
 * Streams the records of a file, each with the physical line it starts on, a piece of the
 * file's records at a time (the records of each 64 KB read): an await per record, through
 * the readers above it, was a tenth of a large import's reading thread.
 * Blank records (empty lines, or a line of bare delimiters) are skipped.
 * Structural faults (an unclosed quote, a runaway field) throw a UserError naming the line.
 */
export async function* readCsvRecords(source: CsvSource, onBytes?: OnBytes): AsyncGenerator<CsvRecord[]> {
  const splitter = new CsvRecordSplitter(source.delimiter, MAX_RECORD_CHARS);
  const decoder = new TextDecoder(source.encoding);
  let records: SplitRecord[] = [];
  // The piece's records without the blank ones; a new array each time (the reader may keep it).
  const taken = (): CsvRecord[] => {
    const kept = records.filter((record) => !isBlank(record.cells));
    records = [];
    return kept;
  };
  const input = createReadStream(source.path, { highWaterMark: 1 << 16 });
  // The size as the read starts; should the file change meanwhile, size follows what was read, so read never passes it.
  const size = onBytes === undefined ? 0 : statSync(source.path).size;
  let read = 0;
  try {
    for await (const chunk of input) {
      if (onBytes !== undefined) {
        read += (chunk as Buffer).length;
        onBytes(read, Math.max(read, size));
      }
      splitter.feed(decoder.decode(chunk as Buffer, { stream: true }), records);
      if (records.length > 0) yield taken();
    }
    // A file cut short while it was read ends where it ended.
    if (onBytes !== undefined && read < size) onBytes(read, read);
    splitter.feed(decoder.decode(), records);
    splitter.end(records);
    if (records.length > 0) yield taken();
  } catch (error) {
    throw error instanceof CsvFaultError ? structuralError(error, source) : error;
  } finally {
    input.destroy();
  }
}

/** Blank records (an empty line, or a line of bare delimiters, as Excel writes) are skipped. */
function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

function structuralError(error: CsvFaultError, source: CsvSource): Error {
  const line = error.line;
  const where = `${source.name}:${line}`;
  const fix = 'Open the file in Excel, check that row, and save it again as CSV.';
  switch (error.fault) {
    case 'unclosed-quote':
      return new UserError(`${where}: a quoted field opened on line ${line} is never closed.`, { fix });
    case 'record-too-long':
      return new UserError(
        `${where}: the record starting here is over ${MAX_RECORD_CHARS.toLocaleString('en-GB')} characters long, which no roster field is.`,
        { fix },
      );
    case 'stray-quote':
      return new UserError(
        `${where}: a double quote (") in the middle of a field; a field with quotes in it must be wrapped in quotes, with inner quotes doubled ("").`,
        { fix },
      );
  }
}
