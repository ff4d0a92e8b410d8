// The command line: `relay start` serves; the other commands are run by an
// administrator and exit.
import { Command } from 'commander';
import * as fs from 'fs';
import { start } from '../server';

const program = new Command('relay');

program
  .command('start')
  .description('run the service')
  .action(() => {
    if (!fs.existsSync('/etc/relay')) { // ok: start-up of a command
      fs.mkdirSync('/etc/relay', { recursive: true }); // ok: start-up of a command
    }
    void start(null);
  });

program
  .command('add-user <name>')
  .description('create an account file')
  .action((name: string) => {
    fs.writeFileSync(`/var/lib/relay/accounts/${name}.json`, '{}'); // ok: a command, not the service
  });

program.parse(process.argv);
