/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const statusCommand: CommandModule = {
  command: 'status',
  describe: false,
  handler: () => {
    throw new Error('status is not built yet');
  },
};
