/** The CLI's version is the package's (packages/cli/package.json), in the checkout and in the bundle alike. */
import cliPackage from '../../packages/cli/package.json' with { type: 'json' }

export const VERSION: string = cliPackage.version
