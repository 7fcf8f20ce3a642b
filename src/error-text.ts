// Long enough for any message a person wrote; a parser's report on a binary file is far longer.
const MAX_ERROR_CHARS = 500;

/**
 * The first of several diagnostics a parser reported, with a count of the others: a parser that
 * goes on after an error reports one per byte of a binary file.
 */
export function firstOfDiagnostics(diagnostics: string[]): string {
  const [first = '', ...rest] = diagnostics;
  if (rest.length === 0) {
    return first;
  }

  const more = rest.length === 1 ? '1 more error follows' : `${rest.length} more errors follow`;

  return `${first.trim().replace(/[.;]?$/, '.')} ${more}.`;
}

/** An error text cut to a length that fits on one line of a report, keeping its start and end. */
export function cappedErrorText(text: string, maxChars = MAX_ERROR_CHARS): string {
  if (text.length <= maxChars) {
    return text;
  }

  // The start of the text says what went wrong and where, its end how to fix it.
  const head = Math.floor(maxChars * 0.6);
  const tail = Math.floor(maxChars * 0.3);
  const left = text.length - head - tail;

  return `${text.slice(0, head)} … (${left} characters left out) … ${text.slice(-tail)}`;
}
