import { describe, expect, it } from 'vitest';
import { oneLine, visible } from '../../src/ui/terminalText.js';

describe('visible: control characters from the data are shown, not obeyed', () => {
  it.each([
    ['Chidi Eze', 'Chidi Eze'],
    ['Siobhán Kelly', 'Siobhán Kelly'],
    ['tab\tkept', 'tab\tkept'],
    ['\u001b[2J', '\\x1b[2J'],
    ['\u001b]8;;https://evil.example\u0007Chidi\u001b]8;;\u0007', '\\x1b]8;;https://evil.example\\x07Chidi\\x1b]8;;\\x07'],
    ['line\nbreak', 'line\\x0abreak'],
    ['over\rwrite', 'over\\x0dwrite'],
    ['back\bspace', 'back\\x08space'],
    ['nul\u0000', 'nul\\x00'],
    ['del\u007f', 'del\\x7f'],
    ['csi\u009b2J', 'csi\\u009b2J'],
    ['c1 \u0080 \u009f', 'c1 \\u0080 \\u009f'],
    ['not C1: \u00a0 é', 'not C1: \u00a0 é'],
    ['already \\x1b escaped', 'already \\x1b escaped'],
    ['Ann \u202eeeL\u202c', 'Ann \\u202eeeL\\u202c'],
    ['isolates \u2066 \u2067 \u2068 \u2069', 'isolates \\u2066 \\u2067 \\u2068 \\u2069'],
    ['embeddings \u202a \u202b \u202d', 'embeddings \\u202a \\u202b \\u202d'],
    ['marks kept \u200e \u200f عائشة', 'marks kept \u200e \u200f عائشة'],
  ])('%j -> %j', (text, shown) => {
    expect(visible(text)).toBe(shown);
  });
});

describe('oneLine', () => {
  it.each([
    ['Ann\nLee', 'Ann Lee'],
    ['Ann\r\nLee', 'Ann Lee'],
    ['Ann\rLee', 'Ann Lee'],
    ['Ann\u2028Lee', 'Ann Lee'],
    ['Ann Lee', 'Ann Lee'],
  ])('%j -> %j', (text, line) => {
    expect(oneLine(text)).toBe(line);
  });
});
