/**
 * `report --format json`: exactly `JSON.stringify(report, null, 2)` and a newline, written in
 * pieces. A national cohort's report runs past 100 MB: held whole (with its bytes for the write)
 * it would take several times the report itself, so each top-level field is stringified on its
 * own and the relationships are written a few dozen at a time, by hand (their shape is fixed,
 * and JSON.stringify's walk over fifty thousand of them, key by key, was most of the writing).
 */
import type { CohortReport, ReportRelationship } from '../domain/cohortReport.js';
import type { RelationshipMonth } from '../domain/compliance.js';
import type { PublicationReport } from '../domain/publicationReport.js';

/** Relationships per piece: about 100 KB of text, small enough that a piece never lingers into old space. */
export const RELATIONSHIPS_PER_PIECE = 40;

export function* reportJsonPieces(report: CohortReport | PublicationReport): Generator<string> {
  const nested = (key: string, value: unknown) => JSON.stringify({ [key]: value }, null, 2).slice(2, -2);
  const fields = (Object.entries(report) as Array<[string, unknown]>)
    .map(([key, value]) => ({ key, value, byHand: key === 'relationships' && Array.isArray(value) && value.length > 0 }))
    .map((field) => ({ ...field, text: field.byHand ? '' : nested(field.key, field.value) }))
    // JSON.stringify leaves out a field it cannot write (undefined): its wrapper is "{}", cut to nothing.
    .filter((field) => field.byHand || field.text !== '');
  if (fields.length === 0) {
    yield `${JSON.stringify(report, null, 2)}\n`;
    return;
  }
  let piece = '{\n';
  for (const [index, { key, value, byHand, text }] of fields.entries()) {
    if (!byHand) piece += text;
    else {
      const items = value as ReportRelationship[];
      const write = relationshipWriter();
      piece += `  ${JSON.stringify(key)}: [\n`;
      for (let i = 0; i < items.length; i++) {
        piece += write(items[i]);
        piece += i < items.length - 1 ? ',\n' : '\n';
        if ((i + 1) % RELATIONSHIPS_PER_PIECE === 0) {
          yield piece;
          piece = '';
        }
      }
      piece += '  ]';
    }
    piece += index < fields.length - 1 ? ',\n' : '\n';
  }
  yield `${piece}}\n`;
}

/** A character JSON.stringify writes escaped: a quote, a backslash, a control character, half of a surrogate pair. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it: most need no escape, and the call costs more than the quotes. */
const quote = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`);

/** A number as JSON.stringify writes it (NaN and the infinities as null). */
const number = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/**
 * A relationship as JSON.stringify(report, null, 2) writes it inside the report's array, at four
 * spaces, keys in the order buildCohortReport gives them. A month's lines up to its sessions, the
 * same for every relationship that started on the same day, are written once.
 */
function relationshipWriter(): (rel: ReportRelationship) => string {
  // A month's lines up to its sessions, by from, to and index.
  const monthHeads = new Map<string, Map<string, string[]>>();
  const monthHead = (month: RelationshipMonth): string => {
    let byTo = monthHeads.get(month.from);
    if (byTo === undefined) {
      byTo = new Map();
      monthHeads.set(month.from, byTo);
    }
    let byIndex = byTo.get(month.to);
    if (byIndex === undefined) {
      byIndex = [];
      byTo.set(month.to, byIndex);
    }
    let head = byIndex[month.index];
    if (head === undefined) {
      head = `        {\n          "index": ${number(month.index)},\n          "from": ${quote(month.from)},\n          "to": ${quote(month.to)},\n          "sessions": `;
      byIndex[month.index] = head;
    }
    return head;
  };
  const monthTail = (month: RelationshipMonth): string => `,\n          "complete": ${month.complete},\n          "state": ${quote(month.state)}\n        }`;
  const tails = new Map<string, string>();
  const tailOf = (month: RelationshipMonth): string => {
    const key = `${month.complete}${month.state}`;
    let tail = tails.get(key);
    if (tail === undefined) {
      tail = monthTail(month);
      tails.set(key, tail);
    }
    return tail;
  };
  return (rel) => {
    let text = `    {\n      "id": ${number(rel.id)},\n      "mentee": {\n        "staffId": ${quote(rel.mentee.staffId)},\n        "name": ${quote(rel.mentee.name)}\n      },\n      "mentors": `;
    if (rel.mentors.length === 0) text += '[]';
    else {
      text += '[\n';
      for (let m = 0; m < rel.mentors.length; m++) {
        const mentor = rel.mentors[m];
        text += `        {\n          "staffId": ${quote(mentor.staffId)},\n          "name": ${quote(mentor.name)}`;
        if (mentor.slot !== undefined) text += `,\n          "slot": ${mentor.slot === null ? 'null' : quote(mentor.slot)}`;
        text += m < rel.mentors.length - 1 ? '\n        },\n' : '\n        }\n';
      }
      text += '      ]';
    }
    text += `,\n      "start": ${quote(rel.start)},\n      "end": ${rel.end === null ? 'null' : quote(rel.end)},\n      "plannedEnd": ${quote(rel.plannedEnd)},\n      "status": ${quote(rel.status)},\n      "reasons": `;
    if (rel.reasons.length === 0) text += '[]';
    else {
      text += '[\n';
      for (let r = 0; r < rel.reasons.length; r++) text += `        ${quote(rel.reasons[r])}${r < rel.reasons.length - 1 ? ',\n' : '\n'}`;
      text += '      ]';
    }
    text += `,\n      "monthsComplete": ${number(rel.monthsComplete)},\n      "sessions": ${number(rel.sessions)},\n      "rate": ${rel.rate === null ? 'null' : number(rel.rate)},\n      "months": `;
    if (rel.months.length === 0) text += '[]';
    else {
      text += '[\n';
      for (let m = 0; m < rel.months.length; m++) {
        const month = rel.months[m];
        text += monthHead(month) + number(month.sessions) + tailOf(month) + (m < rel.months.length - 1 ? ',\n' : '\n');
      }
      text += '      ]';
    }
    text += `,\n      "running": ${rel.running}`;
    if (rel.type !== undefined) text += `,\n      "type": ${quote(rel.type)}`;
    return `${text}\n    }`;
  };
}
