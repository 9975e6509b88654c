import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../src/io/csvInput.js';
import { tempDir } from '../helpers/cli.js';

const MB = 1 << 20;

describe('openCsv: the encoding of a file, read in 1 MB pieces', () => {
  it.each([
    ['a two-byte character across the 1 MB boundary', Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(MB - 5, 0x61), Buffer.from('é\n')]), 'utf-8'],
    ['a four-byte character across the boundary', Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(MB - 6, 0x61), Buffer.from('😀\n')]), 'utf-8'],
    ['Windows-1252 at the boundary', Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(MB - 5, 0x61), Buffer.from([0xe9, 0x0a])]), 'windows-1252'],
    ['a UTF-8 sequence cut off at the end of the file', Buffer.concat([Buffer.from('a,b\nx,'), Buffer.from([0xe2, 0x82])]), 'windows-1252'],
  ])('%s', async (_label, bytes, encoding) => {
    const path = join(tempDir(), 'file.csv');
    writeFileSync(path, bytes);
    expect((await openCsv(path)).encoding).toBe(encoding);
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1252, and zero bytes', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'undefined.csv'), Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x81, 0x0a]));
    await expect(openCsv(join(dir, 'undefined.csv'))).rejects.toThrow(/neither UTF-8 nor Windows-1252 .*position 4/);
    writeFileSync(join(dir, 'nul.csv'), Buffer.from('staff_id,name\n1,Ann\u0000Lee\n'));
    await expect(openCsv(join(dir, 'nul.csv'))).rejects.toThrow(/zero byte \(at byte 19\)/);
  });
});
