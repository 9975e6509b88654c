/** How proposals and relationships read: JSON (a contract), CSV for mail merges, and text. */
import type { ChalkInstance } from 'chalk';
import { formatDate, type IsoDate } from '../domain/dates.js';
import {
  seniorityLabel,
  UNTRAINED_MENTOR_REASON,
  weightsJson,
  type PairType,
  type Participant,
  type Slot,
  type WeightName,
  type Weights,
} from '../domain/pairingRules.js';
import type { Proposal, ProposedRelationship } from '../domain/proposal.js';
import type { CsvCell } from '../io/csvOutput.js';
import { visible } from './terminalText.js';
import { wrapLines } from './table.js';

export interface ProposalJson {
  cohort: number;
  /** The weights by name, then each enabled characteristic given points (a lived experience type that applied). */
  weights: Record<WeightName, number> & Record<string, number>;
  saved: boolean;
  start: IsoDate;
  relationships: Array<{
    id: number | null;
    mentee: { staffId: string; name: string };
    mentors: Array<{ staffId: string; name: string; slot: Slot | null }>;
    type: PairType;
    score: number;
    reasons: string[];
    /** It cannot last the cohort's minimum months before the cohort ends (see notes for the way out). */
    tooShort: boolean;
  }>;
  unmatched: Array<{ staffId: string; name: string; role: 'mentee' | 'mentor'; reasons: string[] }>;
  totals: { boardCovered: number; boardTotal: number; mentees: number; paired: number; trioSlotsFilled: number; score: number };
  notes: string[];
}

export function proposalJson(
  cohort: number,
  weights: Weights,
  proposal: Proposal,
  notes: string[],
  saved: { ids: number[] | null; start: IsoDate; tooShort?: boolean },
): ProposalJson {
  return {
    cohort,
    weights: weightsJson(weights),
    saved: saved.ids !== null,
    start: saved.start,
    relationships: proposal.relationships.map((rel, index) => ({
      id: saved.ids?.[index] ?? null,
      mentee: { staffId: rel.mentee.staffId, name: rel.mentee.name },
      mentors: rel.mentors.map((m) => ({ staffId: m.mentor.staffId, name: m.mentor.name, slot: m.slot })),
      type: rel.type,
      score: rel.score,
      reasons: rel.reasons,
      tooShort: saved.tooShort === true,
    })),
    unmatched: proposal.unmatched.map((u) => ({ staffId: u.person.staffId, name: u.person.name, role: u.role, reasons: u.reasons })),
    totals: { ...proposal.totals },
    notes,
  };
}

const PERSON_COLUMNS = ['id', 'name', 'email', 'department'] as const;

/** The columns of `pair --csv`: one row per proposed relationship, each person named, ready for a mail merge. */
export const PROPOSAL_CSV_HEADER: readonly string[] = [
  'relationship_id',
  'type',
  'score',
  'start',
  ...PERSON_COLUMNS.map((c) => `mentee_${c}`),
  ...PERSON_COLUMNS.map((c) => `mentor_${c}`),
  'mentor_slot',
  ...PERSON_COLUMNS.map((c) => `second_mentor_${c}`),
  'second_mentor_slot',
];

/** `pair --csv`: the rows under PROPOSAL_CSV_HEADER (ids only once saved); a pair leaves the second mentor's cells empty. */
export function proposalCsvRows(proposal: Proposal, saved: { ids: number[] | null; start: IsoDate }): CsvCell[][] {
  const person = (p: Participant | undefined): CsvCell[] => (p ? [p.staffId, p.name, p.email, p.department] : [null, null, null, null]);
  return proposal.relationships.map((rel, index) => [
    saved.ids?.[index] ?? null,
    rel.type,
    rel.score,
    saved.start,
    ...person(rel.mentee),
    ...person(rel.mentors[0]?.mentor),
    rel.mentors[0]?.slot ?? null,
    ...person(rel.mentors[1]?.mentor),
    rel.mentors[1]?.slot ?? null,
  ]);
}

/** Names, departments and the reasons and notes that quote them are data: shown with visible escapes. */
const who = (p: Participant): string => visible(`${p.name} (${[seniorityLabel(p), p.department].filter(Boolean).join(', ')})`);
const number = (n: number): string => n.toLocaleString('en-GB');

/** The proposal as text; on a terminal `width` columns wide its long lines are broken between words. */
export function renderProposal(json: ProposalJson, proposal: Proposal, colour: ChalkInstance, width: number | null = null): string {
  const lines: string[] = [];
  const { totals } = json;
  const trios = totals.trioSlotsFilled;
  lines.push(
    colour.bold(
      `Cohort ${json.cohort}: ${json.relationships.length} ${json.relationships.length === 1 ? 'relationship' : 'relationships'}` +
        `${trios > 0 ? ` (${trios} ${trios === 1 ? 'trio' : 'trios'})` : ''}${json.saved ? ' saved' : ' proposed'}, starting ${formatDate(json.start)}.`,
    ),
  );
  const boardMark =
    totals.boardCovered === totals.boardTotal ? colour.green('all covered') : colour.yellow(`${totals.boardTotal - totals.boardCovered} not covered`);
  // A replacement run may have no board member waiting: "0 of 0 (all covered)" would say nothing true.
  const board =
    totals.boardTotal === 0
      ? 'No board member was waiting to be paired.'
      : `Board members covered: ${totals.boardCovered} of ${totals.boardTotal} (${boardMark}).`;
  lines.push(`${board} Mentees paired: ${totals.paired} of ${totals.mentees}. Total score: ${number(totals.score)}.`);
  lines.push(
    `Weights: ${Object.entries(json.weights)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  proposal.relationships.forEach((rel: ProposedRelationship, index) => {
    const id = json.relationships[index].id;
    lines.push('');
    const label = id !== null ? `#${id}` : `${index + 1}.`;
    const kind = rel.mentors.length === 2 ? `trio, ${rel.type}` : rel.type;
    lines.push(`${colour.bold(label)} ${who(rel.mentee)}: ${kind}, score ${number(rel.score)}`);
    for (const m of rel.mentors) {
      const slot = m.slot === 'bme' ? 'BME mentor' : m.slot === 'frontline' ? 'front-line mentor' : 'mentor';
      lines.push(`   ${slot}: ${who(m.mentor)}`);
      lines.push(colour.dim(`     ${visible(m.reasons.join('; '))}`));
    }
    for (const note of rel.notes) lines.push(colour.yellow(`   ${visible(note)}`));
    if (json.relationships[index].tooShort) lines.push(colour.yellow('   too short: cannot last the minimum months before the cohort ends (see the notes)'));
  });
  const left = proposal.unmatched;
  if (left.length > 0) {
    // Mentors left out only for want of RACE training read as one line, not one line each:
    // before anyone's training is recorded that is every mentor of the cohort.
    const untrained = left.filter((u) => u.role === 'mentor' && u.reasons.length === 1 && u.reasons[0] === UNTRAINED_MENTOR_REASON);
    if (proposal.relationships.length === 0 && untrained.length > 0 && untrained.length === left.filter((u) => u.role === 'mentor').length) {
      lines.push(
        '',
        colour.yellow(
          `Nobody could be paired: no mentor's RACE training is recorded. Record it with remedi staff train STAFF_ID ... --on DATE, or pair with --allow-untrained.`,
        ),
      );
    }
    lines.push('', colour.bold(`Left out (${left.length}):`));
    for (const u of left) {
      if (untrained.length > 1 && untrained.includes(u)) continue;
      const line = `  ${u.role} ${who(u.person)}: ${visible(u.reasons.join('; '))}`;
      lines.push(u.role === 'mentee' ? colour.yellow(line) : line);
    }
    if (untrained.length > 1) {
      lines.push(
        `  ${untrained.length} mentors not RACE-trained yet (remedi staff train, or pair with --allow-untrained): ${untrained.map((u) => visible(u.person.name)).join(', ')}`,
      );
    }
  }
  if (json.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of json.notes) lines.push(`  - ${visible(note)}`);
  }
  const text = lines.join('\n');
  return `${width ? wrapLines(text, width) : text}\n`;
}
