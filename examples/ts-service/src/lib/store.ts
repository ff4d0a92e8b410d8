// A small JSON-file store: one file per collection under the data directory.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import type { Session, User } from '../types.js';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

interface Invoice {
  id: string;
  [field: string]: unknown;
}

export class Store {
  constructor(private readonly dataDir: string) {}

  private fileFor(collection: string): string {
    return path.join(this.dataDir, `${collection}.json`);
  }

  async list<T>(collection: string): Promise<T[]> {
    try {
      return JSON.parse(await fs.readFile(this.fileFor(collection), 'utf8')) as T[];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  // Write to a temporary file first so that a crash never leaves half a file behind.
  private async save<T>(collection: string, records: T[]): Promise<void> {
    const tmp = `${this.fileFor(collection)}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(records, null, 2));
    await fs.rename(tmp, this.fileFor(collection));
  }

  private async findIn<T>(collection: string, predicate: (record: T) => boolean): Promise<T | null> {
    return (await this.list<T>(collection)).find(predicate) ?? null;
  }

  getUser(id: string): Promise<User | null> {
    return this.findIn<User>('users', (u) => u.id === id);
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.findIn<User>('users', (u) => u.email === email);
  }

  getInvoice(id: string): Promise<Invoice | null> {
    return this.findIn<Invoice>('invoices', (inv) => inv.id === id);
  }

  async createUser(fields: Omit<User, 'id' | 'createdAt'>): Promise<User> {
    const users = await this.list<User>('users');
    const user: User = { id: crypto.randomUUID(), createdAt: new Date().toISOString(), ...fields };
    users.push(user);
    await this.save('users', users);
    return user;
  }

  async updateUser(id: string, changes: Partial<User>): Promise<User | null> {
    const users = await this.list<User>('users');
    const user = users.find((u) => u.id === id);
    if (!user) return null;
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) (user as unknown as Record<string, unknown>)[key] = value;
    }
    await this.save('users', users);
    return user;
  }

  async createSession(userId: string): Promise<Session> {
    const sessions = (await this.list<Session>('sessions')).filter((s) => Date.parse(s.expiresAt) > Date.now());
    const session: Session = {
      token: crypto.randomUUID(),
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
    };
    sessions.push(session);
    await this.save('sessions', sessions);
    return session;
  }
}
