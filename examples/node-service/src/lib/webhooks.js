const { setTimeout: sleep } = require('timers/promises');

// POSTs an event to the configured webhook, retrying server errors with a growing delay.
async function deliverWebhook(url, payload, attempts = 3) {
  if (!url) return;
  let lastStatus;
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

module.exports = { deliverWebhook };
