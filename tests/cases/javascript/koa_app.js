const Koa = require('koa');
const Router = require('@koa/router');
const fs = require('fs');
const path = require('path');

const app = new Koa();
const router = new Router();
const views = path.join(__dirname, 'views');

app.use(async (ctx, next) => {
  const start = Date.now();
  await next();
  fs.appendFileSync('access.log', `${ctx.method} ${ctx.url} ${Date.now() - start}ms\n`); // expect: JS101
});

router.get('/download/:name', async (ctx) => {
  ctx.body = fs.createReadStream(path.join(__dirname, 'files', ctx.params.name)); // ok: a stream
});

router.get('/page/:name', async (ctx) => {
  ctx.type = 'html';
  ctx.body = fs.readFileSync(path.join(views, `${ctx.params.name}.html`)); // expect: JS101
});

router.delete('/cache', async (ctx) => {
  fs.rmSync(path.join(__dirname, '.cache'), { recursive: true, force: true }); // expect: JS101
  ctx.status = 204;
});

app.use(router.routes()).use(router.allowedMethods());
app.on('error', (err) => {
  fs.writeFileSync('last-error.txt', String(err)); // expect: JS101
});

module.exports = app;
