/** The decisions `remedi forget` makes before it erases anyone (docs/privacy.md, "Erasure"). */

/**
 * Erasing is for good: it goes ahead with --yes, asks on a terminal, and is refused without
 * one (a script must say --yes).
 */
export function forgetConfirmation({ yes, interactive }: { yes: boolean; interactive: boolean }): 'go' | 'ask' | 'refuse' {
  if (yes) return 'go';
  return interactive ? 'ask' : 'refuse';
}

/**
 * Someone already erased can only be named as typed, by staff id or email (their name is gone):
 * the text, trimmed, as a staff id, and as an email too when it looks like one.
 */
export function typedIdentity(query: string): { staffId: string; email: string | null } {
  const typed = query.trim();
  return { staffId: typed, email: typed.includes('@') ? typed : null };
}
