import { Command } from 'commander';
import { VERSION } from './version.ts';

const program = new Command('postern')
  .version(VERSION)
  .description('Postern: run Postman collections, scan for secrets, serve a team workspace.');

await program.parseAsync(process.argv);
