/**
 * Writing a whole buffer to an open file descriptor. Its own module: stdout redirected to a
 * file is written with it, so every command has it, while the safe file writer beside it
 * (outputFile.ts) loads only for a command that writes a file.
 */
import { writeSync } from 'node:fs';

/** Writes every byte of `data` to an open file descriptor, however many calls that takes. */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error('the write made no progress'), { code: 'EIO' });
    offset += written;
  }
}
