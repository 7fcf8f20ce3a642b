type Frame =
  { kind: 'template'; quoted: boolean } | { kind: 'brackets'; close: string; chain: number };

const OPERATOR = /[-+*/%<>!&|?=]/;
const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * The most operators an HCL expression chains at one level of brackets: `a + b - c` chains 2,
 * `[a + b, c + d]` chains 1. It is a cheap measure of how deep the expression parser nests.
 * With `asTemplate`, `text` is a template and only its `${...}` parts are expressions.
 */
export function longestOperatorChainOf(text: string, asTemplate: boolean): number {
  const stack: Frame[] = [
    asTemplate ? { kind: 'template', quoted: false } : { kind: 'brackets', close: '', chain: 0 },
  ];
  let longest = 0;
  let index = 0;
  while (index < text.length) {
    const frame = stack[stack.length - 1]!;
    index =
      frame.kind === 'template'
        ? stepInTemplate(text, index, frame, stack)
        : stepInExpression(text, index, frame, stack);
    if (frame.kind === 'brackets') {
      longest = Math.max(longest, frame.chain);
    }
  }

  return longest;
}

function stepInTemplate(
  text: string,
  index: number,
  frame: Extract<Frame, { kind: 'template' }>,
  stack: Frame[],
): number {
  const character = text[index];
  if ((character === '$' || character === '%') && text[index + 1] === '{') {
    stack.push({ kind: 'brackets', close: '}', chain: 0 });
    return index + 2;
  }

  if (frame.quoted && character === '\\') {
    return index + 2;
  }

  if (frame.quoted && character === '"') {
    stack.pop();
  }

  return index + 1;
}

// Limitation: a heredoc inside an expression is read as expression text. Breaks on
// `yamldecode(<<EOF` over a hundred-line YAML list: its dashes count as a chain.
function stepInExpression(
  text: string,
  index: number,
  frame: Extract<Frame, { kind: 'brackets' }>,
  stack: Frame[],
): number {
  const character = text[index] ?? '';
  const closing = CLOSING[character];
  if (character === '#' || text.startsWith('//', index) || text.startsWith('/*', index)) {
    return afterComment(text, index);
  }

  if (character === '"') {
    stack.push({ kind: 'template', quoted: true });
  } else if (closing) {
    stack.push({ kind: 'brackets', close: closing, chain: 0 });
  } else if (character === frame.close && stack.length > 1) {
    stack.pop();
  } else if (character === ',' || (character === '\n' && frame.close === '}')) {
    // Items of a list or an object, and the attributes of an object on lines of their own.
    frame.chain = 0;
  } else if (OPERATOR.test(character)) {
    return afterOperator(text, index, frame);
  }

  return index + 1;
}

// Comments inside a multi-line expression are kept in its text, often as rules of dashes.
function afterComment(text: string, index: number): number {
  const block = text.startsWith('/*', index);
  const end = block ? text.indexOf('*/', index + 2) : text.indexOf('\n', index);
  if (end < 0) {
    return text.length;
  }

  return block ? end + 2 : end;
}

// `==`, `&&` and `=>` are one operator each, but `--x` negates twice; a lone `=` assigns an
// object attribute.
function afterOperator(
  text: string,
  index: number,
  frame: Extract<Frame, { kind: 'brackets' }>,
): number {
  let end = index + 1;
  while (end < text.length && OPERATOR.test(text[end] ?? '')) {
    end++;
  }

  const token = text.slice(index, end);
  if (/^[-!]+$/.test(token)) {
    frame.chain += token.length;
  } else if (token !== '=') {
    frame.chain++;
  }

  return end;
}
