// The browser front end, shipped in the same repository.
import { io } from 'socket.io-client';

declare const store: { dispatch(name: string, value: unknown): Promise<void> };

const socket = io();

socket.on('settings', async (all: Record<string, unknown>) => {
  for (const key of Object.keys(all)) {
    await store.dispatch('settings/update', { key, value: all[key] }); // known-false: JS106 (browser code)
  }
});
