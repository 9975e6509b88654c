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
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';

if (process.env.REMEDI_BENCH_MODULES) {
  register('./modules-hooks.mjs', import.meta.url, { data: { file: process.env.REMEDI_BENCH_MODULES } });
}

/** Writes `out` importing every module listed in `list` once (bin/remedi.js itself excluded: it runs the command). */
export function floorModule(list, out, { exclude = [] } = {}) {
  const urls = [...new Set(readFileSync(list, 'utf8').split('\n').filter(Boolean))].filter((url) => !exclude.includes(url));
  writeFileSync(out, `${urls.map((url) => `import ${JSON.stringify(url)};`).join('\n')}\n`);
  return urls.length;
}
