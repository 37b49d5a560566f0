// Finds a Chromium for the end-to-end tests, the screenshots and PDF printing outside Electron.
// Order: FIREBREAK_CHROMIUM, then the usual system locations. Playwright's own browser download
// cannot work offline, so we never rely on it.
import { accessSync, constants } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

export const HOW_TO_GET_CHROMIUM =
  'No Chromium was found for the end-to-end tests: install it with `sudo apt-get install chromium` (Debian/Ubuntu), ' +
  'or set FIREBREAK_CHROMIUM to the path of a Chromium or Chrome executable.';

/** @returns {string | undefined} */
export function findChromium(env = process.env) {
  const candidates = env.FIREBREAK_CHROMIUM ? [env.FIREBREAK_CHROMIUM] : CANDIDATES;
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}
