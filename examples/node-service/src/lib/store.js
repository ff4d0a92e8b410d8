// A small JSON-file store: one file per collection under the data directory.
const crypto = require('crypto');
const fs = require('fs/promises');
const path = require('path');

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

module.exports = function createStore(dataDir) {
  const fileFor = (collection) => path.join(dataDir, `${collection}.json`);

  async function list(collection) {
    try {
      return JSON.parse(await fs.readFile(fileFor(collection), 'utf8'));
    } catch (err) {
      if (err.code === 'ENOENT') return [];
      throw err;
    }
  }

  // Write to a temporary file first so that a crash never leaves half a file behind.
  async function save(collection, records) {
    const tmp = `${fileFor(collection)}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(records, null, 2));
    await fs.rename(tmp, fileFor(collection));
  }

  async function findIn(collection, predicate) {
    return (await list(collection)).find(predicate) ?? null;
  }

  return {
    list,
    getUser: (id) => findIn('users', (u) => u.id === id),
    findUserByEmail: (email) => findIn('users', (u) => u.email === email),
    getInvoice: (id) => findIn('invoices', (inv) => inv.id === id),

    async createUser(fields) {
      const users = await list('users');
      const user = { id: crypto.randomUUID(), createdAt: new Date().toISOString(), ...fields };
      users.push(user);
      await save('users', users);
      return user;
    },

    async updateUser(id, changes) {
      const users = await list('users');
      const user = users.find((u) => u.id === id);
      if (!user) return null;
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) user[key] = value;
      }
      await save('users', users);
      return user;
    },

    async createSession(userId) {
      const sessions = (await list('sessions')).filter((s) => Date.parse(s.expiresAt) > Date.now());
      const session = {
        token: crypto.randomUUID(),
        userId,
        expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
      };
      sessions.push(session);
      await save('sessions', sessions);
      return session;
    },
  };
};
