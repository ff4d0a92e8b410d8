// Declarations with no code: interfaces, type aliases, enums, overload
// signatures, abstract members and ambient declarations. Nothing here runs
// on the event loop, and none of it confuses the names around it.
import * as fs from 'fs';
import express from 'express';

export interface Repo<T> {
  find(id: string): T;
  all(): T[];
}

export type Handler = (req: express.Request, res: express.Response) => void;

export enum Level {
  Low = 1,
  High = Level.Low * 10,
}

declare function legacyRead(path: string): Buffer;

export abstract class Base {
  abstract load(id: string): string;

  read(id: string): string {
    return this.load(id);
  }
}

export function parse(text: string): number;
export function parse(text: Buffer): number;
export function parse(text: string | Buffer): number {
  return Number(text.toString());
}

namespace Files {
  export function size(path: string): number {
    return fs.statSync(path).size;
  }
}

const app = express();
const handler: Handler = (req, res) => {
  res.json({ size: Files.size('x'), parsed: parse('1') }); // known-miss: JS107 (a namespace's functions are not named after it)
};
app.get('/size', handler);
