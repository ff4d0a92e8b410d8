// Name resolution in ES modules: namespace, default and named imports with
// `as`, the node: prefix, and a dynamic import.
import * as fs from 'node:fs';
import fsDefault from 'fs';
import { readFileSync as rfs, promises as fsp } from 'fs';
import zlib from 'node:zlib';
import { gunzipSync } from 'zlib';
import * as childProcess from 'child_process';
import { createServer } from 'node:http';

const { copyFileSync } = await import('node:fs');
const pkg = JSON.parse(rfs(new URL('./package.json', import.meta.url), 'utf8')); // ok: top level

const server = createServer(async (req, res) => {
  switch (req.url) {
    case '/1':
      res.end(fs.readFileSync('/srv/1')); // expect: JS101
      break;
    case '/2':
      res.end(fsDefault.readFileSync('/srv/2')); // expect: JS101
      break;
    case '/3':
      res.end(rfs('/srv/3')); // expect: JS101
      break;
    case '/4':
      res.end(zlib.unzipSync(fs.readFileSync('/srv/4.gz'))); // expect: JS101,JS101
      break;
    case '/5':
      res.end(gunzipSync(await fsp.readFile('/srv/5.gz'))); // expect: JS101
      break;
    case '/6':
      res.end(childProcess.execSync('date')); // expect: JS101
      break;
    case '/7':
      copyFileSync('/srv/7', '/tmp/7'); // expect: JS101
      res.end();
      break;
    case '/8':
      res.end(await fsp.readFile('/srv/8')); // ok: fs.promises
      break;
    case '/9':
      res.end(await fs.promises.readFile('/srv/9')); // ok: fs.promises via the namespace
      break;
    default:
      res.end(pkg.version);
  }
});

server.listen(3000);
