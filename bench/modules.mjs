/**
 * The module-load floor for a command: which modules a real run of the command imports
 * (recorded by a resolve hook), and a file that imports exactly those and does nothing else.
 *
 *   node --import ./bench/modules.mjs bin/remedi.js ...   with REMEDI_BENCH_MODULES=list.txt
 *
 * appends every resolved module URL to list.txt. `floorModule(list, out)` then writes a
 * module of static imports of them: timing `node out.mjs` is node's start-up plus loading
 * (parsing, linking, evaluating top levels) the command's own module graph, without running it.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { register } from 'node:module';

if (process.env.REMEDI_BENCH_MODULES) {
  const file = process.env.REMEDI_BENCH_MODULES;
  register('./modules-hooks.mjs', import.meta.url, { data: { file } });
  // What remedi require()s (commander, better-sqlite3: loaded as CommonJS, which the resolve hook
  // above never sees), recorded as `require <file>` so the floor requires them the same way.
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (!Module.isBuiltin(request)) appendFileSync(file, `require ${Module._resolveFilename(request, parent, isMain)}\n`);
    return load.apply(this, arguments);
  };
}

/**
 * Writes `out` importing every ES module listed in `list` once (bin/remedi.js itself excluded: it
 * runs the command) and requiring every CommonJS file listed; returns how many.
 */
export function floorModule(list, out, { exclude = [] } = {}) {
  const entries = [...new Set(readFileSync(list, 'utf8').split('\n').filter(Boolean))].filter((entry) => !exclude.includes(entry));
  const required = entries.filter((entry) => entry.startsWith('require ')).map((entry) => entry.slice('require '.length));
  const imported = entries.filter((entry) => !entry.startsWith('require '));
  const lines = imported.map((url) => `import ${JSON.stringify(url)};`);
  if (required.length > 0) {
    lines.push("import { createRequire } from 'node:module';", 'const require = createRequire(import.meta.url);');
    for (const file of required) lines.push(`require(${JSON.stringify(file)});`);
  }
  writeFileSync(out, `${lines.join('\n')}\n`);
  return imported.length + new Set(required).size;
}
