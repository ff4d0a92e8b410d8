import { setTimeout as sleep } from 'node:timers/promises';

// POSTs an event to the configured webhook, retrying server errors with a growing delay.
export async function deliverWebhook(url: string | null, payload: object, attempts = 3): Promise<void> {
  if (!url) return;
  let lastStatus: number | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (res.ok) return;
    lastStatus = res.status;
    if (res.status < 500) break;
    await sleep(attempt * 500);
  }
  throw new Error(`webhook ${url} answered ${lastStatus}`);
}
