/**
 * `remedi survey import FILE --cohort N --stage S`: a form's export of a survey, checked whole
 * (every respondent one of the cohort's participants, every score on the scale) and written in
 * one transaction, or nothing (docs/outcomes.md, "Outcome surveys").
 */
import { type Context, dbPathOf } from '../../cli/context.js';
import type { OutcomeGroup } from '../../domain/outcomes.js';
import { personMatchProblem } from '../../domain/sessionImport.js';
import { readSurveyRow, SURVEY_HEADERS, SURVEY_REQUIRED, surveyLayout, type SurveyField, type SurveyLayout, type SurveyRow } from '../../domain/surveyRows.js';
import { respondentGroup } from '../../domain/surveys.js';
import { UsageError, UserError, type RowProblem } from '../../errors.js';
import type { IGNORE } from '../../io/columns.js';
import { writeProblemsFile } from '../../io/problemsFile.js';
import { readTable, type Table, type TableSpec } from '../../io/tableFile.js';
import type { Db } from '../../store/db.js';
import { getSurveyImport, surveyParticipants, surveyWriter, type StoredAnswer } from '../../store/surveys.js';
import { formatProblemList, importRefusal, problemJson, problemsCsv } from '../../ui/problems.js';
import { surveyImportLine, type SurveyImportSummary } from '../../ui/surveyOutput.js';
import { sessionPeople } from '../shared/filePeople.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { commitOrDryRun, printJson, withDatabase } from '../shared/skeleton.js';
import type { SurveyImportOptions } from './command.js';

const SPEC: TableSpec<SurveyField> = {
  ...SURVEY_HEADERS,
  what: 'survey',
  empty: 'no answers',
  required: SURVEY_REQUIRED,
  readsUnknownColumns: true,
};

export async function runSurveyImport(path: string, options: SurveyImportOptions, context: Context): Promise<SurveyImportSummary> {
  const maps: Array<[string, SurveyField | typeof IGNORE]> = [];
  if (options.respondent !== undefined) maps.push([options.respondent, 'respondent']);
  if (options.consent !== undefined) maps.push([options.consent, 'consent']);
  const { cohort: number, stage } = options;
  return withDatabase(options, context, { create: false }, async (db) => {
    const cohort = existingCohort(db, number);
    const earlier = getSurveyImport(db, cohort.number, stage);
    if (earlier !== null) {
      throw new UserError(`The ${stage} survey of cohort ${cohort.number} was already imported (from ${earlier.file}); nothing was written.`, {
        fix: `To replace it, delete it with remedi survey delete --cohort ${cohort.number} --stage ${stage}, then import again.`,
      });
    }
    const read: { layout: SurveyLayout | null } = { layout: null };
    const rows: SurveyRow[] = [];
    const table = await readTable(
      path,
      SPEC,
      { encoding: options.encoding, sheet: options.sheet, headerRow: options.headerRow, maps },
      (cells, line, table) => {
        read.layout ??= surveyLayout(table.source.name, table.headers, table.mapping, options.text ?? []);
        const result = readSurveyRow(cells, line, read.layout);
        table.problems.push(...result.problems);
        if (result.row !== null) rows.push(result.row);
      },
    ).catch((error: unknown) => {
      throw flagNamed(error, options);
    });
    const name = table.source.name;
    // readTable refuses a file with no rows, so a layout was made.
    const layout = read.layout;
    if (layout === null) throw new Error('a survey with rows has a layout');
    const { questions } = layout;
    // Every problem told at once: the cells refused as read, and the respondents of the rows that read well.
    const planned = planAnswers(db, cohort.number, rows, layout);
    const problems = [...table.problems, ...planned.problems].sort((a, b) => a.line - b.line);
    refuseOnProblems(name, problems, table, options, context);
    const groups = new Map(planned.answers.map((a) => [a.staffId, a.group]));
    await commitOrDryRun(db, options.dryRun === true, () => {
      const write = surveyWriter(db, { cohort: cohort.number, stage, file: name, importedOn: context.today, questions });
      for (const answer of planned.answers) write(answer);
    });
    const groupCount = (group: OutcomeGroup) => [...groups.values()].filter((g) => g === group).length;
    const summary: SurveyImportSummary = {
      file: name,
      database: dbPathOf(options, context),
      dryRun: options.dryRun === true,
      cohort: cohort.number,
      stage,
      respondents: groups.size,
      mentees: groupCount('mentees'),
      mentors: groupCount('mentors'),
      questions: questions.length,
      freeTextQuestions: questions.filter((q) => q.freeText).length,
      answers: planned.answers.length,
      quotable: planned.answers.filter((a) => a.text !== null && a.consent).length,
      warnings: table.warnings.map((w) => problemJson(name, w)),
    };
    if (options.json) printJson(context, summary);
    else context.out(surveyImportLine(summary));
    if (table.warnings.length > 0) context.err(`${formatProblemList(name, table.warnings, 'warning', options.problems).join('\n')}\n`);
    if (options.problems !== undefined) context.err(`Every warning is listed in ${options.problems}.\n`);
    return summary;
  });
}

/** The table reader names --respondent and --consent headers as --map ones (they are given to it so): say the flag the user typed. */
function flagNamed(error: unknown, options: SurveyImportOptions): unknown {
  if (!(error instanceof UsageError)) return error;
  for (const [flag, header] of [
    ['--respondent', options.respondent],
    ['--consent', options.consent],
  ] as const) {
    if (header !== undefined && error.message.startsWith(`--map names a column "${header}" `)) {
      return new UsageError(error.message.replace(/^--map/, `${flag}`), { fix: error.fix });
    }
  }
  return error;
}

/** A refusal of every problem found, with the problems file when asked for; without problems, an empty problems file. */
function refuseOnProblems(name: string, problems: readonly RowProblem[], table: Table<SurveyField>, options: SurveyImportOptions, context: Context): void {
  const problemsFile =
    options.problems === undefined
      ? undefined
      : writeProblemsFile(options.problems, problemsCsv(problems, table.warnings), dbPathOf(options, context), context.cwd);
  if (problems.length > 0) throw importRefusal(name, problems, problemsFile);
}

/**
 * Each row's respondent found (by staff id, email or unique name, with "did you mean"), one of
 * the cohort's participants answering as a mentee or a mentor, and in the file once.
 */
function planAnswers(db: Db, cohort: number, rows: readonly SurveyRow[], layout: SurveyLayout): { answers: StoredAnswer[]; problems: RowProblem[] } {
  const people = sessionPeople(db);
  const participants = surveyParticipants(db, cohort);
  const lineOf = new Map<string, number>();
  const answers: StoredAnswer[] = [];
  const problems: RowProblem[] = [];
  const column = layout.respondent.label;
  for (const row of rows) {
    const refuse = (message: string) => problems.push({ line: row.line, column, value: row.respondent, message });
    const match = people.resolve(row.respondent, true);
    if (!match.ok) {
      refuse(personMatchProblem(match));
      continue;
    }
    const { staffId } = match.person;
    const participant = participants.get(staffId);
    if (participant === undefined) {
      refuse(`${people.personOf(staffId)} is not taking part in cohort ${cohort} (enrol them with remedi cohort enrol ${cohort})`);
      continue;
    }
    const group = respondentGroup(participant);
    if (group === null) {
      refuse(
        `${people.personOf(staffId)} is enrolled as either, is in no relationship of cohort ${cohort} and has no band, so whether they answer as a mentee or a mentor is not known (pair them, or enrol them as a mentee or a mentor)`,
      );
      continue;
    }
    const earlier = lineOf.get(staffId);
    if (earlier !== undefined) {
      refuse(`${people.personOf(staffId)} answered on line ${earlier} too; a person answers once (keep one of lines ${earlier} and ${row.line})`);
      continue;
    }
    lineOf.set(staffId, row.line);
    for (const answer of row.answers) answers.push({ position: answer.position, staffId, group, score: answer.score, text: answer.text, consent: row.consent });
  }
  return { answers, problems };
}
