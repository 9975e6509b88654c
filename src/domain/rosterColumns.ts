/** The roster's fields and the names HR exports give them (matched by io/columns.ts). */
import type { FileHeaders } from './inputFile.js';

export const ROSTER_FIELDS = [
  'staff_id',
  'name',
  'first_name',
  'last_name',
  'email',
  'department',
  'job_title',
  'band',
  'staff_group',
  'ethnicity',
  'bme',
  'function',
  'board_member',
  'line_manager_id',
  'role',
  'race_trained',
  'capacity',
  // Who has left and when: remedi export writes them, so its staff.csv imports back as it was.
  'active',
  'left_on',
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Header spellings per field, beyond the plain name itself. */
const ALIASES: Record<RosterField, string[]> = {
  staff_id: ['Employee Number', 'Employee No', 'Employee ID', 'Staff Number', 'Staff No', 'Person Number', 'ESR Number', 'Emp No', 'Payroll Number'],
  name: ['Full Name', 'Employee Name', 'Staff Name', 'Display Name'],
  first_name: ['Forename', 'Forenames', 'Given Name', 'First Names'],
  last_name: ['Surname', 'Family Name'],
  email: ['Email Address', 'E-mail', 'Work Email', 'Work Email Address', 'NHSmail', 'NHS Mail Address'],
  // ESR's Organisation is the person's lowest organisation: their department.
  department: ['Directorate', 'Dept', 'Department Name', 'Organisation', 'Organization', 'Organisation Name'],
  job_title: ['Job Role', 'Position Title', 'Position', 'Job', 'Post Title'],
  band: ['Pay Band', 'Grade', 'Pay Grade', 'AfC Band', 'Band/Grade'],
  staff_group: ['Staff Group Name'],
  ethnicity: ['Ethnic Origin', 'Ethnic Category', 'Ethnicity Code', 'Ethnic Group'],
  bme: ['BAME', 'Is BME', 'BME Status'],
  function: ['Functions'],
  board_member: ['Board', 'Executive Board', 'Exec Board', 'Board Level', 'Is Board Member', 'Executive Board Member'],
  line_manager_id: [
    'Line Manager Employee Number',
    'Line Manager Staff ID',
    'Line Manager Number',
    'Manager ID',
    'Manager Employee Number',
    'Manager Staff ID',
    'Supervisor Employee Number',
  ],
  role: ['Programme Role', 'Program Role', 'ReMEDI Role', 'Mentoring Role'],
  race_trained: ['RACE Training', 'RACE Trained On', 'RACE Training Date', 'RACE Date'],
  capacity: ['Max Mentees', 'Mentor Capacity'],
  active: ['Is Active'],
  left_on: ['Date Left'],
};

/** The roster's headers; ESR organisation hierarchy headers (`Org L3`...) read as the department. */
export const ROSTER_HEADERS: FileHeaders<RosterField> = { fields: ROSTER_FIELDS, aliases: ALIASES, hierarchy: 'department' };

/**
 * The columns of an enrolment file (`remedi cohort enrol --from`): a person, found under the
 * roster's staff id, email or name headers, and a role under the roster's role headers.
 */
export const ENROLMENT_FIELDS = ['staff_id', 'email', 'name', 'role'] as const;

export type EnrolmentField = (typeof ENROLMENT_FIELDS)[number];

export const ENROLMENT_HEADERS: FileHeaders<EnrolmentField> = {
  fields: ENROLMENT_FIELDS,
  aliases: {
    staff_id: ALIASES.staff_id,
    // Forms ask "Your name" and "Your email" where HR writes Full Name and Email Address.
    email: [...ALIASES.email, 'Your Email', 'Your Email Address', 'Your Work Email'],
    name: [...ALIASES.name, 'Your Name', 'Your Full Name'],
    role: ALIASES.role,
  },
};
