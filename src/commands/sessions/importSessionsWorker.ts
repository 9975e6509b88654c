/**
 * The worker that reads a session log for import-sessions (io/tableWorker.ts): started by importSessions.ts for a large file.
 * Given a database (heldSessionKeys.ts), it first fills the filter of the sessions held there.
 */
import { sessionLogFile } from '../../domain/sessionRows.js';
import { serveRecords, workerSetup } from '../../io/tableWorker.js';
import { fillHeldKeys, type HeldKeysSetup } from './heldSessionKeys.js';
import { sessionRowPacker } from './sessionRowBatches.js';

const held = workerSetup<HeldKeysSetup | undefined>();
if (held !== undefined) fillHeldKeys(held);
serveRecords(sessionLogFile(), sessionRowPacker());
