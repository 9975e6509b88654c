/**
 * The layers of src/ (docs in CONVENTIONS' layout), checked by `npm run lint`:
 *
 *   cli             the entry: process lifecycle, the command registry, the Context
 *   commands        one folder per command group; with cli, the only place the layers meet: may import anything
 *   ui              rendering: domain, io; never store, matching, commands or cli
 *   store           SQL: domain, io; never ui, commands or cli
 *   matching        the solver: itself and domain
 *   domain          pure rules: itself only
 *   io              files in and out: itself only
 *
 * Everyone may import src/errors.ts (the one exit path). Type-only imports count: a type
 * ties a module to another's shape as firmly as a value does.
 */
const CLI = '^src/(cli|commands)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing of ours but src/domain and src/errors.ts: decide in domain, let the callers do the I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/|^src/errors\\.ts$' },
    },
    {
      name: 'matching-is-pure',
      comment: 'src/matching (the solver and pairing) imports only itself, src/domain and src/errors.ts.',
      severity: 'error',
      from: { path: '^src/matching/' },
      to: { path: '^src/', pathNot: '^src/(matching|domain)/|^src/errors\\.ts$' },
    },
    {
      name: 'pure-layers-do-no-io',
      comment: 'src/domain and src/matching use no package and no Node module: they are pure, tested as tables.',
      severity: 'error',
      from: { path: '^src/(domain|matching)/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'io-knows-no-domain',
      comment: 'src/io reads and writes files and knows nothing of the domain: it imports only itself and src/errors.ts. Give it what it needs as a parameter.',
      severity: 'error',
      from: { path: '^src/io/' },
      to: { path: '^src/', pathNot: '^src/io/|^src/errors\\.ts$' },
    },
    {
      name: 'ui-renders-only',
      comment: 'src/ui renders what it is given: never the store (declare the shape in domain or ui), the solver, a command or the cli.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: `^src/(store|matching)/|${CLI}` },
    },
    {
      name: 'store-not-ui',
      comment: 'src/store runs SQL and returns records; it never renders, and never reaches up into a command or the cli.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: `^src/ui/|${CLI}` },
    },
    {
      name: 'commands-only-from-cli',
      comment: 'Only the cli (entry and registry) and the commands themselves import a command or the cli.',
      severity: 'error',
      from: { path: '^src/', pathNot: CLI },
      to: { path: CLI },
    },
    {
      name: 'src-not-dev-deps',
      comment: 'The published package has no devDependencies: src may not import one.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles: each layer and each module can be read, tested and loaded on its own. A cycle through a type-only import loads nothing at run time, so it is allowed: a command declaration lazy-imports its run module, which takes its options type from the declaration (a renamed flag then breaks the build).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-orphans',
      comment: 'A module in src that nothing imports and that imports nothing is dead: delete it (a test-only oracle belongs in test/helpers).',
      severity: 'error',
      from: { orphan: true, path: '^src/' },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to no file.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'A package imported but not in package.json: it works here by luck of hoisting.',
      severity: 'error',
      from: {},
      // jszip comes with exceljs; two workbook tests use it to write broken archives.
      // It belongs in devDependencies (npm install -D jszip, a lockfile change) and then this exception goes.
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'], pathNot: '(^|/)node_modules/jszip/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // node_modules is a symlink in a worktree: name packages by where they are imported from.
    preserveSymlinks: true,
    // Packages that publish subpaths (csv-stringify/sync) resolve through their exports map, as in Node.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
