// v0 → v1. The pre-release format had no `status` (only an `archived` flag, sometimes missing)
// and no `contact`. Never edit this file once released: add a new migration instead.
type Json = Record<string, unknown>;

export default function migrate0001StatusAndContact(doc: Json): Json {
  const { archived, ...rest } = doc;
  return {
    ...rest,
    schemaVersion: 1,
    status: archived === true ? 'archived' : 'active',
    contact: { name: '', email: '', phone: '' },
  };
}
