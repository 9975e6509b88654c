/**
 * `remedi export`: everything held, or everything about one person (a subject access request,
 * docs/privacy.md, "Subject access"), as owner-only CSV files in a new folder.
 */
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { exportScope, meetingsInScope } from '../../domain/subjectAccess.js';
import { createOutputFolder } from '../../io/outputFile.js';
import { checkNewFolder } from '../../io/outputTarget.js';
import { enabledCharacteristics, storedCharacteristics } from '../../store/characteristics.js';
import { inOneRead } from '../../store/connection.js';
import { enrolmentsOf, listCohorts } from '../../store/cohorts.js';
import { targetedDepartmentNames } from '../../store/departments.js';
import { listMeetings } from '../../store/meetings.js';
import { loadRelationships } from '../../store/relationships.js';
import { listSessions } from '../../store/sessions.js';
import { eachStaffInOrderAdded } from '../../store/staff.js';
import { surveyAnswersHeld } from '../../store/surveys.js';
import { csvPieces } from '../../io/csvOutput.js';
import { exportSummaryText, exportTables, SUBJECT_ACCESS_NOTE, type ExportSummary } from '../../ui/exportOutput.js';
import { progress } from '../../ui/progress.js';
import { surveyAnswersTable } from '../../ui/surveyOutput.js';
import { resolvePerson } from '../shared/resolvePerson.js';
import { printJson, readDatabase } from '../shared/skeleton.js';
import type { ExportOptions } from './command.js';

export async function runExport(directory: string, options: ExportOptions, context: Context): Promise<ExportSummary> {
  const target = resolve(context.cwd, directory);
  // Refused before anything is read; createOutputFolder looks again when it renames.
  checkNewFolder(target);
  // One read transaction, the files written inside it: every file from the same snapshot, and
  // staff.csv made from the staff as they are read.
  return readDatabase(options, context, (db) =>
    inOneRead(db, () => {
      // A person by staff id, email or name; a forgotten person cannot be found any more.
      const who = options.staff === undefined ? undefined : resolvePerson(db, options.staff).staffId;
      const cohorts = listCohorts(db);
      const held = {
        staff: eachStaffInOrderAdded(db),
        // Every enrolment, withdrawn ones too: a subject access request asks for all that is held.
        enrolments: cohorts.flatMap((c) =>
          [...enrolmentsOf(db, c.number)]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([staffId, e]) => ({ cohort: c.number, staffId, role: e.role, withdrawnOn: e.withdrawnOn, withdrawReason: e.withdrawReason })),
        ),
        cohorts,
        relationships: loadRelationships(db),
        sessions: listSessions(db),
        targetedDepartments: targetedDepartmentNames(db),
      };
      const meetings = meetingsInScope(listMeetings(db, {}), who);
      // Their own answers to outcome surveys, with a subject access request (docs/privacy.md, "Subject access").
      const answers = surveyAnswersTable(surveyAnswersHeld(db, who));
      // The enabled characteristics' values: everyone's, or the person's own (docs/characteristics.md, "Forgetting").
      const stored = storedCharacteristics(db, who === undefined ? undefined : [who]);
      const characteristics = { names: enabledCharacteristics(db).map((c) => c.name), valuesOf: (staffId: string) => stored.get(staffId) };
      const tables = [...exportTables({ ...exportScope(held, who), meetings, characteristics }, { subjectAccess: who !== undefined }), answers];
      const summary: ExportSummary = { directory: target, staffId: who ?? null, files: [] };
      // Every file into a fresh folder beside the target, which gets its name only when all are written.
      const onProgress = progress(context, { what: `Exporting to ${target}`, unit: 'files written', json: options.json, every: 1 });
      try {
        createOutputFolder(target, (write) => {
          for (const { file, headers, rows } of tables) {
            const counted = { file, rows: 0 };
            write(file, csvPieces(headers, counting(rows, counted)));
            summary.files.push(counted);
            onProgress(summary.files.length, tables.length);
          }
        });
      } finally {
        onProgress.end();
      }
      if (options.json) printJson(context, summary);
      else context.out(exportSummaryText(summary));
      if (who !== undefined) context.err(SUBJECT_ACCESS_NOTE);
      return summary;
    }),
  );
}

/** The rows as they are taken, counted into `into.rows`. */
function* counting<T>(rows: Iterable<T>, into: { rows: number }): Generator<T> {
  for (const row of rows) {
    into.rows += 1;
    yield row;
  }
}
