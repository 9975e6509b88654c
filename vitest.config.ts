import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real processes; give a loaded CI machine room.
    testTimeout: 30_000,
  },
});
