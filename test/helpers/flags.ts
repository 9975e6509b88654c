/** Options for calling a command's run function directly, as the command line would give them. */

/**
 * Options as commander hands them to a command: --no-color and --no-pager are true unless given,
 * and a switch not given is absent (undefined), never false.
 */
export function asFlags<T extends object>(options: T): { color: boolean; pager: boolean } & { [K in keyof T]: Exclude<T[K], false> } {
  const flags = Object.fromEntries(Object.entries(options).map(([key, value]) => [key, value === false ? undefined : value]));
  return { color: true, pager: true, ...flags } as { color: boolean; pager: boolean } & { [K in keyof T]: Exclude<T[K], false> };
}
