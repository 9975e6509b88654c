/**
 * A small full disk for tests: a 200 KB tmpfs mounted on a temporary folder. Only root
 * can mount one (and only where the kernel lets it), so callers skip with the reason.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export function fullDiskSupport(): { ok: true } | { ok: false; why: string } {
  if (process.platform !== 'linux') return { ok: false, why: 'tmpfs is Linux only' };
  if (process.getuid?.() !== 0) return { ok: false, why: 'mounting a small tmpfs needs root' };
  const probe = mkdtempSync(join(tmpdir(), 'remedi-tmpfs-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', probe]);
    if (mounted.status !== 0) return { ok: false, why: `mount -t tmpfs failed: ${String(mounted.stderr).trim()}` };
    spawnSync('umount', [probe]);
    return { ok: true };
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Mounts a 200 KB tmpfs on `dir` (unmounted when the test finishes) and returns `dir`. */
export function mountFullDisk(dir: string): string {
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', dir]);
  if (mounted.status !== 0) throw new Error(`mount failed: ${String(mounted.stderr)}`);
  // Registered after tempDir's clean-up, so it runs first: unmount, then remove the folder.
  onTestFinished(() => {
    spawnSync('umount', [dir]);
  });
  return dir;
}

/** Fills the disk `dir` is on with a file called `filler`, to the last byte or leaving `room` bytes. */
export function fillUp(dir: string, room = 0): void {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch {
    // ENOSPC: full.
  } finally {
    closeSync(fd);
  }
  if (room > 0) truncateSync(path, Math.max(0, statSync(path).size - room));
}
