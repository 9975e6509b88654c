/**
 * Shared by the property tests: a Context with captured output, CSV bytes written the
 * ways spreadsheets write them, and the before/after checks on a database folder.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Context } from '../../src/cli/context.js';
import { UserError } from '../../src/errors.js';
import { makeChalk } from '../../src/ui/colour.js';
import { outputText } from '../helpers/inProcess.js';

export { snapshotFolder } from '../helpers/cli.js';
export { asFlags } from '../helpers/flags.js';

export const TODAY = '2026-07-29';

export interface Captured {
  context: Context;
  out: string[];
  err: string[];
}

/** A non-interactive Context whose stdout and stderr land in arrays. */
export function capturedContext(cwd: string, today = TODAY): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const chalk = makeChalk({ isTTY: false, env: {} });
  return {
    out,
    err,
    context: { out: (t) => out.push(outputText(t)), err: (t) => err.push(t), colour: { out: chalk, err: chalk }, env: {}, cwd, today, interactive: false },
  };
}

/** A folder for one run of a property; the caller removes it with `removeFolder`. */
export function runFolder(prefix = 'remedi-prop-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Copies a closed database (no -wal or -shm beside it) into a folder. */
export function copyDatabase(from: string, toDir: string): string {
  const to = join(toDir, 'remedi.db');
  copyFileSync(from, to);
  return to;
}

export function databaseFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('remedi.db'));
}

/** Runs a command; a UserError is an expected refusal, anything else is a crash. */
export async function outcomeOf<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: UserError }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error };
    throw new Error(`crashed with a non-UserError: ${(error as Error)?.stack ?? String(error)}`);
  }
}

/** `PRAGMA integrity_check` and `foreign_key_check` of a database nobody has open. */
export function databaseProblems(path: string): string[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const foreign = db.pragma('foreign_key_check') as unknown[];
    return [...(integrity === 'ok' ? [] : [String(integrity)]), ...foreign.map((row) => JSON.stringify(row))];
  } finally {
    db.close();
  }
}

export function countRows(path: string, table: string): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export interface CsvFormat {
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n';
  bom: boolean;
  /** Quote every cell, as some exporters do, or only the cells that need it. */
  quoteAll: boolean;
  /** Excel's plain "CSV" when every character fits; UTF-8 otherwise. */
  windows1252: boolean;
}

/** A record of cells, or a line written exactly as given (for structural damage). */
export type CsvLine = { cells: string[] } | { raw: string };

export function csvCell(cell: string, format: CsvFormat): string {
  const needs = format.quoteAll || cell.includes(format.delimiter) || /["\r\n]/.test(cell);
  return needs ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvBytes(lines: readonly CsvLine[], format: CsvFormat): Buffer {
  if (lines.length === 0) return Buffer.alloc(0);
  const text =
    lines.map((line) => ('raw' in line ? line.raw : line.cells.map((cell) => csvCell(cell, format)).join(format.delimiter))).join(format.eol) + format.eol;
  // Latin-1 and Windows-1252 agree from 0xA0 up; C1 controls are left to UTF-8.
  const fits1252 = [...text].every((ch) => ch.charCodeAt(0) < 0x80 || (ch.charCodeAt(0) >= 0xa0 && ch.charCodeAt(0) <= 0xff));
  if (format.windows1252 && fits1252) return Buffer.from(text, 'latin1');
  return Buffer.concat([format.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}
