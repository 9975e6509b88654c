#!/usr/bin/env node
// Tiny launcher: everything lives in the built CLI entry.
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
