import { describe, expect, it } from 'vitest';
import { cappedErrorText, firstOfDiagnostics } from '../src/error-text.js';

describe('firstOfDiagnostics', () => {
  it('keeps the first diagnostic and counts the others', () => {
    expect(firstOfDiagnostics(['Invalid character;', 'b.tf:1,2-3: x', 'b.tf:1,3-4: x'])).toBe(
      'Invalid character. 2 more errors follow.',
    );
  });

  it('leaves a single diagnostic as it is', () => {
    expect(firstOfDiagnostics(['Missing brace'])).toBe('Missing brace');
  });
});

describe('cappedErrorText', () => {
  it('keeps the start and the end of a long text and says how much was left out', () => {
    const text = `line 1: start ${'x'.repeat(2000)} Fix it there.`;
    const capped = cappedErrorText(text);

    expect(capped.length).toBeLessThanOrEqual(500);
    expect(capped.startsWith('line 1: start ')).toBe(true);
    expect(capped.endsWith(' Fix it there.')).toBe(true);
    expect(capped).toContain(`(${text.length - 300 - 150} characters left out)`);
  });

  it('leaves a short text as it is', () => {
    expect(cappedErrorText('line 3 is not valid YAML.')).toBe('line 3 is not valid YAML.');
  });
});
