/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const runCommand: CommandModule = {
  command: 'run',
  describe: false,
  handler: () => {
    throw new Error('run is not built yet');
  },
};
