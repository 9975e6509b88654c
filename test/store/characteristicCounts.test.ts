/**
 * The report's counts by characteristic, read by SQLite (store/characteristicCounts.ts), against
 * the same counts made in memory from every stored value and the cohort's relationships, on
 * random databases: people in two relationships, mentees who mentor elsewhere, people outside
 * the cohort, several characteristics; and the report built from them against the report
 * built from the in-memory counts, in every format.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCohortReport, loadPublicationReport } from '../../src/commands/report/cohortReport.js';
import { reportJsonPieces } from '../../src/ui/reportJson.js';
import { buildCohortReport, type CharacteristicCount, type ReportInput } from '../../src/domain/cohortReport.js';
import { buildPublicationReport } from '../../src/domain/publicationReport.js';
import { characteristicCountsOfParticipants, characteristicsForResearch } from '../../src/store/characteristicCounts.js';
import { enabledCharacteristics, storedCharacteristics } from '../../src/store/characteristics.js';
import { getCohort } from '../../src/store/cohorts.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { eachCohortMember, listMeetings } from '../../src/store/meetings.js';
import { bmeOfParticipants, boardWithRoles, cohortSessionSummary, reportRelationships } from '../../src/store/reportData.js';
import { cohortSurveyAnswers } from '../../src/store/surveys.js';
import { makeChalk } from '../../src/ui/colour.js';
import { publicationCsv, reportCsv } from '../../src/ui/reportCsv.js';
import { renderReportHtml } from '../../src/ui/reportHtml.js';
import { renderReportMarkdown, renderReportText } from '../../src/ui/reportText.js';
import { tempDir } from '../helpers/cli.js';
import { mulberry32 } from '../helpers/random.js';

const NAMES = ['disability', 'sex', 'carer'];

async function randomDatabase(seed: number, enabled: readonly string[]): Promise<Db> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  db.transaction(() => {
    db.prepare(
      `INSERT INTO cohorts (number, name, start_date, end_date, min_months, min_per_month) VALUES
         (1, 'One', '2024-01-31', '2024-09-30', 8, 2), (2, 'Two', '2024-03-01', '2024-08-15', 6, 1)`,
    ).run();
    const staff = db.prepare(`INSERT INTO staff (staff_id, name, email, department, staff_group, band, ethnicity, functions, board_member, line_manager_id,
      race_trained, race_trained_on, capacity, active, left_on, added_on, updated_on)
      VALUES (?, ?, NULL, 'Dept', 'Medical and Dental', '6', ?, '[]', 0, NULL, 1, NULL, 1, 1, NULL, '2024-01-01', '2024-01-01')`);
    const people = Array.from({ length: 40 }, (_, i) => `1${String(i).padStart(7, '0')}`);
    for (const id of people) staff.run(id, `Person ${id}`, ['A', 'M', 'Z'][int(3)]);
    for (const name of enabled)
      db.prepare("INSERT INTO characteristics (name, own, enabled_on) VALUES (?, ?, '2024-01-01')").run(name, name === 'carer' ? 1 : 0);
    const value = db.prepare('INSERT INTO staff_characteristics (staff_id, name, value) VALUES (?, ?, ?)');
    for (const id of people) for (const name of enabled) if (random() < 0.7) value.run(id, name, random() < 0.3 ? 'yes' : 'no');
    const relationship = db.prepare(
      `INSERT INTO relationships (id, cohort, mentee_id, type, start_date, ended_on, created_on) VALUES (?, ?, ?, ?, '2024-03-01', NULL, '2024-01-01')`,
    );
    const mentor = db.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id, slot) VALUES (?, ?, ?)');
    const types = ['race', 'frontline', 'clinical', 'general', ...enabled.map((name) => `lived experience (${name})`)];
    for (let id = 1; id <= 14; id++) {
      const mentee = people[int(20)];
      relationship.run(id, 1 + int(2), mentee, types[int(types.length)]);
      const first = people[20 + int(20)];
      mentor.run(id, first, null);
      if (random() < 0.3) {
        const second = people[int(40)];
        if (second !== first && second !== mentee) mentor.run(id, second, null);
      }
    }
  })();
  return db;
}

/** The counts in memory: every stored value, over the people of the cohort's relationships. */
function countsInMemory(db: Db, cohort: number): CharacteristicCount[] {
  const people = new Set(reportRelationships(db, cohort).flatMap((rel) => [rel.mentee.staffId, ...rel.mentors.map((m) => m.staffId)]));
  const stored = storedCharacteristics(db);
  return enabledCharacteristics(db).map(({ name }) => {
    const values = [...people].map((id) => stored.get(id)?.get(name));
    return { name, yes: values.filter((v) => v === 'yes').length, no: values.filter((v) => v === 'no').length };
  });
}

function inputInMemory(db: Db, cohort: number, asOf: string, suppressBelow: number | null): ReportInput {
  return {
    cohort: getCohort(db, cohort)!,
    asOf,
    relationships: reportRelationships(db, cohort),
    sessions: cohortSessionSummary(db, cohort, asOf),
    board: boardWithRoles(db, cohort),
    bmeOf: bmeOfParticipants(db, cohort),
    characteristics: countsInMemory(db, cohort),
    suppressBelow,
    meetings: { held: listMeetings(db, { cohort }), members: eachCohortMember(db, cohort) },
    surveyAnswers: cohortSurveyAnswers(db, cohort),
  };
}

const plain = makeChalk({ flag: false, isTTY: false });

describe('characteristicCountsOfParticipants (SQL) agrees with counting every stored value in memory', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i, both cohorts, every report format, with and without suppression', async (seed) => {
    const db = await randomDatabase(seed, NAMES.slice(0, 1 + (seed % 3)));
    try {
      for (const number of [1, 2]) {
        expect(characteristicCountsOfParticipants(db, number)).toEqual(countsInMemory(db, number));
        const cohort = getCohort(db, number)!;
        for (const suppressBelow of [null, 3, 5]) {
          const fast = loadCohortReport(db, cohort, '2024-06-30', suppressBelow);
          const memory = buildCohortReport(inputInMemory(db, number, '2024-06-30', suppressBelow));
          expect(fast).toEqual(memory);
          expect([...reportJsonPieces(fast)].join('')).toBe(`${JSON.stringify(memory, null, 2)}\n`);
          expect(reportCsv(fast)).toBe(reportCsv(memory));
          expect(renderReportMarkdown(fast)).toBe(renderReportMarkdown(memory));
          expect(renderReportHtml(fast)).toBe(renderReportHtml(memory));
          expect(renderReportText(fast, plain)).toBe(renderReportText(memory, plain));
          const published = loadPublicationReport(db, cohort, '2024-06-30', suppressBelow);
          expect(published).toEqual(buildPublicationReport(inputInMemory(db, number, '2024-06-30', suppressBelow)));
          expect(publicationCsv(published)).toBe(publicationCsv(buildPublicationReport(inputInMemory(db, number, '2024-06-30', suppressBelow))));
        }
      }
    } finally {
      db.close();
    }
  });

  it('reads nothing and gives nothing when no characteristic is enabled', async () => {
    const db = await randomDatabase(7, []);
    try {
      expect(characteristicCountsOfParticipants(db, 1)).toEqual([]);
      expect(characteristicsForResearch(db)).toEqual({ names: [], valuesOf: new Map() });
      expect(loadCohortReport(db, getCohort(db, 1)!, '2024-06-30', null).participation.characteristics).toEqual({});
    } finally {
      db.close();
    }
  });
});
