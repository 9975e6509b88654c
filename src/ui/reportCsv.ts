/**
 * The cohort report as CSV (docs/reports.md, "Formats"): one named row per relationship, or,
 * for publication, one figure per row. Column names are a contract: scripts read them.
 */
import type { CohortReport } from '../domain/cohortReport.js';
import type { PublicationReport } from '../domain/publicationReport.js';
import { toCsv } from '../io/csvOutput.js';
import { meetingsCsvRows } from './reportMeetings.js';
import { outcomesCsvRows } from './outcomesReport.js';
import { countedCharacteristics, PUBLICATION_NOTE, rateText } from './reportParts.js';

/** One row per relationship; with suppression no type column (docs/reports.md, "Suppression"). */
export function reportCsv(report: CohortReport): string {
  const withType = report.suppressBelow === null;
  const headers = ['id', 'mentee', 'mentors', ...(withType ? ['type'] : []), 'start', 'planned_end', 'end', 'status', 'months_complete', 'sessions', 'rate'];
  return toCsv(
    headers,
    report.relationships.map((rel) => [
      rel.id,
      rel.mentee.name,
      rel.mentors.map((m) => m.name).join('; '),
      ...(withType ? [rel.type ?? ''] : []),
      rel.start,
      rel.plannedEnd,
      rel.end,
      rel.status,
      rel.monthsComplete,
      rel.sessions,
      rel.rate === null ? null : rateText(rel.rate),
    ]),
  );
}

/** The figures of a report for publication, one a row: section, item, value (a count, or "<5"). */
export function publicationCsv(report: PublicationReport): string {
  const { participation: p, board, summary, interactions: i } = report;
  const rows: Array<[string, string, string | number | null]> = [
    ['note', 'for publication', PUBLICATION_NOTE(report.suppressBelow, countedCharacteristics(report))],
    ['participation', 'relationships', p.relationships],
    ['participation', 'pairs', p.pairs],
    ['participation', 'trios', p.trios],
    ...Object.entries(p.byType).map(([type, n]): [string, string, string | number] => ['participation', `type ${type}`, n]),
    ['participation', 'mentees', p.mentees],
    ['participation', 'mentors', p.mentors],
    ...Object.entries(p.byBme).map(([status, n]): [string, string, string | number] => ['participation', `participants BME ${status}`, n]),
    // After BME, by the characteristic's name (the report JSON's key), as "participants disability yes".
    ...Object.entries(p.characteristics).flatMap(([name, counts]) =>
      Object.entries(counts).map(([value, n]): [string, string, string | number] => ['participation', `participants ${name} ${value}`, n]),
    ),
    ['board', 'covered during the cohort', board.covered],
    ['board', 'board members', board.total],
    ['board', 'covered now', board.coveredNow],
    ['compliance', 'met', summary.met],
    ['compliance', 'on track', summary.onTrack],
    ['compliance', 'at risk', summary.atRisk],
    ['compliance', 'breached', summary.breached],
    ['interactions', 'sessions', i.total],
    ['interactions', 'minutes', i.minutes],
    ['interactions', 'sessions per relationship per complete month', i.perRelationshipPerMonth],
    ['interactions', 'explored lived experience', i.livedExperience.sessions],
    ...Object.entries(i.kinds).map(([kind, n]): [string, string, number] => ['kind', kind, n]),
    ...Object.entries(i.levels).map(([level, n]): [string, string, number] => ['level', level, n]),
    ...i.byCalendarMonth.map((m): [string, string, number] => ['calendar month', m.month, m.sessions]),
    ...report.themes.map((t): [string, string, number] => ['theme (relationships)', t.theme, t.relationships]),
    ...meetingsCsvRows(report.meetings),
    ...outcomesCsvRows(report),
  ];
  return toCsv(['section', 'item', 'value'], rows);
}
