// Worker entry: the Hono app serves /api/*; the static site is served from the assets binding.
import app from './app.ts'

export default app
