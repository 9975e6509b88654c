/** `remedi staff` list, find, show, edit and train: flags and help. Run modules load only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { cohortNumber, common, isoDateArgument, wholeNumber, type CliHost, type OptionsOf } from '../../cli/options.js';

const staffList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .description('List staff with their band, seniority, BME status, functions and board membership.')
    .option('--cohort <number>', 'only the people enrolled in this cohort, with their role', cohortNumber)
    .option('--csv', "print CSV (the table's columns plus email and job title), for a spreadsheet")
    .addHelpText('after', '\nExamples:\n  remedi staff list\n  remedi staff list --cohort 1 --json > cohort1.json\n  remedi staff list --csv > staff.csv');
export type StaffListOptions = OptionsOf<ReturnType<typeof staffList>>;

const staffFind = (parent: CommandUnknownOpts) =>
  common(parent.command('find'))
    .description('Find people by part of their name, email or staff id (accents and case do not matter); people still here first.')
    .argument('<text>', 'part of a name, email or staff id')
    .option('--limit <n>', 'show at most this many (default 50)', wholeNumber('a number of people', 1))
    .option('--csv', 'print CSV, for a spreadsheet')
    .addHelpText('after', '\nExamples:\n  remedi staff find siobhan\n  remedi staff find @nhs.net --csv > people.csv');
export type StaffFindOptions = OptionsOf<ReturnType<typeof staffFind>>;

const staffShow = (parent: CommandUnknownOpts) =>
  common(parent.command('show'))
    .description('Everything remedi holds about one person: their details, what was set by hand, their cohorts, relationships and sessions.')
    .argument('<person>', 'a staff id, an email, or a name that matches one person')
    .addHelpText('after', '\nExamples:\n  remedi staff show 10000065\n  remedi staff show "Chidi Eze" --json');
export type StaffShowOptions = OptionsOf<ReturnType<typeof staffShow>>;

const staffEdit = (parent: CommandUnknownOpts) =>
  common(parent.command('edit'))
    .description("Change one person's details by hand. Values set here are kept by later imports unless the file has a non-blank value for them.")
    .argument('<person>', 'a staff id, an email, or a name that matches one person')
    .option('--email <email>', 'their email ("" for none)')
    .option('--department <name>', 'their department ("" for none)')
    .option('--band <band>', 'their pay band or grade, e.g. "Band 6", 8a, VSM, Consultant')
    .option('--function <list>', 'strategic, managerial, clinical, front line, separated by ; or , ("" to derive it again)')
    .option('--board <yes|no>', 'whether they are an Executive Board member')
    .option('--capacity <n>', 'how many mentees they may mentor at once, 0 to 20')
    .option('--race-trained <date|no>', 'the day they were RACE-trained (YYYY-MM-DD or DD/MM/YYYY), yes if the day is not known, or no')
    .option('--line-manager <person>', 'their line manager: a staff id, email or name ("" for none)')
    .addHelpText(
      'after',
      '\nExamples:\n  remedi staff edit "Chidi Eze" --function "front line"\n  remedi staff edit 10000052 --capacity 2 --race-trained 2026-02-10\n  remedi staff edit siobhan.kelly@nhs.net --line-manager "Margaret Ellison"',
    );
export type StaffEditOptions = OptionsOf<ReturnType<typeof staffEdit>>;

const staffTrain = (parent: CommandUnknownOpts) =>
  common(parent.command('train'))
    .description('Record RACE training for mentors trained after the roster was imported.')
    .argument('<person...>', 'one or more people: staff ids, emails, or names that match one person each')
    .option('--on <date>', 'the day they were trained (default: today)', isoDateArgument)
    .addHelpText('after', '\nExamples:\n  remedi staff train 10000065 10000069 --on 2026-02-10\n  remedi staff train "Chidi Eze" mei.chen@nhs.net');
export type StaffTrainOptions = OptionsOf<ReturnType<typeof staffTrain>>;

export function declareStaff(program: CommandUnknownOpts, host: CliHost): void {
  const staff = program
    .command('staff')
    .summary('See, find and correct staff')
    .description('See, find and correct the people remedi knows, and how it classified them.');
  staffList(staff).action(async (options) => {
    const { runStaffList } = await import('./list.js');
    await runStaffList(options, await host.context(options));
  });
  staffFind(staff).action(async (text, options) => {
    const { runStaffFind } = await import('./find.js');
    await runStaffFind(text, options, await host.context(options));
  });
  staffShow(staff).action(async (person, options) => {
    const { runStaffShow } = await import('./show.js');
    await runStaffShow(person, options, await host.context(options));
  });
  staffEdit(staff).action(async (person, options) => {
    const { runStaffEdit } = await import('./edit.js');
    await runStaffEdit(person, options, await host.context(options));
  });
  staffTrain(staff).action(async (people, options) => {
    const { runStaffTrain } = await import('./train.js');
    await runStaffTrain(people, options, await host.context(options));
  });
}
