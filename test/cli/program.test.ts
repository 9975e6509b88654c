/**
 * The registry declares only the group a command line names (src/cli/program.ts): each group's
 * list of commands must be what its declarations add, and a program holding one group must show
 * the same help and the same usage errors for its commands as the program holding them all.
 */
import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, buildProgram, groupsFor, type ProgramHost } from '../../src/cli/program.js';

const host = (): ProgramHost & { text: () => string } => {
  let text = '';
  return {
    context: () => Promise.reject(new Error('no command runs here')),
    writeOut: (t) => void (text += t),
    writeErr: (t) => void (text += t),
    text: () => text,
  };
};

/** Every command below the program, as its path of names ("sessions list"), with the command itself. */
function commandsOf(program: CommandUnknownOpts): Array<[string, CommandUnknownOpts]> {
  const walk = (command: CommandUnknownOpts, path: string[]): Array<[string, CommandUnknownOpts]> =>
    command.commands.flatMap((sub) => [[[...path, sub.name()].join(' '), sub] as [string, CommandUnknownOpts], ...walk(sub, [...path, sub.name()])]);
  return walk(program, []);
}

describe('the command registry', () => {
  it('lists, for each group, exactly the top-level commands its declarations add, each in one group', async () => {
    const seen: string[] = [];
    for (const group of COMMAND_GROUPS) {
      const program = new Command('remedi') as unknown as CommandUnknownOpts;
      (await group.load())(program, host());
      expect(program.commands.map((c) => c.name())).toEqual(group.commands);
      seen.push(...group.commands);
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    [
      ['log-session', '--pair', '1'],
      ['log-session', 'import-sessions', 'sessions'],
    ],
    [
      ['sessions', 'list'],
      ['log-session', 'import-sessions', 'sessions'],
    ],
    [['check'], ['backup', 'check']],
    [['import', 'roster.csv'], ['import']],
  ])('declares only the group of %j', (args, commands) => {
    expect(groupsFor(['node', 'remedi', ...args]).map((g) => g.commands)).toEqual([commands]);
  });

  it.each([
    [['log-session', '--pair', '1'], ['log-session']],
    [['import-sessions', 'form.csv'], ['import-sessions']],
    [['sessions', 'list'], ['sessions']],
    [['check'], ['backup', 'check']],
  ])('builds for %j a program of %j (the sessions group declares only the command named)', async (args, commands) => {
    expect((await buildProgram(host(), ['node', 'remedi', ...args])).commands.map((c) => c.name())).toEqual(commands);
  });

  it.each([[[]], [['--help']], [['help', 'log-session']], [['-V']], [['lg-session']], [['--db', 'x.db', 'log-session']], [['Log-Session']]])(
    'declares every group for %j (help and "Did you mean" need them all)',
    (args) => {
      expect(groupsFor(['node', 'remedi', ...args])).toBe(COMMAND_GROUPS);
    },
  );

  it('gives each command the same help in a program of its group alone as in the program of all groups', async () => {
    const all = commandsOf(await buildProgram(host(), ['node', 'remedi']));
    expect(all.length).toBeGreaterThan(30);
    for (const [path, command] of all) {
      const alone = new Map(commandsOf(await buildProgram(host(), ['node', 'remedi', ...path.split(' ')])));
      expect(alone.get(path)?.helpInformation(), path).toBe(command.helpInformation());
    }
  });

  it.each([
    ['log-session', '--bogus'],
    ['log-session', '--minutes', 'many'],
    ['sessions', 'lst'],
    ['pair', 'add', '--help'],
    ['check', 'extra', 'words'],
    ['staff'],
  ])('prints the same for %j whichever groups are declared', async (...args) => {
    const outcome = async (program: CommandUnknownOpts, h: ReturnType<typeof host>) => {
      const error = await program.parseAsync(['node', 'remedi', ...args]).then(
        () => null,
        (e: { code?: string; exitCode?: number }) => `${e.code} ${e.exitCode}`,
      );
      return { error, text: h.text() };
    };
    const allHost = host();
    const aloneHost = host();
    // Every group declared, as help would be, against the one group groupsFor picks.
    const everything = await buildProgram(allHost, ['node', 'remedi']);
    const alone = await buildProgram(aloneHost, ['node', 'remedi', ...args]);
    expect(alone.commands.length).toBeLessThan(everything.commands.length);
    const expected = await outcome(everything, allHost);
    expect(expected.text).not.toBe('');
    expect(await outcome(alone, aloneHost)).toEqual(expected);
  });
});
