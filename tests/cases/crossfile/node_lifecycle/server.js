// The service: an HTTP API and a chat client that announces builds.
const fs = require('fs');
const { fork } = require('child_process');
const express = require('express');
const { Client } = require('discord.js');
const Catalog = require('./lib/catalog');
const Probe = require('./lib/probe');
const registry = require('./lib/registry');

const app = express();
const catalog = new Catalog();

app.get('/builds/:id/log', (req, res) => {
  res.send(fs.readFileSync(`logs/${Number(req.params.id)}.txt`, 'utf8')); // expect: JS101
});

app.post('/builds/:id/artifact', (req, res) => {
  // The packing runs in a process of its own.
  fork('./jobs/pack.js', [String(req.params.id)]);
  res.status(202).end();
});

const bot = new Client({ intents: [] });
bot.on('ready', () => {
  // Once, when the client has connected: the rest of start-up.
  for (const name of fs.readdirSync('commands')) { // ok: start-up (the client's ready event)
    registry.add(name);
  }
});
bot.on('messageCreate', (message) => {
  if (message.content === '!latest') {
    message.reply(fs.readFileSync('logs/latest.txt', 'utf8')); // expect: JS101
  }
});

let probe = null;

function start() {
  app.listen(8080);
  // The probe calls back once its own listener is up: what the callback
  // runs is the rest of start-up.
  new Probe((ready) => {
    probe = ready;
    registry.load();
  });
  bot.login(process.env.TOKEN);
}

start();
