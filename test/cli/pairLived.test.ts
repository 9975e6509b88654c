/**
 * `remedi pair` with lived experience types (docs/characteristics.md, "Lived experience pairs"):
 * nothing changes until a characteristic is given points, a weight changes the proposal, and no
 * proposal prints a person's value beside their name.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCharacteristic } from '../../src/domain/characteristics.js';
import { characteristicWriter } from '../../src/store/characteristics.js';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

interface ProposalJson {
  weights: Record<string, number>;
  relationships: Array<{ mentee: { staffId: string; name: string }; mentors: Array<{ staffId: string; name: string }>; type: string; reasons: string[] }>;
  unmatched: Array<{ staffId: string; name: string; reasons: string[] }>;
}

const DISABILITY = 'lived experience (disability)';

async function cohortDb(dir: string, name: string): Promise<string> {
  const db = join(dir, name);
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db])).code).toBe(0);
  return db;
}

/** Each person's disability as fixtures/roster-disability.csv gives it (ESR's Disability Flag), written as an import would. */
function disabilityValues(): Map<string, 'yes' | 'no' | 'unknown'> {
  const lines = readFileSync(join(FIXTURES, 'roster-disability.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  return new Map(
    lines.map((line) => {
      const [staffId, flag] = line.split(',');
      return [staffId, readCharacteristic('disability', flag ?? '')!] as const;
    }),
  );
}

async function withDisability(dir: string, name: string): Promise<string> {
  const db = await cohortDb(dir, name);
  expect((await run(['characteristics', 'enable', 'disability', '--db', db])).code).toBe(0);
  const connection = new Database(db);
  try {
    const write = characteristicWriter(connection);
    connection.transaction(() => {
      for (const [staffId, value] of disabilityValues()) write(staffId, 'disability', value);
    })();
  } finally {
    connection.close();
  }
  return db;
}

function weightsFile(dir: string, weights: unknown): string {
  const file = join(dir, `weights-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(weights));
  return file;
}

/** Every staff id and name of the roster, for "no value beside a name". */
function namesOf(db: string): string[] {
  const connection = new Database(db, { readonly: true });
  try {
    return connection.prepare('SELECT name FROM staff').pluck().all() as string[];
  } finally {
    connection.close();
  }
}

/** What would put a person's value beside their name: the values and what they mean. */
const VALUE_WORDS = /disab|\byes\b|\bunknown\b|long-term condition|not declared|prefer not/i;

describe('remedi pair with disability enabled', () => {
  it('without a disability weight gives exactly the proposal of the same cohort with nothing enabled, in JSON, text and CSV', async () => {
    const dir = tempDir();
    const plain = await cohortDb(dir, 'plain.db');
    const enabled = await withDisability(dir, 'enabled.db');
    for (const flags of [['--json'], [], ['--csv'], ['--trios', '--json'], ['--trios']]) {
      const before = await run(['pair', ...flags, '--db', plain]);
      const after = await run(['pair', ...flags, '--db', enabled]);
      expect(before.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);
      expect(after.stderr).toBe(before.stderr);
      expect(after.code).toBe(0);
    }
    // A weight of 0 is the same as none.
    const zero = weightsFile(dir, { disability: 0 });
    expect((await run(['pair', '--json', '--weights', zero, '--db', enabled])).stdout).toBe((await run(['pair', '--json', '--db', plain])).stdout);
  });

  it('with a disability weight proposes lived experience pairs, shows the weight, and never prints a value beside a name', async () => {
    const dir = tempDir();
    const db = await withDisability(dir, 'enabled.db');
    const values = disabilityValues();
    const file = weightsFile(dir, { disability: 1000 });
    const result = await run(['pair', '--json', '--weights', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const proposal = JSON.parse(result.stdout) as ProposalJson;
    expect(proposal.weights).toMatchObject({ race: 400, disability: 1000 });
    expect(Object.keys(proposal.weights).at(-1)).toBe('disability');
    const lived = proposal.relationships.filter((r) => r.type === DISABILITY);
    expect(lived.length).toBeGreaterThan(0);
    for (const rel of lived) {
      // docs/characteristics.md: a leader without it (no, not unknown) with a mentor who has it.
      expect(values.get(rel.mentee.staffId)).toBe('no');
      expect(values.get(rel.mentors[0].staffId)).toBe('yes');
      expect(rel.reasons[0]).toBe('lived experience (disability) (+1000)');
    }
    const text = await run(['pair', '--weights', file, '--db', db]);
    expect(text.stdout).toContain('Weights: race 400, frontline 300, clinical 200, general 0, bmeMentor 100');
    expect(text.stdout).toContain('perBandGap 10, disability 1000.');
    expect(text.stdout).toContain(`: ${DISABILITY}, score`);
    // No reason, note or line says anyone's value: only the type's name.
    for (const rel of proposal.relationships) for (const reason of rel.reasons) expect(reason.replace(DISABILITY, '')).not.toMatch(VALUE_WORDS);
    for (const u of proposal.unmatched) for (const reason of u.reasons) expect(reason).not.toMatch(VALUE_WORDS);
    const names = namesOf(db);
    for (const line of text.stdout.split('\n')) {
      if (!names.some((name) => line.includes(name))) continue;
      expect(line.replaceAll(DISABILITY, '').replace(/^Weights: .*$/, ''), line).not.toMatch(VALUE_WORDS);
    }
    const csv = await run(['pair', '--csv', '--weights', file, '--db', db]);
    expect(csv.stdout.split('\n')[0]).not.toMatch(/disab/);

    // Saved, the type is the label and pair list shows it as any other type.
    expect((await run(['pair', '--save', '--weights', file, '--db', db])).code).toBe(0);
    const list = JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout) as Array<{ type: string }>;
    expect(list.filter((r) => r.type === DISABILITY)).toHaveLength(lived.length);
    expect((await run(['pair', 'list', '--db', db])).stdout).toContain(DISABILITY);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a built-in characteristic that is not enabled',
      { sex: 300 },
      /"sex" is a characteristic that is not enabled, so it has no weight \(to use it: remedi characteristics enable sex\); the weights are race, .* and one for each enabled characteristic \(disability\)/,
    ],
    ['a name that is neither', { carer: 300 }, /"carer" is not a weight; the weights are race, .* and one for each enabled characteristic \(disability\)/],
    ['a characteristic’s weight out of range', { disability: 2000 }, /"disability" is 2000; expected a whole number from 0 to 1000/],
  ])('refuses %s as a usage error, changing nothing', async (_, weights, message) => {
    const dir = tempDir();
    const db = await withDisability(dir, 'enabled.db');
    const result = await run(['pair', '--save', '--weights', weightsFile(dir, weights), '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout)).toEqual([]);
  });

  it('refuses a disability weight while disability is not enabled, naming the enable command', async () => {
    const dir = tempDir();
    const db = await cohortDb(dir, 'plain.db');
    const result = await run(['pair', '--weights', weightsFile(dir, { disability: 300 }), '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('remedi characteristics enable disability');
    expect(result.stderr).toContain('(none is enabled)');
  });

  it('disabling the characteristic removes every lived experience reason of a saved trio, the mentors’ named ones too', async () => {
    const dir = tempDir();
    const db = await withDisability(dir, 'enabled.db');
    expect((await run(['pair', '--trios', '--save', '--weights', weightsFile(dir, { disability: 1000 }), '--db', db])).code).toBe(0);
    const reasons = () => {
      const connection = new Database(db, { readonly: true });
      try {
        return connection.prepare('SELECT type, reasons FROM relationships').all() as Array<{ type: string; reasons: string }>;
      } finally {
        connection.close();
      }
    };
    const named = reasons().filter((r) => /"[^"]+: lived experience \(disability\)/.test(r.reasons));
    expect(named.length).toBeGreaterThan(0);
    expect((await run(['characteristics', 'disable', 'disability', '--yes', '--db', db])).code).toBe(0);
    for (const r of reasons()) {
      expect(r.type).not.toBe(DISABILITY);
      expect(r.reasons).not.toContain(DISABILITY);
    }
    expect(reasons().filter((r) => r.reasons.includes('a reason removed when its characteristic was disabled')).length).toBeGreaterThanOrEqual(named.length);
  });

  it.each(['race', 'frontline', 'clinical', 'general'])('a trust’s own characteristic cannot be named %s, a pairing weight', async (name) => {
    const dir = tempDir();
    const db = await cohortDb(dir, 'plain.db');
    const result = await run(['characteristics', 'enable', name, '--own', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`"${name}" already means something to remedi (a pairing weight,`);
  });

  it('the real binary proposes with fixtures/weights-disability.json', async () => {
    const dir = tempDir();
    const db = await withDisability(dir, 'enabled.db');
    const result = remedi(['pair', '--json', '--weights', join(FIXTURES, 'weights-disability.json'), '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const proposal = JSON.parse(result.stdout) as ProposalJson;
    expect(proposal.weights.disability).toBe(450);
    // 450 is worth more than a race pair's 400: the demo's leaders get lived experience pairs.
    expect(proposal.relationships.map((r) => r.type)).toContain(DISABILITY);
    // At 300 none on roster.csv: a race pair is worth 400, and a front-line pair's 300 wins the tie.
    const less = remedi(['pair', '--json', '--weights', weightsFile(dir, { disability: 300 }), '--db', db]);
    expect(less.code, less.stderr).toBe(0);
    expect((JSON.parse(less.stdout) as ProposalJson).relationships.map((r) => r.type)).not.toContain(DISABILITY);
  });
});
