#!/usr/bin/env node
// The `roentgen` command. Roentgen runs its TypeScript sources directly through tsx, so there is no
// build step between `npm ci` and `npx roentgen start`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../apps/cli/src/main.ts');
process.exitCode = await main(process.argv.slice(2));
