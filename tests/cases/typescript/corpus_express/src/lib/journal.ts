// Message journals behind an interface: the server calls every configured
// journal through the interface type.
import { appendFileSync } from 'fs';

export interface Journal {
  record(line: string): void;
}

export class FileJournal implements Journal {
  record(line: string): void {
    appendFileSync('/var/log/relay/messages.log', line + '\n');
  }
}
