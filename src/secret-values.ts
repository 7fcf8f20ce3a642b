import type { TemplateValue } from './iac/resources.js';

// Words that make a variable's literal value a secret wherever they stand in its name.
const SECRET_WORDS = new Set([
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASSPHRASE',
  'TOKEN',
  'APIKEY',
  'PRIVATE',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'AUTH',
  'SALT',
  'HMAC',
  'DSN',
]);

// A `KEY` after one of these names a data or resource key (`TABLE_KEY`, `PARTITION_KEY`,
// `KMS_KEY`), whose value is an attribute name or an ARN rather than a secret.
const NAME_KEY_WORDS = new Set([
  'TABLE',
  'INDEX',
  'PARTITION',
  'SORT',
  'HASH',
  'RANGE',
  'PRIMARY',
  'CACHE',
  'OBJECT',
  'S3',
  'BUCKET',
  'ROUTING',
  'IDEMPOTENCY',
  'DEDUP',
  'DEDUPLICATION',
  'GROUP',
  'LOOKUP',
  'FOREIGN',
  'SHARD',
  'PREFIX',
  'KMS',
]);

// A `KEY` before one of these is about the key, not the key itself: `SIGNING_KEY_ID`.
const ABOUT_KEY_WORDS = new Set(['ID', 'ARN', 'ALIAS', 'NAME', 'PREFIX', 'FIELD', 'ATTRIBUTE']);

// Shapes of credentials that issuers give a recognisable prefix or layout.
const CREDENTIAL_PATTERNS: RegExp[] = [
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/,
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/,
  /\bwhsec_[A-Za-z0-9]{16,}/,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /\bAIza[A-Za-z0-9_-]{35}/,
  /\bnpm_[A-Za-z0-9]{36}/,
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/,
  /\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/,
  /-----BEGIN [A-Z ]+-----/,
  // A password in a URL: `postgres://user:pass@host/db`.
  /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
];

/** True when a variable's name says its value is a secret: `DB_PASSWORD`, `STRIPE_SECRET_KEY`. */
export function hasSecretName(name: string): boolean {
  const words = wordsOf(name);

  return words.some((word, position) => SECRET_WORDS.has(word) || isSecretKeyWord(words, position));
}

/** True when a value has the shape of a credential, whatever the variable is called. */
export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_PATTERNS.some(pattern => pattern.test(value)) || isHighEntropy(value);
}

/** What is shown in place of a secret value: its length only. */
export function hiddenText(value: string): string {
  return `(hidden: looks like a secret, ${value.length} characters)`;
}

/**
 * The environment value with every literal that may not be shown replaced by `hiddenText`, or
 * the same value when nothing is hidden. References to resources and parameters name things
 * rather than hold them, so they stay.
 */
export function withSecretsHidden(name: string, value: TemplateValue): TemplateValue {
  const secretName = hasSecretName(name);
  const hide = (text: string) => secretName || looksLikeCredential(text);

  return hideLiterals(value, hide);
}

function hideLiterals(value: TemplateValue, hide: (text: string) => boolean): TemplateValue {
  switch (value.kind) {
    case 'literal':
      return hide(value.value) ? { kind: 'literal', value: hiddenText(value.value) } : value;
    case 'parameter':
      return value.default !== undefined && hide(value.default)
        ? { ...value, default: hiddenText(value.default) }
        : value;
    case 'join': {
      const parts = value.parts.map(part => hideLiterals(part, hide));
      return parts.every((part, position) => part === value.parts[position])
        ? value
        : { kind: 'join', parts };
    }
    case 'unresolved':
      return looksLikeCredential(value.text)
        ? { kind: 'unresolved', text: hiddenText(value.text) }
        : value;
    case 'resource':
      return value;
  }
}

// `stripeSecretKey`, `STRIPE_SECRET_KEY` and `stripe-secret-key` give the same words.
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(word => word !== '');
}

function isSecretKeyWord(words: string[], position: number): boolean {
  const word = words[position];
  if (word !== 'KEY' && word !== 'KEYS') {
    return false;
  }

  const before = words[position - 1];
  const after = words[position + 1];
  if (before === 'ACCESS' || before === 'API' || before === 'SECRET') {
    return true;
  }

  const namesData = before !== undefined && NAME_KEY_WORDS.has(before);
  const isAbout = after !== undefined && ABOUT_KEY_WORDS.has(after);

  return !namesData && !isAbout;
}

// Random strings such as an AWS secret access key: one long run of base64 characters mixing
// letters and digits, with more bits per character than words or generated names carry.
// Limitation: a random secret shorter than 20 characters under an ordinary name is shown.
function isHighEntropy(value: string): boolean {
  const runs = value.match(/[A-Za-z0-9+/=]{20,}/g) ?? [];

  return runs.some(run => {
    const hasDigit = /[0-9]/.test(run);
    const hasLetter = /[A-Za-z]/.test(run);
    if (!hasDigit || !hasLetter) {
      return false;
    }

    const isHex = /^[0-9a-fA-F]+$/.test(run);
    return isHex ? run.length >= 32 && entropyOf(run) >= 3.3 : entropyOf(run) >= 4.2;
  });
}

function entropyOf(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) {
    counts.set(character, (counts.get(character) ?? 0) + 1);
  }

  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }

  return bits;
}
