// C0 controls, DEL and C1 controls: a file name holding `\x1b[31m` or a newline would recolour
// the terminal or forge a line of output if it were printed as it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` with every control character written as an escape (`\x1b`, `\n`), safe to print. */
export function printable(text: string): string {
  return text.replace(CONTROL, character => escapeOf(character));
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOf(character: string): string {
  const code = character.charCodeAt(0).toString(16).padStart(2, '0');

  return NAMED[character] ?? `\\x${code}`;
}
