/**
 * Text from the data (names, departments, themes, notes, reasons, file names) on its way
 * to a terminal. A roster or a form export can carry control characters: ESC [ 2 J clears
 * the screen, an OSC 8 sequence plants a link under innocent text, a carriage return or a
 * backspace writes over what came before. Each is shown as a visible escape instead, so
 * what the administrator reads is what the data holds. JSON and CSV keep the data as it is.
 */

/**
 * C0 controls but tab, DEL, the C1 controls (U+0080 to U+009F: U+009B is a one-character CSI),
 * and the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
 * which make a terminal show text in another order than it is ("Trojan Source"): a name could
 * seem to say something else. The marks U+200E and U+200F, which names in Arabic or Hebrew may
 * need, only nudge neutral characters and are left.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const hex = (code: number, digits: number): string => code.toString(16).padStart(digits, '0');

/** `Ann\u001b[2JLee` -> `Ann\x1b[2JLee`; C1 and bidirectional controls read `\u009b`, `\u202e`. Everything else is left as it is. */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x80 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** Text with a line break in it, on one line: for a Markdown table cell or a one-line message. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}
