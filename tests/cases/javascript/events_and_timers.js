// Timers, EventEmitter listeners, fs.watch and stream callbacks run later,
// on the event loop, whenever their event comes, even when they are
// registered at the module top level: they are handlers. A callback that
// only continues the code that makes it, once — a timeout, a tick, a
// promise reaction, `once` — is part of that code: at the top level it is
// start-up code.
const fs = require('fs');
const { EventEmitter, once } = require('events');
const { setTimeout: sleep } = require('timers/promises');

const LOG = '/var/log/worker.log';
const bus = new EventEmitter();

setTimeout(() => {
  fs.unlinkSync('/tmp/app.lock'); // ok: once, a second after start-up
}, 1000);

setInterval(function rotate() {
  fs.renameSync(LOG, `${LOG}.1`); // expect: JS101
}, 60 * 60 * 1000);

setImmediate(() => fs.mkdirSync('/tmp/app-cache', { recursive: true })); // ok: once, at start-up

process.nextTick(() => {
  fs.writeFileSync('/run/app.pid', String(process.pid)); // ok: once, at start-up
});

queueMicrotask(() => {
  fs.chmodSync('/run/app.pid', 0o644); // ok: once, at start-up
});

bus.on('order', (order) => {
  fs.appendFileSync('orders.ndjson', JSON.stringify(order) + '\n'); // expect: JS101
});

bus.once('shutdown', function () {
  fs.rmSync('/tmp/app-cache', { recursive: true, force: true }); // ok: once, when the service stops
});

function onInvoice(invoice) {
  fs.writeFileSync(`invoices/${invoice.id}.json`, JSON.stringify(invoice)); // expect: JS101
}
bus.on('invoice', onInvoice);

const onTick = function () {
  fs.utimesSync('/run/app.heartbeat', new Date(), new Date()); // expect: JS101
};
setInterval(onTick, 5000);

fs.watch('/etc/app', (event, name) => {
  const text = fs.readFileSync(`/etc/app/${name}`, 'utf8'); // expect: JS101
  bus.emit('config', text);
});

fetch('https://example.com/flags.json')
  .then((r) => r.json())
  .then((flags) => {
    fs.writeFileSync('flags.json', JSON.stringify(flags)); // ok: a reaction to a start-up fetch
  })
  .catch((err) => {
    fs.appendFileSync('errors.log', String(err)); // ok: a reaction to a start-up fetch
  })
  .finally(() => bus.emit('flags-loaded')); // ok: no I/O

process.stdin.on('data', (chunk) => {
  fs.writeSync(1, chunk); // expect: JS101
});

async function waitForConfig() {
  const [text] = await once(bus, 'config'); // ok: awaited event
  await sleep(10); // ok: timers/promises
  return text;
}

const debounce = require('lodash/debounce');
const saveSoon = debounce(() => {
  fs.writeFileSync('/var/lib/app/snapshot.json', JSON.stringify({ at: Date.now() })); // expect: JS101
}, 250);
bus.on('changed', saveSoon);

setTimeout(() => bus.emit('tick'), 10); // ok: no I/O
const started = fs.existsSync('/run/app.pid'); // ok: top level

module.exports = { bus, waitForConfig, started };
