/** The worker that reads a session log for import-sessions (io/tableWorker.ts): started by importSessions.ts for a large file. */
import { sessionLogFile } from '../../domain/sessionRows.js';
import { serveRecords } from '../../io/tableWorker.js';
import { sessionRowPacker } from './sessionRowBatches.js';

serveRecords(sessionLogFile(), sessionRowPacker());
