// Notes kept in SQLite through node:sqlite, whose database is synchronous:
// every statement runs on the thread that calls it.
import { DatabaseSync } from 'node:sqlite';

export class NoteStore {
  db: DatabaseSync;

  constructor(file: string) {
    this.db = new DatabaseSync(file);
  }

  find(text: string) {
    return this.db.prepare('SELECT * FROM notes WHERE body LIKE ?').all(`%${text}%`); // ok: a plain method; the handler that calls it is reported (JS107)
  }

  add(body: string) {
    this.db.prepare('INSERT INTO notes (body) VALUES (?)').run(body); // ok: a plain method; its caller is reported (JS107)
  }
}

export class Session {
  store = new NoteStore('/var/lib/notes/notes.db');

  // `this` kept in a local for a callback whose own `this` differs.
  later(body: string) {
    const self = this;
    setTimeout(function () {
      self.store.add(body); // expect: JS107
    }, 100);
  }
}
