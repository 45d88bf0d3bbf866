/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const exportCommand: CommandModule = {
  command: 'export',
  describe: false,
  handler: () => {
    throw new Error('export is not built yet');
  },
};
