/** `remedi pair --weights FILE`: the scoring weights read from a small JSON file, refused whole when it is not one. */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { parseWeights, type Weights } from '../../domain/pairingRules.js';
import { UsageError, UserError } from '../../errors.js';

/** A weights file is a flat object of a few numbers: anything bigger is not one. */
export const MAX_WEIGHTS_BYTES = 64 * 1024;
/** {"race": 500} is one level; a value that is itself an object or a list is two, and refused by parseWeights. */
const MAX_WEIGHTS_DEPTH = 2;

/** The weights of a --weights file; its characteristics' keys must name enabled characteristics (in their enabled order). */
export function readWeights(path: string, enabled: readonly string[] = []): Weights {
  return weightsOf(readWeightsJson(path), path, enabled);
}

/** A --weights file's JSON, read and parsed but not yet checked (that needs the enabled characteristics, from the database). */
export function readWeightsJson(path: string): unknown {
  const text = readWeightsFile(path);
  // JSON.parse recurses: 50,000 '[' overflow its stack. Count the nesting first.
  if (nestingDepth(text) > MAX_WEIGHTS_DEPTH) {
    throw new UsageError(`The weights file ${path} is not a flat list of weights: its JSON is nested more than ${MAX_WEIGHTS_DEPTH} levels deep.`, {
      fix: 'Write it like {"race": 500, "perBandGap": 5}.',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The weights file ${path} is not valid JSON (${(error as Error).message}).`, {
      fix: 'Write it like {"race": 500, "perBandGap": 5}.',
    });
  }
}

/** The weights of a parsed --weights file, refused whole with every problem. */
export function weightsOf(json: unknown, path: string, enabled: readonly string[]): Weights {
  const { weights, problems } = parseWeights(json, enabled);
  if (problems.length > 0) {
    throw new UsageError(`The weights file ${path} was not used: ${problems.join('; ')}.`, { fix: 'Fix the file and run remedi pair again.' });
  }
  return weights;
}

/**
 * The text of a regular file of at most MAX_WEIGHTS_BYTES. A FIFO, a device or a folder is
 * refused before it is read (`--weights /dev/zero` would never end, a FIFO would wait for a
 * writer); it is opened without blocking and checked again on the open file, in case the
 * path was swapped in between.
 */
function readWeightsFile(path: string): string {
  const notRegular = (what: string) =>
    new UsageError(`The weights file ${path} is ${what}; --weights needs a JSON file.`, {
      fix: 'Give --weights the path of a JSON file, like {"race": 500, "perBandGap": 5}.',
    });
  const tooBig = (size: number) =>
    new UsageError(
      `The weights file ${path} is ${size.toLocaleString('en-GB')} bytes; a weights file is a few lines, at most ${MAX_WEIGHTS_BYTES / 1024} KB.`,
      {
        fix: 'Give --weights the path of a JSON file, like {"race": 500, "perBandGap": 5}.',
      },
    );
  const cannotRead = () => new UserError(`Cannot read the weights file ${path}.`, { fix: 'Check the path of the --weights file.' });
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    throw cannotRead();
  }
  if (!stat.isFile()) throw notRegular(kindOf(stat));
  if (stat.size > MAX_WEIGHTS_BYTES) throw tooBig(stat.size);
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch {
    throw cannotRead();
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw notRegular(kindOf(opened));
    const buffer = Buffer.alloc(MAX_WEIGHTS_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_WEIGHTS_BYTES) throw tooBig(Math.max(length, opened.size));
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw cannotRead();
  } finally {
    closeSync(fd);
  }
}

const kindOf = (stat: Stats): string =>
  stat.isDirectory()
    ? 'a folder'
    : stat.isFIFO()
      ? 'a pipe'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : stat.isSocket()
          ? 'a socket'
          : 'not a regular file';

/** How deeply the JSON text nests objects and lists, counted without parsing it (brackets inside strings do not count). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let k = 0; k < text.length; k += 1) {
    const c = text[k];
    if (inString) {
      if (c === '\\') k += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth -= 1;
  }
  return deepest;
}
