import { describe, expect, it } from 'vitest';
import { hotPartition } from '../../../src/rules/dynamodb/hot-partition.js';
import { runRule } from '../../helpers/app.js';

function templateWith(functionCount: number): string {
  const functions = Array.from(
    { length: functionCount },
    (_, index) => `
  Writer${index + 1}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/writer-${index + 1}.handler`,
  ).join('');

  return `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Environment: { Variables: { ORDERS_TABLE: !Ref Orders } }
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
${functions}
`;
}

const repository = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.ORDERS_TABLE;
export async function putOrder(order: { orderId: string }) {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: order }));
}
`;

function appWith(functionCount: number, repositorySource = repository): Record<string, string> {
  const files: Record<string, string> = {
    'template.yaml': templateWith(functionCount),
    'src/orders.ts': repositorySource,
  };
  for (let index = 1; index <= functionCount; index++) {
    files[`src/writer-${index}.ts`] =
      `import { putOrder } from './orders';\nexport const handler = (e: any) => putOrder(e);\n`;
  }

  return files;
}

describe('dynamodb/hot-partition', () => {
  it('reports a table reached by five code paths, with each code path as a related location', async () => {
    const findings = await runRule(hotPartition, appWith(5));

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 7 });
    expect(findings[0]?.message).toContain('Table "orders" is reached by 5 code paths');
    expect(findings[0]?.related).toHaveLength(5);
    expect(findings[0]?.related[0]).toMatchObject({
      file: 'src/orders.ts',
      line: 7,
      label: 'code path Writer1 (put)',
    });
  });

  it('stays silent below the threshold', async () => {
    expect(await runRule(hotPartition, appWith(4))).toEqual([]);
  });

  it('uses a per-table threshold keyed by table name', async () => {
    const findings = await runRule(hotPartition, appWith(3), {
      thresholds: { orders: 3 },
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('threshold of 3');
  });

  it('does not count code paths whose target did not resolve (limitation)', async () => {
    const dynamic = repository.replace('TableName: TABLE', 'TableName: tableFor(order)');
    const findings = await runRule(
      hotPartition,
      appWith(6, `declare function tableFor(o: unknown): string;\n${dynamic}`),
    );

    expect(findings).toEqual([]);
  });
});
