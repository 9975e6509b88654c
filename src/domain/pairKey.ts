/**
 * Two people paired before, as one key whichever way round they are given. Its own module:
 * the store reads earlier pairs without loading the pairing rules (log-session's start-up).
 */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
