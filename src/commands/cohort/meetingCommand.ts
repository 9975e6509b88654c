/** `remedi cohort meeting` add, list, edit and delete: flags and help. Run modules load only when a command runs. */
import type { CommandUnknownOpts, OptionValues, Command } from '@commander-js/extra-typings';
import { cohortNumber, collect, common, databaseOptions, isoDateArgument, wholeNumber, type CliHost, type OptionsOf } from '../../cli/options.js';

/** A meeting's fields, as flags: add records them, edit replaces them. */
function meetingFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(command: Command<A, O, G>) {
  return command
    .option('--date <date>', 'the day the cohort met (YYYY-MM-DD or DD/MM/YYYY), within the cohort and not in the future', isoDateArgument)
    .option('--attended <person>', 'a participant who came: staff id, email or name (repeat for each)', collect)
    .option('--attended-all', 'every participant of the cohort on that day came')
    .option('--theme <text>', 'a theme the cohort agreed was common (repeat, or separate with ;)', collect)
    .option('--action <text>', 'an action the cohort asked of the organisation (repeat, in order)', collect)
    .option('--notes <text>', 'free notes');
}

const meetingAdd = (parent: CommandUnknownOpts) =>
  meetingFlags(
    common(parent.command('add'))
      .description("Record a cohort meeting: the day, who came (only the cohort's participants), the themes agreed and the actions asked for.")
      .argument('<cohort>', 'the cohort number', cohortNumber),
  ).addHelpText(
    'after',
    `
Examples:
  remedi cohort meeting add 1 --date 2026-04-15 --attended-all --theme "career progression" --action "Review shortlisting panels"
  remedi cohort meeting add 1 --date 2026-04-15 --attended "Chidi Eze" --attended siobhan.kelly@nhs.net --theme "micro-aggressions; speaking up"

A participant is enrolled in the cohort, in any role, and had neither withdrawn nor left the trust by the day.
Nothing is written unless every person is found and took part that day.`,
  );
export type MeetingAddOptions = OptionsOf<ReturnType<typeof meetingAdd>>;

const meetingList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .description("List a cohort's meetings, oldest first: who came, the themes agreed and the actions.")
    .argument('<cohort>', 'the cohort number', cohortNumber)
    .option('--csv', 'CSV, one row per meeting')
    .addHelpText('after', '\nExamples:\n  remedi cohort meeting list 1\n  remedi cohort meeting list 1 --csv > meetings.csv');
export type MeetingListOptions = OptionsOf<ReturnType<typeof meetingList>>;

const meetingEdit = (parent: CommandUnknownOpts) =>
  meetingFlags(
    common(parent.command('edit'))
      .description('Correct a recorded cohort meeting: only what you give changes, and the result is checked again.')
      .argument('<id>', 'the meeting id, from remedi cohort meeting list', wholeNumber('a meeting id', 1)),
  ).addHelpText(
    'after',
    `
Example:
  remedi cohort meeting edit 3 --attended "Chidi Eze" --attended "Siobhan Kelly" --action "Publish the panel data"

A list you give replaces the meeting's whole list: --attended (or --attended-all) who came, --theme the themes,
--action the actions; an empty value clears it (--theme ""). Lists you do not give are kept. --notes "" clears the notes.`,
  );
export type MeetingEditOptions = OptionsOf<ReturnType<typeof meetingEdit>>;

const meetingDelete = (parent: CommandUnknownOpts) =>
  databaseOptions(parent.command('delete'))
    .description('Delete a recorded cohort meeting (asks first at a terminal; otherwise needs --yes).')
    .argument('<id>', 'the meeting id, from remedi cohort meeting list', wholeNumber('a meeting id', 1))
    .option('--yes', 'delete without asking')
    .addHelpText('after', '\nExample:\n  remedi cohort meeting delete 3 --yes');
export type MeetingDeleteOptions = OptionsOf<ReturnType<typeof meetingDelete>>;

export function declareCohortMeeting(cohort: CommandUnknownOpts, host: CliHost): void {
  const meeting = cohort
    .command('meeting')
    .summary("Record the cohort's meetings")
    .description("Record the cohort's meetings for thematic analysis: who came, the themes agreed and the actions asked for.");
  meetingAdd(meeting).action(async (number, options) => {
    const { runMeetingAdd } = await import('./meetingAdd.js');
    await runMeetingAdd(number, options, await host.context(options));
  });
  meetingList(meeting).action(async (number, options) => {
    const { runMeetingList } = await import('./meetingList.js');
    await runMeetingList(number, options, await host.context(options));
  });
  meetingEdit(meeting).action(async (id, options) => {
    const { runMeetingEdit } = await import('./meetingEdit.js');
    await runMeetingEdit(id, options, await host.context(options));
  });
  meetingDelete(meeting).action(async (id, options) => {
    const { runMeetingDelete } = await import('./meetingDelete.js');
    await runMeetingDelete(id, options, await host.context(options));
  });
}
