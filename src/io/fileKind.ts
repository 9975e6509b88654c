/**
 * What an input file is, from its bytes rather than its name: a CSV, an .xlsx workbook,
 * or a file remedi refuses with what to do (an old .xls, an .ods, a password-protected
 * workbook, another zip). A CSV named .xlsx is read as the CSV it is.
 */
import { open } from 'node:fs/promises';
import { UserError } from '../errors.js';

export type FileKind = 'csv' | 'xlsx';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const SAVE_AS = 'Open it in Excel and save it as .xlsx or CSV UTF-8 (File > Save As), then import that file.';

export async function detectFileKind(path: string, name: string): Promise<FileKind> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 8));
    await handle.read(head, 0, head.length, 0);
    if (head.length === 8 && head.equals(OLE2)) {
      // Excel keeps a password-protected workbook in an OLE2 container as a stream named EncryptedPackage.
      const encrypted = await containsBytes(handle, size, Buffer.from('EncryptedPackage', 'utf16le'));
      if (encrypted) {
        throw new UserError(`${name} is a password-protected workbook, which remedi cannot open.`, {
          fix: 'Open it in Excel with its password, then save a copy without one as .xlsx or CSV UTF-8 (File > Save As) and import that.',
        });
      }
      throw new UserError(`${name} is an old Excel 97-2003 workbook (.xls), which remedi cannot read.`, { fix: SAVE_AS });
    }
    if (head.length >= 4 && head.subarray(0, 4).equals(ZIP)) {
      const names = await zipEntryNames(handle, size);
      if (names.includes('xl/workbook.xml')) return 'xlsx';
      const mimetype = await readStoredMimetype(handle);
      if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
        throw new UserError(`${name} is an OpenDocument spreadsheet (.ods), which remedi cannot read.`, {
          fix: 'Open it in LibreOffice or Excel and save it as .xlsx or CSV UTF-8 (File > Save As), then import that file.',
        });
      }
      throw new UserError(`${name} is a zip archive, not a spreadsheet remedi can read (it holds no Excel workbook).`, {
        fix: 'Unzip it and import the .xlsx or CSV file inside, or open the file in Excel and save it as .xlsx or CSV (File > Save As).',
      });
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}

type Handle = Awaited<ReturnType<typeof open>>;

async function containsBytes(handle: Handle, size: number, needle: Buffer): Promise<boolean> {
  const chunk = Buffer.alloc(1 << 16);
  let carry = Buffer.alloc(0);
  for (let position = 0; position < size; position += chunk.length) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    const joined = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
    if (joined.includes(needle)) return true;
    carry = Buffer.from(joined.subarray(Math.max(0, joined.length - needle.length)));
  }
  return false;
}

/** The names in a zip's central directory (found from the end-of-central-directory record). */
async function zipEntryNames(handle: Handle, size: number): Promise<string[]> {
  const tailLength = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > tail.length) return [];
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset + directorySize > size) return [];
  const directory = Buffer.alloc(directorySize);
  await handle.read(directory, 0, directorySize, directoryOffset);
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < count && at + 46 <= directory.length; i += 1) {
    if (directory.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** An OpenDocument file starts with an uncompressed entry "mimetype" holding its type. */
async function readStoredMimetype(handle: Handle): Promise<string> {
  const header = Buffer.alloc(30 + 8 + 100);
  const { bytesRead } = await handle.read(header, 0, header.length, 0);
  if (bytesRead < 30) return '';
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
  if (header.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return '';
  const start = 30 + nameLength + extraLength;
  return header.toString('latin1', start, Math.min(bytesRead, start + 80));
}
