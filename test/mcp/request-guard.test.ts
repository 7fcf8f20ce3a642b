import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../src/mcp/request-guard.js';

describe('refusalOf', () => {
  it('lets local hosts and origins through', () => {
    expect(refusalOf({ host: '127.0.0.1:3000' }, {})).toBeUndefined();
    expect(
      refusalOf({ host: 'localhost:3000', origin: 'http://localhost:5173' }, {}),
    ).toBeUndefined();
    expect(refusalOf({ host: '[::1]:3000' }, {})).toBeUndefined();
  });

  it('refuses a foreign host or origin with 403', () => {
    expect(refusalOf({ host: 'evil.example:3000' }, {})?.status).toBe(403);
    expect(refusalOf({ host: 'localhost:3000', origin: 'https://evil.example' }, {})?.status).toBe(
      403,
    );
    expect(refusalOf({ host: 'localhost:3000', origin: 'null' }, {})?.status).toBe(403);
    expect(refusalOf({}, {})?.status).toBe(403);
  });

  it('asks for the token with 401 when one is set, wherever the request comes from', () => {
    expect(refusalOf({ host: 'localhost' }, { token: 'abc' })?.status).toBe(401);
    expect(
      refusalOf({ host: 'localhost', authorization: 'Bearer abd' }, { token: 'abc' })?.status,
    ).toBe(401);
    expect(
      refusalOf({ host: '10.0.0.5', authorization: 'Bearer abc' }, { token: 'abc' }),
    ).toBeUndefined();
  });

  it('refuses a foreign origin even with the token', () => {
    const headers = {
      host: 'localhost',
      origin: 'http://evil.example',
      authorization: 'Bearer abc',
    };

    expect(refusalOf(headers, { token: 'abc' })?.status).toBe(403);
  });
});
