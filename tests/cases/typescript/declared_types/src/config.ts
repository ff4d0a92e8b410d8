// A lazily built configuration object, handed out by a function whose
// declared return type is all that says what it returns.
import * as fs from 'fs';

export class Config {
  values: Record<string, string> = {};

  persist(): void {
    fs.writeFileSync('/var/lib/notes/config.json', JSON.stringify(this.values));
  }
}

let current: Config | null = null;

export const config = (): Config => {
  if (current === null) {
    current = new Config();
  }
  return current;
};

export async function loadConfig(): Promise<Config> {
  return config();
}
