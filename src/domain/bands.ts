/**
 * Pay bands and grades, and the seniority they give (docs/roster.md, "Bands and seniority").
 *
 * Every band is stored under one canonical label and ranked on one scale, so the
 * rest of the program compares ranks and never spellings.
 */

export type Seniority = 'junior' | 'middle' | 'senior';

/** Agenda for Change bands, most junior first; the rank is the position + 1. */
const AFC_BANDS = ['1', '2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'] as const;

export const RANK_VSM = 13;
/** Executive Board members rank above every band (a flag, not a band). */
export const RANK_BOARD = 14;

const RANK_OF_LABEL: ReadonlyMap<string, number> = new Map<string, number>([
  ...AFC_BANDS.map((band, index) => [band, index + 1] as [string, number]),
  ['VSM', RANK_VSM],
  // Medical and dental grades sit outside Agenda for Change; docs/roster.md, "Bands and seniority" ranks them so.
  ['FY1', 5],
  ['FY2', 6],
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`ST${n}`, 7] as [string, number]),
  ...[1, 2, 3].map((n) => [`CT${n}`, 7] as [string, number]),
  ['StR', 7],
  ['Registrar', 7],
  ['SAS', 7],
  ['Specialty Doctor', 7],
  ['Associate Specialist', 7],
  ['Specialist', 7],
  ['Consultant', 11],
]);

/** Spellings HR files use for the medical grades, keyed by their squashed form. */
const MEDICAL_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['fy1', 'FY1'],
  ['f1', 'FY1'],
  ['foundationyear1', 'FY1'],
  ['foundationdoctor1', 'FY1'],
  ['fy2', 'FY2'],
  ['f2', 'FY2'],
  ['foundationyear2', 'FY2'],
  ['foundationdoctor2', 'FY2'],
  ['str', 'StR'],
  ['spr', 'StR'],
  ['specialtyregistrar', 'StR'],
  ['specialistregistrar', 'StR'],
  ['registrar', 'Registrar'],
  ['sas', 'SAS'],
  ['sasdoctor', 'SAS'],
  ['specialtydoctor', 'Specialty Doctor'],
  ['staffgrade', 'Specialty Doctor'],
  ['associatespecialist', 'Associate Specialist'],
  ['specialist', 'Specialist'],
  ['consultant', 'Consultant'],
  ['vsm', 'VSM'],
  ['veryseniormanager', 'VSM'],
]);

export interface Band {
  /** Canonical label: `6`, `8a`, `VSM`, `FY1`, `Consultant`, ... */
  label: string;
  rank: number;
}

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Reads a band as HR writes it (`Band 6`, `6`, `8A`, `AfC Band 8a`, `Band 8 - Range C`,
 * `VSM`, `Very Senior Manager`, `Consultant`, `ST3`). Returns null when it is not one.
 */
export function parseBand(raw: string): Band | null {
  const text = raw.trim();
  if (text === '') return null;
  const squashed = squash(text);
  const medical = MEDICAL_SPELLINGS.get(squashed);
  if (medical) return { label: medical, rank: RANK_OF_LABEL.get(medical)! };
  const trainee = /^(st|ct)([1-8])$/.exec(squashed);
  if (trainee) {
    const label = `${trainee[1].toUpperCase()}${trainee[2]}`;
    const rank = RANK_OF_LABEL.get(label);
    if (rank !== undefined) return { label, rank };
  }
  // Agenda for Change: strip the words around the band itself.
  const afc = squashed
    .replace(/^(agendaforchange|afc)/, '')
    .replace(/^(payband|band)/, '')
    .replace(/range/, '');
  // A bare 8 is not a band: band 8 is always split into 8a to 8d.
  if (/^[1-79]$/.test(afc) || /^8[a-d]$/.test(afc)) {
    return { label: afc, rank: RANK_OF_LABEL.get(afc)! };
  }
  return null;
}

/** How a band reads in a table: `Band 6`, `Band 8a`, `VSM`, `Consultant`. */
export function bandDisplay(label: string | null): string {
  if (label === null) return '';
  return /^([1-9]|8[a-d])$/.test(label) ? `Band ${label}` : label;
}

export function rankOfBand(label: string | null): number | null {
  if (label === null) return null;
  return RANK_OF_LABEL.get(label) ?? null;
}

/** A person's effective rank: board members outrank every band. */
export function seniorityRank(bandLabel: string | null, boardMember: boolean): number | null {
  if (boardMember) return RANK_BOARD;
  return rankOfBand(bandLabel);
}

/** junior = bands 1-6; middle = 7, 8a, 8b; senior = 8c and above, VSM, board. */
export function seniorityOfRank(rank: number): Seniority {
  if (rank <= 6) return 'junior';
  if (rank <= 9) return 'middle';
  return 'senior';
}

export const BAND_EXPECTED =
  'a band such as "Band 6", "8a", "AfC Band 8b" or "VSM", or a medical grade such as "FY1", "ST3", "Specialty Doctor" or "Consultant"';
