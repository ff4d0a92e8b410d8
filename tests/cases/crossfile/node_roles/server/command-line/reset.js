// A subcommand of the package's command-line tool.
const fs = require('fs');
const { program } = require('commander');

program
  .command('reset <user>')
  .action((user) => {
    const file = `data/users/${user}.json`;
    if (fs.existsSync(file)) { // ok: a command-line program
      fs.unlinkSync(file); // ok: a command-line program
    }
  });

module.exports = program;
