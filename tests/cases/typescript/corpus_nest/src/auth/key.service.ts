// API keys are stored hashed; every request that carries one is checked
// by hashing it again.
import { Injectable } from '@nestjs/common';
import { pbkdf2Sync, randomBytes } from 'node:crypto';

interface Db {
  keys: { findFirst(q: object): Promise<{ owner: string } | null>; insert(row: object): Promise<void> };
}

@Injectable()
export class KeyService {
  private readonly rounds = 200_000;

  constructor(private readonly db: Db) {}

  async issue(owner: string): Promise<string> {
    const key = randomBytes(24).toString('hex');
    await this.db.keys.insert({ owner, digest: this.digest(key) }); // expect: JS107
    return key;
  }

  async ownerOf(key: string): Promise<string | null> {
    const row = await this.db.keys.findFirst({ digest: this.digest(key) }); // expect: JS107
    return row ? row.owner : null;
  }

  digest(key: string): string {
    return pbkdf2Sync(key, 'ledger', this.rounds, 32, 'sha512').toString('hex');
  }
}
