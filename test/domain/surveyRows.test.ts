import { describe, expect, it } from 'vitest';
import { outcomesSection, type ReportSurveyAnswer } from '../../src/domain/outcomes.js';
import { readSurveyRow, SURVEY_HEADERS, surveyLayout, type SurveyField } from '../../src/domain/surveyRows.js';
import { respondentGroup, type SurveyParticipant } from '../../src/domain/surveys.js';
import { UsageError, UserError } from '../../src/errors.js';
import { mapColumns, squashHeader } from '../../src/io/columns.js';

/** The layout of a file with these headers, as the import reads it (`maps` as --respondent and --consent give them). */
function layoutOf(headers: string[], text: string[] = [], maps: Array<[string, SurveyField]> = []) {
  const mapping = mapColumns(headers, SURVEY_HEADERS, new Map(maps.map(([h, f]) => [squashHeader(h), f])));
  return surveyLayout('form.csv', headers, mapping, text);
}

const questionsOf = (headers: string[], text: string[] = [], maps: Array<[string, SurveyField]> = []) =>
  layoutOf(headers, text, maps).questions.map((q) => (q.freeText ? `${q.question} (text)` : q.question));

describe('surveyLayout: which column is the respondent, which are questions', () => {
  it.each([
    {
      what: 'a Microsoft Forms export: Email names the respondent; ID, times and Name are the form own',
      headers: ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Q1', 'Q2'],
      respondent: 'column D (Email)',
      questions: ['Q1', 'Q2'],
    },
    {
      what: 'a Google Forms export: Timestamp and Email Address',
      headers: ['Timestamp', 'Email Address', 'Q1'],
      respondent: 'column B (Email Address)',
      questions: ['Q1'],
    },
    {
      what: 'Respondent wins over a staff id, an email and a name',
      headers: ['Name', 'Email', 'Employee Number', 'Respondent', 'Q1'],
      respondent: 'column D (Respondent)',
      questions: ['Q1'],
    },
    {
      what: 'a staff id wins over an email and a name',
      headers: ['Full Name', 'Staff Number', 'Your Email', 'Q1'],
      respondent: 'column B (Staff Number)',
      questions: ['Q1'],
    },
    {
      what: 'a name alone',
      headers: ['Your Name', 'Q1', 'Consent'],
      respondent: 'column A (Your Name)',
      questions: ['Q1'],
    },
    {
      what: 'blank headers are not questions',
      headers: ['Respondent', '', 'Q1', ' '],
      respondent: 'column A (Respondent)',
      questions: ['Q1'],
    },
  ])('$what', ({ headers, respondent, questions }) => {
    const layout = layoutOf(headers);
    expect(layout.respondent.label).toBe(respondent);
    expect(layout.questions.map((q) => q.question)).toEqual(questions);
  });

  it('finds consent under its own names, or as --consent names it', () => {
    expect(layoutOf(['Respondent', 'Q1', 'May we quote you?']).consent?.label).toBe('column C (May we quote you?)');
    expect(layoutOf(['Respondent', 'Q1', 'Consent']).consent?.label).toBe('column C (Consent)');
    expect(layoutOf(['Respondent', 'Q1', 'OK to use?']).consent).toBeNull();
    expect(layoutOf(['Respondent', 'Q1', 'OK to use?'], [], [['OK to use?', 'consent']]).consent?.label).toBe('column C (OK to use?)');
  });

  it('reads --respondent as the respondent column, over the others', () => {
    const layout = layoutOf(['Email', 'Who are you?', 'Q1'], [], [['Who are you?', 'respondent']]);
    expect(layout.respondent.label).toBe('column B (Who are you?)');
    expect(layout.questions.map((q) => q.question)).toEqual(['Q1']);
  });

  it('marks the --text questions as free text, matched by their wording trimmed', () => {
    expect(questionsOf(['Respondent', 'Q1', 'Why?'], [' Why? '])).toEqual(['Q1', 'Why? (text)']);
    expect(questionsOf(['Respondent', 'Q1', 'Why  Not?'], ['why not?'])).toEqual(['Q1', 'Why  Not? (text)']);
  });

  it.each([
    {
      what: 'a --text header the file does not have',
      headers: ['Respondent', 'Q1'],
      text: ['Q2'],
      message: /--text "Q2" names a column that form.csv does not have/,
    },
    { what: 'a --text header that is not a question', headers: ['Respondent', 'Q1'], text: ['Respondent'], message: /is not a question/ },
  ])('refuses $what (a usage error, the questions listed)', ({ headers, text, message }) => {
    expect(() => layoutOf(headers, text)).toThrow(UsageError);
    expect(() => layoutOf(headers, text)).toThrow(message);
  });

  it('refuses two columns asking the same question, and a file with no question', () => {
    expect(() => layoutOf(['Respondent', 'Q1', 'Q1'])).toThrow(/column B \(Q1\) and column C \(Q1\) ask the same question/);
    expect(() => layoutOf(['Respondent', 'Timestamp'])).toThrow(UserError);
    expect(() => layoutOf(['Respondent', 'Timestamp'])).toThrow(/has no questions/);
  });
});

describe('readSurveyRow', () => {
  const layout = layoutOf(['Respondent', 'Q1', 'Q2', 'Why?', 'Consent'], ['Why?']);

  it.each([
    {
      cells: ['a', 'Agree', '2', 'Because.', 'yes'],
      answers: [
        [0, 4, null],
        [1, 2, null],
        [2, null, 'Because.'],
      ],
      consent: true,
    },
    { cells: ['a', 'STRONGLY  disagree', '', '', ''], answers: [[0, 1, null]], consent: false },
    { cells: ['a', '', '', '', 'No'], answers: [], consent: false },
    {
      cells: ['a', '4 - Agree', 'neutral', '  ', 'y'],
      answers: [
        [0, 4, null],
        [1, 3, null],
      ],
      consent: true,
    },
  ])('reads $cells', ({ cells, answers, consent }) => {
    const { row, problems } = readSurveyRow(cells, 7, layout);
    expect(problems).toEqual([]);
    expect(row?.consent).toBe(consent);
    expect(row?.answers.map((a) => [a.position, a.score, a.text])).toEqual(answers);
  });

  it('refuses each bad cell with its line, column and value', () => {
    const { row, problems } = readSurveyRow(['', 'Very much', '6', 'fine', 'maybe'], 9, layout);
    expect(row).toBeNull();
    expect(problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [9, 'column A (Respondent)', ''],
      [9, 'column E (Consent)', 'maybe'],
      [9, 'column B (Q1)', 'Very much'],
      [9, 'column C (Q2)', '6'],
    ]);
    expect(problems[2].message).toMatch(/a column of free text needs --text "Q1"/);
  });
});

describe('respondentGroup: a participant answers as a mentee or a mentor', () => {
  const person = (fields: Partial<SurveyParticipant>): SurveyParticipant => ({
    staffId: 'x',
    enrolledAs: null,
    menteeInCohort: false,
    mentorInCohort: false,
    seniorLeader: null,
    ...fields,
  });
  it.each([
    { what: 'enrolled as a mentee', person: person({ enrolledAs: 'mentee', mentorInCohort: true }), group: 'mentees' },
    { what: 'enrolled as a mentor', person: person({ enrolledAs: 'mentor', menteeInCohort: true }), group: 'mentors' },
    { what: 'either, the mentee of a relationship', person: person({ enrolledAs: 'either', menteeInCohort: true, seniorLeader: false }), group: 'mentees' },
    { what: 'either, a mentor of a relationship', person: person({ enrolledAs: 'either', mentorInCohort: true, seniorLeader: true }), group: 'mentors' },
    { what: 'either, unpaired, a senior leader', person: person({ enrolledAs: 'either', seniorLeader: true }), group: 'mentees' },
    { what: 'either, unpaired, not a senior leader', person: person({ enrolledAs: 'either', seniorLeader: false }), group: 'mentors' },
    { what: 'either, unpaired, no band', person: person({ enrolledAs: 'either' }), group: null },
    { what: 'not enrolled, paired as a mentor', person: person({ mentorInCohort: true }), group: 'mentors' },
  ])('$what: $group', ({ person, group }) => {
    expect(respondentGroup(person)).toBe(group);
  });
});

describe('outcomesSection', () => {
  const answer = (staffId: string, stage: ReportSurveyAnswer['stage'], fields: Partial<ReportSurveyAnswer>): ReportSurveyAnswer => ({
    staffId,
    stage,
    group: 'mentees',
    question: 'Q',
    score: null,
    text: null,
    consent: false,
    ...fields,
  });

  it('quotes only consented free text, and scores only scores', () => {
    const section = outcomesSection(
      [
        answer('a', 'start', { score: 2 }),
        answer('a', 'start', { question: 'Why?', text: 'Yes.', consent: true }),
        answer('b', 'start', { question: 'Why?', text: 'No.' }),
      ],
      null,
    );
    expect(section.quotes).toEqual([{ stage: 'start', group: 'mentees', text: 'Yes.' }]);
    expect(section.outcomes.map((o) => o.question)).toEqual(['Q']);
  });

  it('with suppression, leaves out the quotes of a stage group fewer than K answered', () => {
    const few = [answer('a', 'end', { score: 4 }), answer('a', 'end', { question: 'Why?', text: 'Mine.', consent: true })];
    const many = ['b', 'c', 'd', 'e'].map((id) => answer(id, 'end', { score: 3 }));
    expect(outcomesSection(few, 5).quotes).toEqual([]);
    expect(outcomesSection([...few, ...many], 5).quotes).toEqual([{ stage: 'end', group: 'mentees', text: 'Mine.' }]);
    expect(outcomesSection([...few, ...many.map((a) => ({ ...a, group: 'mentors' as const }))], 5).quotes).toEqual([]);
  });
});
