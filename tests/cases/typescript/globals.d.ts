// A declaration file holds types only and is not analysed: were it read as
// a source, the handler below would be reported, with no expectation.
import * as fs from 'fs';
import express from 'express';

declare global {
  interface Window { stackfit: unknown }
}

declare const app: ReturnType<typeof express>;
app.get('/never', (req, res) => { res.send(fs.readFileSync('x')); });
