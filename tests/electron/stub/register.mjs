// `node --import ./tests/electron/stub/register.mjs ...` installs the electron stub resolver.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
