/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const classifyCommand: CommandModule = {
  command: 'classify',
  describe: false,
  handler: () => {
    throw new Error('classify is not built yet');
  },
};
