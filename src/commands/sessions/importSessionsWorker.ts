/**
 * The worker that reads a session log for import-sessions (io/tableWorker.ts): started by importSessions.ts for a large file.
 * Given a database (heldSessionKeys.ts), it fills the filter of the sessions held there while the importing thread is behind.
 */
import { sessionLogFile } from '../../domain/sessionRows.js';
import { serveRecords, workerSetup } from '../../io/tableWorker.js';
import { heldKeysFiller, type HeldKeysSetup } from './heldSessionKeys.js';
import { sessionRowPacker } from './sessionRowBatches.js';

const held = workerSetup<HeldKeysSetup | undefined>();
serveRecords(sessionLogFile(), sessionRowPacker(), held === undefined ? undefined : heldKeysFiller(held));
