import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// `npm test` builds first: the registry, the site (dist/) and its search index are real inputs.
export default defineConfig({
  test: {
    projects: [
      {
        // Some tests start processes (npx, the installed CLI): a limit that catches a hang, not a slow machine.
        test: { name: 'node', include: ['test/{unit,rules,cli,deploy,package}/**/*.test.ts', 'src/engine/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        // A short body timeout, so the stalled-upload test takes a moment, not ten seconds.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' }, miniflare: { bindings: { BODY_TIMEOUT_MS: '300' } } })],
        test: { name: 'api', include: ['test/api/**/*.test.ts'] },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/server.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
