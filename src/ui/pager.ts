/**
 * Long output on a terminal goes through a pager, as git does: $REMEDI_PAGER, else $PAGER,
 * else `less -FRX` (quits at once when the text fits one screen, keeps colour, leaves the
 * text on the screen). Never when stdout is not a terminal, on Windows, or with --no-pager
 * or REMEDI_PAGER= (empty); and a pager that cannot be started means the text is printed
 * directly, never an error.
 */
export const DEFAULT_PAGER = 'less -FRX';

/** What processContext needs to know to choose the pager; null: print directly. */
export function choosePager({
  flag,
  isTTY,
  env,
  platform,
}: {
  flag: boolean | undefined;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}): string | null {
  if (flag === false || !isTTY || platform === 'win32') return null;
  const chosen = env.REMEDI_PAGER !== undefined ? env.REMEDI_PAGER : env.PAGER !== undefined && env.PAGER.trim() !== '' ? env.PAGER : DEFAULT_PAGER;
  const command = chosen.trim();
  return command === '' || command === 'cat' ? null : command;
}

export interface PagerTarget {
  out(text: string): void;
  env: NodeJS.ProcessEnv;
  /** The pager command, null (or absent) to print directly. */
  pager?: string | null;
  /** The terminal's height. */
  rows?: number | null;
}

/** More lines than the terminal has rows? Stops counting as soon as it knows. */
function longerThan(text: string, rows: number): boolean {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    lines += 1;
    if (lines > rows) return true;
  }
  return false;
}

/** Shows text on stdout, through the pager when it is longer than the terminal. */
export function page(target: PagerTarget, text: string): void {
  const pager = target.pager ?? null;
  const rows = target.rows ?? null;
  if (pager === null || rows === null || !longerThan(text, rows - 1)) {
    target.out(text);
    return;
  }
  // node:child_process is loaded only here, to page: its modules are 5% of every command's start-up above node's own.
  const result = process.getBuiltinModule('node:child_process').spawnSync(pager, {
    shell: true,
    input: text,
    stdio: ['pipe', 'inherit', 'inherit'],
    // As git does: less's own defaults when the user has none.
    env: { ...target.env, LESS: target.env.LESS ?? 'FRX', LV: target.env.LV ?? '-c' },
  });
  // Not found or not runnable (the shell's 127 and 126, even when writing to it failed
  // first), or no shell at all: print it. Otherwise the pager ran (a reader who quits
  // early leaves a broken pipe behind, which is not a failure).
  const error: NodeJS.ErrnoException | undefined = result.error;
  if (result.status === 127 || result.status === 126 || (error !== undefined && error.code !== 'EPIPE')) target.out(text);
}
