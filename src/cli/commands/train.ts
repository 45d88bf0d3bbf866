/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const trainCommand: CommandModule = {
  command: 'train',
  describe: false,
  handler: () => {
    throw new Error('train is not built yet');
  },
};
