import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The built web app (`npm run build`), for nodes whose tests open it: pass as `webDir`. */
export const webDir = join(dirname(createRequire(import.meta.url).resolve('@lifeline/web/package.json')), 'dist');
