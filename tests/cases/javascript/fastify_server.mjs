// A Fastify service written as an ES module.
import Fastify from 'fastify';
import { readFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

const tls = {
  key: readFileSync('/etc/ssl/private/app.key'), // ok: top level, start-up
  cert: readFileSync('/etc/ssl/certs/app.pem'), // ok: top level, start-up
};

const fastify = Fastify({ logger: true, https: tls });

fastify.get('/health', async () => {
  return { ok: existsSync('/run/app/ready') }; // expect: JS101
});

fastify.get('/files/:name', async (request, reply) => {
  const buf = await readFile(`/srv/files/${request.params.name}`); // ok: fs/promises
  reply.type('application/octet-stream').send(buf);
});

fastify.route({
  method: 'GET',
  url: '/disk',
  handler: async (request, reply) => {
    const out = execFileSync('df', ['-h']); // expect: JS101
    reply.send(out.toString());
  },
});

fastify.addHook('onRequest', (request, reply, done) => {
  if (existsSync('/run/app/maintenance')) { // expect: JS101
    reply.code(503).send('maintenance');
    return;
  }
  done();
});

async function adminRoutes(instance) {
  instance.get('/admin/log', async () => readFileSync('/var/log/app.log', 'utf8')); // expect: JS101
}
fastify.register(adminRoutes, { prefix: '/v1' });

await fastify.listen({ port: 3000 });
