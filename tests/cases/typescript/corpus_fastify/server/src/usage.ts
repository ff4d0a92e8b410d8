// A job that recounts each tenant's usage: the tenants are independent, so
// their queries could run together.
interface Tenant {
  id: string;
}

declare function tenants(): Promise<Tenant[]>;
declare function eventsOf(tenant: string): Promise<number>;
declare function saveUsage(tenant: string, events: number): Promise<void>;

export const overQuota = new Set<string>();

export async function recount(): Promise<void> {
  for (const t of await tenants()) {
    const events = await eventsOf(t.id); // expect: JS106
    await saveUsage(t.id, events);
    if (events > 100_000) overQuota.add(t.id);
    else overQuota.delete(t.id);
  }
}
