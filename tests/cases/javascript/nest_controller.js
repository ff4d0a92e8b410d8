// A NestJS-style controller written in JavaScript with decorators: the
// route methods are async, so they run on the event loop.
const fs = require('node:fs');
const zlib = require('node:zlib');
const { Controller, Get, Post } = require('@nestjs/common');

@Controller('exports')
class ExportsController {
  constructor(service) {
    this.service = service;
    this.template = fs.readFileSync(`${__dirname}/export.hbs`, 'utf8'); // ok: constructed once at start-up
  }

  @Get(':id')
  async findOne(id) {
    const rows = await this.service.rows(id);
    return zlib.gzipSync(JSON.stringify(rows)); // expect: JS101
  }

  @Post()
  async create(body) {
    const rows = [];
    for (const id of body.ids) {
      rows.push(await this.service.rows(id)); // expect: JS106
    }
    fs.writeFileSync(`/srv/exports/${body.name}.json`, JSON.stringify(rows)); // expect: JS101
    return { count: rows.length };
  }

  render(rows) {
    return this.template.replace('{{rows}}', JSON.stringify(rows)); // ok: no I/O
  }
}

module.exports = { ExportsController };
