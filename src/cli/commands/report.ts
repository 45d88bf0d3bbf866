/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const reportCommand: CommandModule = {
  command: 'report',
  describe: false,
  handler: () => {
    throw new Error('report is not built yet');
  },
};
