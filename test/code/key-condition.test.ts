import { describe, expect, it } from 'vitest';
import type { Symbolic } from '../../src/code/file-facts.js';
import { keyConditionAttributes, legacyKeyAttributes } from '../../src/code/key-condition.js';

const names: Symbolic = {
  kind: 'object',
  entries: [
    { key: { kind: 'literal', value: '#pk' }, value: { kind: 'literal', value: 'tenantId' } },
  ],
  spreads: [],
  text: "{ '#pk': 'tenantId' }",
};

describe('keyConditionAttributes', () => {
  it('maps placeholders through ExpressionAttributeNames and reads function arguments', () => {
    expect(keyConditionAttributes('#pk = :pk AND begins_with(sk, :prefix)', names)).toEqual([
      'tenantId',
      'sk',
    ]);
  });

  it('reads BETWEEN ranges and keeps an unmapped placeholder as written', () => {
    expect(keyConditionAttributes('#other = :o and createdAt BETWEEN :a AND :b', names)).toEqual([
      '#other',
      'createdAt',
    ]);
  });
});

describe('legacyKeyAttributes', () => {
  it('reads the keys of a KeyConditions map', () => {
    const conditions: Symbolic = {
      kind: 'object',
      entries: [
        { key: { kind: 'literal', value: 'userId' }, value: { kind: 'unresolved', text: '{}' } },
      ],
      spreads: [],
      text: '{ userId: {} }',
    };

    expect(legacyKeyAttributes(conditions)).toEqual(['userId']);
  });
});
