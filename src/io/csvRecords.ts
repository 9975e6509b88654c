/**
 * A CSV record splitter, fed decoded text in chunks (RFC 4180, as spreadsheets write it):
 * fields in double quotes may hold delimiters, line breaks and doubled quotes; records end
 * at CRLF, LF or CR. It tracks the physical line each record starts on, and refuses what
 * a spreadsheet would never write: a quote inside an unquoted field, text after a closing
 * quote, an unclosed quote, a runaway record. Written by hand because the general-purpose
 * parser spent most of a million-row import on bookkeeping we do not need.
 */

export interface SplitRecord {
  line: number;
  cells: string[];
}

export type CsvFault = 'unclosed-quote' | 'stray-quote' | 'record-too-long';

export class CsvFaultError extends Error {
  constructor(
    readonly fault: CsvFault,
    readonly line: number,
  ) {
    super(fault);
    this.name = 'CsvFaultError';
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvRecordSplitter {
  private readonly delimiter: number;
  private cells: string[] = [];
  private field = '';
  /** The current field opened with a quote. */
  private quoted = false;
  /** Inside a quoted field, its closing quote not yet seen. */
  private inQuotes = false;
  /** Inside a quoted field, just read a quote: it closes the field, or is the first of two. */
  private quotePending = false;
  /** The last character was a CR: an LF right after it is the same line break. */
  private afterCr = false;
  private line = 1;
  private recordLine = 1;
  private started = false;

  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Splits a chunk; complete records are pushed to `out`. */
  feed(text: string, out: SplitRecord[]): void {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    let from = i; // start of the run of plain characters not yet added to `field`
    if (this.quotePending && i < n) {
      // The previous chunk ended on a quote inside a quoted field.
      this.quotePending = false;
      if (text.charCodeAt(i) === QUOTE) {
        this.field += '"';
        i += 1;
        from = i;
      } else {
        this.inQuotes = false;
        this.afterQuote(text.charCodeAt(i));
      }
    }
    for (; i < n; i += 1) {
      const c = text.charCodeAt(i);
      const lfAfterCr = this.afterCr && c === LF;
      this.afterCr = c === CR;
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            // A doubled quote is one quote of data: keep the first, skip this one.
            this.field += text.slice(from, i);
            from = i + 1;
            continue;
          }
          // The previous quote closed the field.
          this.inQuotes = false;
          this.field += text.slice(from, i - 1);
          from = i;
          this.afterQuote(c);
        } else {
          if (c === QUOTE) this.quotePending = true;
          else if ((c === LF && !lfAfterCr) || c === CR) this.line += 1;
          continue;
        }
      }
      if (c === this.delimiter) {
        this.endField(text.slice(from, i));
        from = i + 1;
      } else if (c === LF || c === CR) {
        if (lfAfterCr) {
          // The LF of a CRLF that already ended the record.
          from = i + 1;
          continue;
        }
        this.endField(text.slice(from, i));
        this.endRecord(out);
        this.line += 1;
        this.recordLine = this.line;
        from = i + 1;
      } else if (c === QUOTE) {
        if (i !== from || this.field !== '' || this.quoted) throw new CsvFaultError('stray-quote', this.recordLine);
        this.inQuotes = true;
        this.quoted = true;
        from = i + 1;
      }
    }
    // Keep the rest of the chunk; a pending quote stays out until the next chunk decides.
    this.field += text.slice(from, this.quotePending ? n - 1 : n);
    if (this.field.length + this.cellsLength() > this.maxRecordChars) throw new CsvFaultError('record-too-long', this.recordLine);
  }

  /** The end of the input: the last record, if any. */
  end(out: SplitRecord[]): void {
    if (this.inQuotes && !this.quotePending) throw new CsvFaultError('unclosed-quote', this.recordLine);
    this.inQuotes = false;
    this.quotePending = false;
    if (this.field !== '' || this.cells.length > 0 || this.quoted) {
      this.endField('');
      this.endRecord(out);
    }
  }

  /** After a closing quote only a delimiter or a line break may come. */
  private afterQuote(c: number): void {
    if (c !== this.delimiter && c !== CR && c !== LF) throw new CsvFaultError('stray-quote', this.recordLine);
  }

  private cellsLength(): number {
    let total = 0;
    for (const cell of this.cells) total += cell.length;
    return total;
  }

  private endField(tail: string): void {
    this.cells.push(this.field + tail);
    this.field = '';
    this.quoted = false;
  }

  private endRecord(out: SplitRecord[]): void {
    if (this.cellsLength() > this.maxRecordChars) throw new CsvFaultError('record-too-long', this.recordLine);
    out.push({ line: this.recordLine, cells: this.cells });
    this.cells = [];
  }
}
