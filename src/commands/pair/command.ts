/** `remedi pair` (propose, --save) and pair add, end and list: flags and help. Run modules load only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { cohortNumber, collect, common, isoDateArgument, wholeNumber, type CliHost, type OptionsOf } from '../../cli/options.js';

const pairPropose = (parent: CommandUnknownOpts) =>
  common(parent.command('pair'))
    .summary('Propose pairs (--save keeps them)')
    .enablePositionalOptions()
    .description(
      "Propose the best pairs of mentors and mentees for a cohort, following the programme's rules, with the reasons for " +
        'each pair and for everyone left out. Nothing is saved without --save.',
    )
    .option('--cohort <number>', 'the cohort (default: the newest that has started)', cohortNumber)
    .option('--trios', 'give each board member two mentors: one BME, one front-line')
    .option('--save', 'record the proposed relationships')
    .option('--start <date>', 'the day saved relationships start (default: today while the cohort runs, else its start)', isoDateArgument)
    .option(
      '--weights <file>',
      'a JSON file of scoring weights, e.g. {"race": 500, "perBandGap": 5}; an enabled characteristic\'s name weighs its lived experience, e.g. {"disability": 300}',
    )
    .option('--allow-untrained', 'let mentors who are not RACE-trained yet be paired')
    .option('--allow-repeat', 'let two people paired in an earlier cohort be paired again')
    .option('--replace', "first remove this cohort's relationships that have no sessions yet, and propose them afresh")
    .option('--csv', 'print one row per relationship as CSV, for a mail merge')
    .addHelpText(
      'after',
      `
Examples:
  remedi pair --cohort 1                 see the proposal and why
  remedi pair --cohort 1 --trios --save  board members get a BME and a front-line mentor; record it
  remedi pair --csv > pairs.csv          for a mail merge

Hard rules (never broken): the mentor is more junior than the mentee; neither manages the other within two
levels; the mentor has free capacity and is RACE-trained; the two were not paired in an earlier cohort.
The proposal covers as many board members as possible, then pairs as many mentees as possible, then (with
--trios) fills as many trio places as possible, then scores highest. See the README for the weights.`,
    );
export type PairOptions = OptionsOf<ReturnType<typeof pairPropose>>;

const pairAdd = (parent: CommandUnknownOpts) =>
  common(parent.command('add'))
    .description('Record a pair (or, with two mentors, a trio) you made by hand; the rules are checked first.')
    .requiredOption('--mentee <person>', 'the senior leader being mentored: staff id, email or name')
    .requiredOption('--mentor <person>', 'the mentor: staff id, email or name (give it twice for a trio)', collect)
    .option('--cohort <number>', 'the cohort (default: the newest that has started)', cohortNumber)
    .option('--start <date>', "the day it starts (default: today during the cohort, else the cohort's start)", isoDateArgument)
    .option('--force', 'record it even though it breaks a rule, marked as an override')
    .addHelpText(
      'after',
      '\nExamples:\n  remedi pair add --mentee 10000001 --mentor 10000052\n  remedi pair add --mentee "Andrew Whitfield" --mentor chloe.adebayo@nhs.net --mentor "Jade Thompson" --cohort 1',
    );
export type PairAddOptions = OptionsOf<ReturnType<typeof pairAdd>>;

const pairEnd = (parent: CommandUnknownOpts) =>
  common(parent.command('end'))
    .description('End a running relationship early (its sessions are kept), on a day from its start to its planned end, not before its last session.')
    .argument('<id>', 'the relationship id, from remedi pair list', wholeNumber('a relationship id', 1))
    .option('--on <date>', 'the day it ended (default: today)', isoDateArgument)
    .option('--reason <text>', 'why it ended, for the record')
    .addHelpText('after', '\nExample:\n  remedi pair end 7 --on 2026-04-30 --reason "mentor moved trust"');
export type PairEndOptions = OptionsOf<ReturnType<typeof pairEnd>>;

const pairList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .description('List saved relationships: who, type, start, end and whether they are still running.')
    .option('--cohort <number>', 'only this cohort', cohortNumber)
    .option('--csv', "CSV with every person's staff id, name, email and department, for the introductions mail merge")
    .addHelpText('after', '\nExamples:\n  remedi pair list\n  remedi pair list --cohort 1 --json\n  remedi pair list --cohort 1 --csv > introductions.csv');
export type PairListOptions = OptionsOf<ReturnType<typeof pairList>>;

export function declarePair(program: CommandUnknownOpts, host: CliHost): void {
  const pair = pairPropose(program);
  pair.action(async (options) => {
    const { runPair } = await import('./propose.js');
    await runPair(options, await host.context(options));
  });
  pairAdd(pair).action(async (options) => {
    const { runPairAdd } = await import('./add.js');
    await runPairAdd(options, await host.context(options));
  });
  pairEnd(pair).action(async (id, options) => {
    const { runPairEnd } = await import('./end.js');
    await runPairEnd(id, options, await host.context(options));
  });
  pairList(pair).action(async (options) => {
    const { runPairList } = await import('./list.js');
    await runPairList(options, await host.context(options));
  });
}
