// Settings kept in one JSON file, reached through an accessor whose
// return type names the class.
import { writeFileSync } from 'fs';

export class Prefs {
  values: Record<string, string> = {};

  persist(): void {
    writeFileSync('/etc/relay/prefs.json', JSON.stringify(this.values));
  }
}

let current: Prefs | undefined;

export const prefs = (): Prefs => {
  current ??= new Prefs();
  return current;
};
