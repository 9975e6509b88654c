/**
 * The schema version this remedi writes: the number of steps in migrations.ts (which checks
 * the two agree). Known here without loading those steps: only a new database, or one that
 * needs updating, loads them, not every command's start-up.
 */
export const SCHEMA_VERSION = 9;
