import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createOutputFile, createOutputFolder, writeOutputFile } from '../../src/io/outputFile.js';
import { checkNewFolder } from '../../src/io/outputTarget.js';
import { tempDir } from '../helpers/cli.js';
import { fillUp, fullDiskSupport, mountFullDisk } from '../helpers/fullDisk.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const refusal = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};
const asyncRefusal = async (action: () => Promise<unknown>): Promise<string> => {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

/** A real SQLite database in WAL mode with a reader open, so its -wal and -shm exist. */
function databaseIn(dir: string): string {
  const path = join(dir, 'remedi.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
  onTestFinished(() => {
    db.close();
  });
  return path;
}

describe('writeOutputFile', () => {
  it('writes every byte to a new owner-only file and leaves nothing else behind', () => {
    const dir = tempDir();
    const text = 'é'.repeat(1_000_000);
    const path = writeOutputFile(join(dir, 'report.md'), text);
    expect(path).toBe(join(dir, 'report.md'));
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(mode(path)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('replaces an existing ordinary file when asked, with a new owner-only file', () => {
    const dir = tempDir();
    const path = join(dir, 'report.md');
    writeFileSync(path, 'the old report, a much longer text than the new one', { mode: 0o644 });
    writeOutputFile(path, 'new', { replace: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(mode(path)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('does not replace an existing file unless asked', () => {
    const dir = tempDir();
    const path = join(dir, 'copy.db');
    writeFileSync(path, 'mine');
    expect(refusal(() => writeOutputFile(path, 'new'))).toContain('already exists');
    expect(readFileSync(path, 'utf8')).toBe('mine');
  });

  it.each(['', '-wal', '-shm', '-journal'])('refuses the database%s, whether or not that file exists, and leaves it as it was', (suffix) => {
    const dir = tempDir();
    const database = databaseIn(dir);
    const target = `${database}${suffix}`;
    const before = existsSync(target) ? readFileSync(target) : null;
    expect(refusal(() => writeOutputFile(target, 'report', { database, replace: true }))).toMatch(/remedi never writes over it/);
    expect(existsSync(target) ? readFileSync(target) : null).toEqual(before);
  });

  it('refuses the database under another spelling: through a linked folder, or a hard link to it', () => {
    const dir = tempDir();
    const database = databaseIn(dir);
    const before = readFileSync(database);
    symlinkSync(dir, join(dir, 'alias'));
    expect(refusal(() => writeOutputFile(join(dir, 'alias', 'remedi.db'), 'x', { database, replace: true }))).toContain('remedi database itself');
    linkSync(database, join(dir, 'hard.md'));
    expect(refusal(() => writeOutputFile(join(dir, 'hard.md'), 'x', { database, replace: true }))).toMatch(/remedi database itself|SQLite database/);
    expect(readFileSync(database)).toEqual(before);
  });

  it('refuses any other SQLite file, even when replacing is allowed', () => {
    const dir = tempDir();
    const other = join(dir, 'other-app.sqlite');
    new Database(other).exec('CREATE TABLE t (x)');
    const before = readFileSync(other);
    expect(refusal(() => writeOutputFile(other, 'report', { database: join(dir, 'remedi.db'), replace: true }))).toContain('is a SQLite database');
    expect(readFileSync(other)).toEqual(before);
  });

  it('refuses a link, and neither writes nor chmods what it points to', () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me', { mode: 0o644 });
    chmodSync(victim, 0o644);
    symlinkSync(victim, join(dir, 'report.md'));
    expect(refusal(() => writeOutputFile(join(dir, 'report.md'), 'x', { replace: true }))).toContain('never writes through a link');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(mode(victim)).toBe(0o644);
    expect(lstatSync(join(dir, 'report.md')).isSymbolicLink()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe at once (no waiting for a reader), and leaves its mode alone', () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', ['-m', '0666', fifo]);
    expect(refusal(() => writeOutputFile(fifo, 'x', { replace: true }))).toContain('is a named pipe');
    expect(mode(fifo)).toBe(0o666);
  });

  it('refuses a folder, and a folder that does not exist', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    expect(refusal(() => writeOutputFile(join(dir, 'sub'), 'x', { replace: true }))).toContain('is a folder');
    expect(refusal(() => writeOutputFile(join(dir, 'missing', 'r.md'), 'x'))).toContain('the folder');
  });
});

describe('createOutputFile', () => {
  it('gives the file its name only after fill returns, and returns what fill returned', async () => {
    const dir = tempDir();
    const target = join(dir, 'copy.db');
    const { path, result } = await createOutputFile(target, async (temporary) => {
      expect(existsSync(target)).toBe(false);
      expect(mode(temporary)).toBe(0o600);
      writeFileSync(temporary, 'copied');
      return 5;
    });
    expect([path, result]).toEqual([target, 5]);
    expect(readFileSync(target, 'utf8')).toBe('copied');
    expect(readdirSync(dir)).toEqual(['copy.db']);
  });

  it('leaves nothing under the name, nor any temporary file, when fill fails', async () => {
    const dir = tempDir();
    const message = await asyncRefusal(() =>
      createOutputFile(join(dir, 'copy.db'), async (temporary) => {
        writeFileSync(temporary, 'half');
        writeFileSync(`${temporary}-journal`, 'sqlite left this');
        throw new UserError('the copy failed its check');
      }),
    );
    expect(message).toBe('the copy failed its check');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not overwrite a file put under the name while it was writing, nor write through a link put there', async () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const target = join(dir, 'copy.db');
    const message = await asyncRefusal(() =>
      createOutputFile(target, async (temporary) => {
        writeFileSync(temporary, 'copied');
        symlinkSync(victim, target);
      }),
    );
    expect(message).toContain('already exists');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(readdirSync(dir).sort()).toEqual(['copy.db', 'victim.txt']);
  });

  it('with replace, refuses a link put under the name while it was writing', async () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const target = join(dir, 'report.md');
    await asyncRefusal(() =>
      createOutputFile(
        target,
        async (temporary) => {
          writeFileSync(temporary, 'report');
          symlinkSync(victim, target);
        },
        { replace: true },
      ),
    );
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
  });
});

describe('createOutputFolder', () => {
  it('writes every file into an owner-only folder that appears under its name complete', () => {
    const dir = tempDir();
    const target = join(dir, 'export');
    const path = createOutputFolder(target, (write) => {
      write('a.csv', 'one');
      expect(existsSync(target)).toBe(false);
      write('b.csv', 'two');
    });
    expect(path).toBe(target);
    expect(mode(target)).toBe(0o700);
    expect(readdirSync(target).sort()).toEqual(['a.csv', 'b.csv']);
    for (const file of ['a.csv', 'b.csv']) expect(mode(join(target, file))).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['export']);
  });

  it('refuses a folder that exists, empty or not, and a link', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    expect(refusal(() => checkNewFolder(join(dir, 'empty')))).toContain('already exists; remedi writes an export into a new folder');
    symlinkSync(join(dir, 'empty'), join(dir, 'link'));
    expect(refusal(() => createOutputFolder(join(dir, 'link'), (write) => write('a.csv', 'x')))).toContain('already exists');
    expect(readdirSync(join(dir, 'empty'))).toEqual([]);
  });

  it('leaves nothing under the name, nor a half-written folder, when a write fails midway', () => {
    const dir = tempDir();
    expect(() =>
      createOutputFolder(join(dir, 'export'), (write) => {
        write('a.csv', 'one');
        throw new Error('disk trouble');
      }),
    ).toThrow('disk trouble');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes a file given in pieces whole, and leaves nothing when making its pieces fails half-way', () => {
    const dir = tempDir();
    const pieces = function* (fail: boolean) {
      yield 'staff_id\r\n';
      yield '1\r\n';
      if (fail) throw new Error('the database went away');
      yield '2\r\n';
    };
    createOutputFolder(join(dir, 'whole'), (write) => write('staff.csv', pieces(false)));
    expect(readFileSync(join(dir, 'whole', 'staff.csv'), 'utf8')).toBe('staff_id\r\n1\r\n2\r\n');
    expect(() => createOutputFolder(join(dir, 'export'), (write) => write('staff.csv', pieces(true)))).toThrow('the database went away');
    expect(readdirSync(dir)).toEqual(['whole']);
  });

  it('never writes through a link planted under the name while it was writing', () => {
    const dir = tempDir();
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const target = join(dir, 'export');
    expect(
      refusal(() =>
        createOutputFolder(target, (write) => {
          write('sessions.csv', 'notes');
          symlinkSync(elsewhere, target);
        }),
      ),
    ).toContain('already exists');
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['elsewhere', 'export']);
  });
});

const disk = fullDiskSupport();
describe.skipIf(!disk.ok)(`on a full disk${disk.ok ? '' : ` (skipped: ${disk.why})`}`, () => {
  it('says so in one line, keeps the old file as it was and leaves no temporary file', () => {
    const dir = mountFullDisk(tempDir());
    const target = join(dir, 'report.md');
    writeFileSync(target, 'the old board paper');
    fillUp(dir);
    const message = refusal(() => writeOutputFile(target, 'x'.repeat(100_000), { replace: true }));
    expect(message).toBe(`Cannot write ${target}: the disk is full; the report.md already there is as it was. Free some space, or choose another place.`);
    expect(readFileSync(target, 'utf8')).toBe('the old board paper');
    expect(readdirSync(dir).sort()).toEqual(['filler', 'report.md']);
  });
});

describe('what a remedi stopped half-way left behind', () => {
  /** The id of a process that has ended (a child run to its end). */
  const endedPid = (): number => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  };

  it("is removed by the next write of the same name (file, SQLite side files, folder); a running writer's and other names are left", () => {
    const dir = tempDir();
    const dead = endedPid();
    const leftovers = [`board.html.partial-${dead}-a1b2c3d4e5f6`, `backup.db.partial-${dead}-0011aabbccdd-wal`];
    for (const name of leftovers) writeFileSync(join(dir, name), 'Ethnicity of Ann Lee: M');
    mkdirSync(join(dir, `export.partial-${dead}-Xy12Ab`));
    writeFileSync(join(dir, `export.partial-${dead}-Xy12Ab`, 'staff.csv'), 'staff');
    const running = `board.html.partial-${process.pid}-ffffffffffff`;
    const others = [running, 'board.html.partial-notes.txt', `other.html.partial-${dead}-a1b2c3d4e5f6`];
    for (const name of others) writeFileSync(join(dir, name), 'keep');

    writeOutputFile(join(dir, 'board.html'), 'report');
    expect(existsSync(join(dir, leftovers[0]))).toBe(false);
    expect(existsSync(join(dir, leftovers[1]))).toBe(true);
    writeOutputFile(join(dir, 'backup.db'), 'copy');
    expect(existsSync(join(dir, leftovers[1]))).toBe(false);
    createOutputFolder(join(dir, 'export'), (write) => write('staff.csv', 'staff'));
    expect(readdirSync(dir).sort()).toEqual(['backup.db', 'board.html', 'export', ...others].sort());
  });
});
