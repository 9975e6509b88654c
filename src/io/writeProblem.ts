/** A failed write (a file, a pipe, the database) in plain words, for every message that reports one. */

/** Why a write failed, in plain words, for an errno or SQLite code; null when we have no plain words for it. */
export function writeProblem(error: unknown): string | null {
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'the disk is full';
  if (code === 'EDQUOT') return 'your disk quota is used up';
  if (code === 'EFBIG') return 'the file is too large for this disk';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'the disk is read-only';
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN') return 'permission denied';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'the disk reported an input/output error';
  if (code === 'EPIPE') return 'the program reading it has closed it';
  return null;
}
