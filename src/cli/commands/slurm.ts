/** Scaffolding: replaced by the real command before this lands. */
import type { CommandModule } from 'yargs';

export const slurmCommand: CommandModule = {
  command: 'slurm',
  describe: false,
  handler: () => {
    throw new Error('slurm is not built yet');
  },
};
