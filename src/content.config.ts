import { defineCollection } from 'astro:content'
import { glob } from 'astro/loaders'
import { z } from 'astro/zod'
import { i18nLoader } from '@astrojs/starlight/loaders'
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema'

// Articles and guides live in the top-level content/ folder, next to their rules and fixtures.
// Folders starting with "_" (the template), fixture folders and the infrastructure code (iac/) are not pages.
export const collections = {
  // The site's own wording for Starlight's interface (src/content/i18n/en.json).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  docs: defineCollection({
    loader: glob({ base: './content', pattern: ['**/*.{md,mdx}', '!**/_*/**', '!**/fixtures/**', '!iac/**'] }),
    schema: docsSchema({
      extend: z.object({
        provider: z.enum(['aws', 'gcp', 'azure', 'openai', 'any']).optional(),
        stage: z.string().optional(),
        codes: z.array(z.string()).default([]),
        aliases: z.array(z.string()).default([]),
        guideTerms: z.array(z.string()).default([]),
        related: z.array(z.string()).default([]),
        cause: z.string().optional(),
        fix: z.array(z.string()).optional(),
        rule: z.unknown().optional(),
      }),
    }),
  }),
}
