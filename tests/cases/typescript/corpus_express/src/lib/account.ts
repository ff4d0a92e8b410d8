// An account that saves itself through its manager, from a debounced
// function that names `this` through a local.
import { writeFileSync } from 'fs';

export class AccountManager {
  write(name: string, body: string): void {
    writeFileSync(`/var/lib/relay/accounts/${name}.json`, body);
  }
}

export class Account {
  manager!: AccountManager;

  constructor(public name: string, manager: AccountManager) {
    this.manager = manager;
  }

  async rename(name: string): Promise<void> {
    this.name = name;
    this.manager.write(this.name, '{}'); // expect: JS107
  }

  async save(): Promise<void> {
    const account = this;
    account.manager.write(account.name, '{}'); // expect: JS107 (`this` named through a local)
  }
}
