// A NestJS service: its methods run wherever they are called from. The
// controller calls them from its request handlers, so what blocks here is
// reported at those calls (JS107), not here.
import { Injectable } from '@nestjs/common';
import * as fs from 'fs';

export interface User {
  id: string;
  name: string;
}

@Injectable()
export class UsersService {
  private readonly dir = '/srv/users';

  findAll(): User[] {
    return fs.readdirSync(this.dir).map((f) => this.parse(f)); // ok: reported where a handler calls it
  }

  findOne(id: string): User {
    return this.parse(fs.readFileSync(`${this.dir}/${id}.json`, 'utf8')); // ok: reported at the call
  }

  async remove(id: string): Promise<void> {
    await fs.promises.unlink(`${this.dir}/${id}.json`); // ok: fs.promises
  }

  private parse(text: string): User {
    return JSON.parse(text) as User;
  }
}
