export type StringPart = { kind: 'text'; text: string } | { kind: 'variable'; body: string };

/** What one alternative of a variable names: `self:custom.table`, `file(./x.yml):key`, `'dev'`. */
export type VariableAddress =
  | { kind: 'literal'; value: string }
  | { kind: 'source'; source: string; parameter?: string; address: string }
  | { kind: 'nested'; body: string };

// `${self:x}` and `${file(./x.yml)}` are Serverless variables; `${AWS::Region}`, `${Table.Arn}`
// and `${cognito-identity.amazonaws.com:sub}` belong to CloudFormation or IAM and stay as text.
const SOURCE_START = /^\s*[A-Za-z][\w-]*(\(|:(?!:))/;

/** Splits a string into text and its top-level `${...}` Serverless variables. */
export function splitVariables(text: string): StringPart[] {
  const parts: StringPart[] = [];
  let textStart = 0;
  let index = text.indexOf('${');
  while (index >= 0) {
    const end = closingBraceOf(text, index + 2);
    const body = end < 0 ? '' : text.slice(index + 2, end);
    if (end < 0 || !SOURCE_START.test(body)) {
      index = text.indexOf('${', index + 2);
      continue;
    }

    pushText(parts, text.slice(textStart, index));
    parts.push({ kind: 'variable', body });
    textStart = end + 1;
    index = text.indexOf('${', textStart);
  }

  pushText(parts, text.slice(textStart));

  return parts;
}

export function hasVariables(text: string): boolean {
  return splitVariables(text).some(part => part.kind === 'variable');
}

function pushText(parts: StringPart[], text: string): void {
  if (text !== '') {
    parts.push({ kind: 'text', text });
  }
}

// Variables nest (`${self:custom.${opt:stage}.table}`), so the closing brace is the one that
// balances the opening, outside quotes.
function closingBraceOf(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      quote = char === quote ? undefined : quote;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      if (depth === 0) {
        return index;
      }
      depth--;
    }
  }

  return -1;
}

/** The comma-separated alternatives of a variable body, the first that resolves winning. */
export function alternativesOf(body: string): VariableAddress[] {
  return splitTopLevel(body).map(addressOf);
}

function splitTopLevel(body: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (quote) {
      quote = char === quote ? undefined : quote;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '{' || char === '(') {
      depth++;
    } else if (char === '}' || char === ')') {
      depth--;
    } else if (char === ',' && depth === 0) {
      pieces.push(body.slice(start, index));
      start = index + 1;
    }
  }

  pieces.push(body.slice(start));

  return pieces.map(piece => piece.trim()).filter(piece => piece !== '');
}

function addressOf(piece: string): VariableAddress {
  const quoted = /^(['"])(.*)\1$/s.exec(piece);
  if (quoted) {
    return { kind: 'literal', value: quoted[2] ?? '' };
  }

  if (piece.startsWith('${') && closingBraceOf(piece, 2) === piece.length - 1) {
    return { kind: 'nested', body: piece.slice(2, -1) };
  }

  const source = /^([A-Za-z][\w-]*)(?:\((.*?)\))?(?::(.*))?$/s.exec(piece);
  if (!source || (source[2] === undefined && source[3] === undefined)) {
    return { kind: 'literal', value: piece };
  }

  const address: VariableAddress = { kind: 'source', source: source[1] ?? '', address: '' };
  address.address = (source[3] ?? '').trim();
  if (source[2] !== undefined) {
    address.parameter = source[2].trim();
  }

  return address;
}
