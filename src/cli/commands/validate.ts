/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const validateCommand: CommandModule = {
  command: 'validate',
  describe: false,
  handler: () => {
    throw new Error('validate is not built yet');
  },
};
