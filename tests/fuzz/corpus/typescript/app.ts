// stackfit: ignore-file
import fs = require('node:fs');
import type { Stats } from 'fs';
import { type Dirent, readdirSync } from 'fs';
import express, { Request, Response } from 'express';
import { Controller, Get, Param } from '@nestjs/common';
import { UsersService } from './users.service.js';
import { helper } from '@app/helper';
interface Repo<T> { find(id: string): T; }
type H = (req: Request, res: Response) => void;
enum E { A = 1, B = A << 2 }
declare module 'x' { export const y: number; }
namespace N { export function f(): void {} }
abstract class Base<T extends object = {}> { abstract load(id: string): T; }
@Controller('users')
export class UsersController extends Base<{}> implements Repo<string> {
  private readonly cache: Map<string, string> = new Map();
  constructor(private readonly users: UsersService, @Inject(X) readonly x?: X | null) { super(); }
  @Get(':id') @Header('a', 'b')
  findOne(@Param('id') id: string, f: typeof import('fs'), g: typeof fs.promises): string {
    for (let i: number = 0; i < 1e7; i++) { this.cache.set(`${i}`, id); } // stackfit: ignore[JS103]
    return this.users!.findOne(id as string) ?? f.readFileSync(id satisfies string, 'utf8');
  }
  load(id: string): {} { return (<any>fs).statSync(id)!; }
}
const app = express();
app.get('/a', async (req: Request<{ p: string }>, res: Response): Promise<void> => {
  const x: Stats = fs.statSync(req.query.p as string); // stackfit: ignore[JS101]
  for (const u of req.body.urls as string[]) { await fetch(u); }
  res.json(helper<string>(x, readdirSync('.') as Dirent[]));
});
function over(a: string): void;
function over(a: any) { while (Date.now() < a) {} }
export = app;
