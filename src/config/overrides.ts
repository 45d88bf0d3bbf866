/**
 * `--set key=value` arguments: the key is a dotted path, the value is read
 * as a YAML scalar or flow collection (`1e-3`, `[5, 5]`, `raw`, `{kind:
 * adam}`), so it means what it would mean in the file.
 */
import { parse } from 'yaml';

/** A parsed `--set` argument; `text` is the argument as given. */
export interface SetArg {
  text: string;
  key: string;
  value: unknown;
}

/** The key and value of `key=value`, or what is wrong with it. */
export function parseSetArg(text: string): SetArg | { message: string } {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    return { message: 'expected key=value, e.g. --set training.rounds=100' };
  }

  const key = text.slice(0, equals).trim();
  const valueText = text.slice(equals + 1);
  try {
    return { text, key, value: parse(valueText) as unknown };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return { message: `the value is not valid YAML: ${reason}` };
  }
}
