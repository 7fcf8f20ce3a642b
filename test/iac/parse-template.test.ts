import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/iac/parse-template.js';
import type { TemplateNode } from '../../src/iac/template-node.js';
import { childAt } from '../../src/iac/template-node.js';

function parse(source: string, isJson = false): TemplateNode | undefined {
  const result = parseTemplate(source, 'template.yaml', isJson);
  if (!result.ok) {
    throw new Error(result.reason);
  }

  return result.root;
}

function plain(node: TemplateNode | undefined): unknown {
  if (!node) {
    return undefined;
  }

  if (node.kind === 'scalar') {
    return node.value;
  }

  if (node.kind === 'list') {
    return node.items.map(plain);
  }

  return Object.fromEntries(node.entries.map(entry => [entry.key, plain(entry.value)]));
}

describe('parseTemplate', () => {
  it('turns short-form tags into their long forms', () => {
    const root = parse(
      [
        'a: !Ref Orders',
        'b: !GetAtt Orders.StreamArn',
        'c: !GetAtt [Orders, Arn]',
        "d: !Sub '${AWS::StackName}-orders'",
        "e: !Sub ['${T}-x', { T: !Ref Orders }]",
        "f: !Join ['-', [a, !Ref Orders]]",
        'g: !If [IsProd, x, y]',
        'h: !Condition IsProd',
        'i: !Select [0, !GetAZs ""]',
        'j: !ImportValue shared-table',
        'k: !FindInMap [Map, Key, Value]',
        'l: !Base64 text',
        'm: !Not [!Equals [a, b]]',
        'n: !Transform { Name: AWS::Include }',
      ].join('\n'),
    );

    expect(plain(root)).toEqual({
      a: { Ref: 'Orders' },
      b: { 'Fn::GetAtt': ['Orders', 'StreamArn'] },
      c: { 'Fn::GetAtt': ['Orders', 'Arn'] },
      d: { 'Fn::Sub': '${AWS::StackName}-orders' },
      e: { 'Fn::Sub': ['${T}-x', { T: { Ref: 'Orders' } }] },
      f: { 'Fn::Join': ['-', ['a', { Ref: 'Orders' }]] },
      g: { 'Fn::If': ['IsProd', 'x', 'y'] },
      h: { Condition: 'IsProd' },
      i: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      j: { 'Fn::ImportValue': 'shared-table' },
      k: { 'Fn::FindInMap': ['Map', 'Key', 'Value'] },
      l: { 'Fn::Base64': 'text' },
      m: { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] },
      n: { 'Fn::Transform': { Name: 'AWS::Include' } },
    });
  });

  it('keeps the line and column of keys and values, tag included in the text', () => {
    const root = parse('Resources:\n  Orders:\n    Name: !Ref Table\n');
    const value = childAt(root, 'Resources', 'Orders', 'Name');

    expect(value?.location).toEqual({ file: 'template.yaml', line: 3, column: 11 });
    expect(value?.text).toBe('!Ref Table');
  });

  it('reads JSON with positions', () => {
    const root = parse(
      '{\n  "Resources": {\n    "Orders": { "Type": "AWS::SQS::Queue" }\n  }\n}',
      true,
    );

    expect(childAt(root, 'Resources', 'Orders')?.location.line).toBe(3);
    expect(plain(childAt(root, 'Resources', 'Orders'))).toEqual({ Type: 'AWS::SQS::Queue' });
  });

  it('reports a tab used for indentation with its line and the fix', () => {
    const result = parseTemplate(
      'Resources:\n  Orders:\n\tType: AWS::SQS::Queue\n',
      'template.yaml',
      false,
    );

    expect(result).toEqual({
      ok: false,
      line: 3,
      reason: 'line 3 indents with a tab, which YAML forbids. Indent with spaces.',
    });
  });

  it('reports a repeated key with its line', () => {
    const result = parseTemplate(
      'Resources:\n  Orders: {}\n  Orders: {}\n',
      'template.yaml',
      false,
    );

    expect(result).toMatchObject({ ok: false, line: 3 });
    expect(result.ok ? '' : result.reason).toContain('repeats the key "Orders"');
  });

  it('reads a repeated key last-wins when asked to, listing each repetition', () => {
    const result = parseTemplate(
      'Resources:\n  Orders:\n    Type: A\n    Type: B\n  Orders2: {}\n',
      'template.yaml',
      false,
      { repeatedKeys: 'last-wins' },
    );

    expect(result.ok && result.repeatedKeys).toEqual([{ key: '"Type"', line: 4 }]);
    const type = childAt(result.ok ? result.root : undefined, 'Resources', 'Orders', 'Type');
    expect(type).toMatchObject({ kind: 'scalar', value: 'B', location: { line: 4 } });
  });
});
