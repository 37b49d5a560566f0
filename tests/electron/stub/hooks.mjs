// Node module-resolution hook: `electron` resolves to the recording stub next to this file.
// Used only to smoke-load the built main bundle under plain Node (the real binary is not available).
const STUB_URL = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STUB_URL, shortCircuit: true };
  return nextResolve(specifier, context);
}
