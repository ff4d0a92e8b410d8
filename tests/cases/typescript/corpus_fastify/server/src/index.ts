import Fastify from 'fastify';
import cron from 'node-cron';
import { recount } from './usage.js';

const app = Fastify();

app.get('/health', async () => ({ ok: true }));

cron.schedule('*/5 * * * *', () => {
  void recount();
});

await app.listen({ port: 3001 });
