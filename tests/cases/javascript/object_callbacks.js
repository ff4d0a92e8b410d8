// Functions in an object literal passed to a call are callbacks too (route
// options of Fastify and hapi); an object built with Object.assign or
// Object.defineProperty is a set of methods, not callbacks.
const fs = require('fs');
const Fastify = require('fastify');
const Hapi = require('@hapi/hapi');

const fastify = Fastify();
fastify.route({
  method: 'GET',
  url: '/report',
  handler(request, reply) {
    reply.send(fs.readFileSync('/srv/report.json')); // expect: JS101
  },
  preHandler: (request, reply, done) => {
    if (fs.existsSync('/run/maintenance')) reply.code(503); // expect: JS101
    done();
  },
});

const server = Hapi.server({ port: 3000 });
server.route({
  method: 'GET',
  path: '/file',
  handler: (request, h) => h.response(fs.readFileSync('/srv/file.txt')), // expect: JS101
});

const api = Object.assign(Object.create(null), {
  describe() {
    return fs.readFileSync('/srv/api.md', 'utf8'); // ok: a method, not a callback
  },
});
Object.defineProperty(api, 'version', {
  get() {
    return fs.readFileSync('/srv/VERSION', 'utf8').trim(); // ok: a getter, not a callback
  },
});

module.exports = { fastify, server, api };
