/** How people are found by name and by email (store/people.ts); a first import builds them once, at its end. */
export const STAFF_SEARCH_INDEXES = `
  CREATE INDEX staff_by_name_key ON staff (name_key);
  CREATE INDEX staff_by_email ON staff (lower(email));`;
