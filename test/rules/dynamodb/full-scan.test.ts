import { describe, expect, it } from 'vitest';
import { fullScan } from '../../../src/rules/dynamodb/full-scan.js';
import { runRule } from '../../helpers/app.js';

const template = (events: string) => `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/api.handler
      Environment: { Variables: { ORDERS_TABLE: !Ref Orders } }
${events}
`;

const httpEvents = `      Events: { List: { Type: HttpApi, Properties: { Method: GET, Path: /orders } } }`;
const queueEvents = `      Events: { Work: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:1:q } } }`;

const db = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

const unfiltered = `
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';
export const listOrders = async () =>
  (await ddb.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE }))).Items;
`;

const filtered = `
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';
export async function listOpen() {
  const result = await ddb.send(
    new ScanCommand({ TableName: process.env.ORDERS_TABLE, FilterExpression: '#s = :open' }),
  );
  return result.Items;
}
`;

describe('dynamodb/full-scan', () => {
  it('reports an unfiltered scan on a request path as high, at the ScanCommand', async () => {
    const findings = await runRule(fullScan, {
      'template.yaml': template(httpEvents),
      'src/db.ts': db,
      'src/orders.ts': unfiltered,
      'src/api.ts': `import { listOrders } from './orders'; export const handler = () => listOrders();`,
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.location).toMatchObject({ file: 'src/orders.ts', line: 5 });
    expect(findings[0]?.message).toContain('table "orders"');
    expect(findings[0]?.message).toContain('ListOrders (GET /orders)');
    expect(findings[0]?.related[0]).toMatchObject({ file: 'src/api.ts', line: 1 });
  });

  it('reports a filtered scan as medium and says the filter runs after the read', async () => {
    const findings = await runRule(fullScan, {
      'template.yaml': template(httpEvents),
      'src/db.ts': db,
      'src/orders.ts': filtered,
      'src/api.ts': `import { listOpen } from './orders'; export const handler = () => listOpen();`,
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.location).toMatchObject({ file: 'src/orders.ts', line: 6 });
    expect(findings[0]?.message).toContain('FilterExpression is applied after the read');
  });

  it('reports an unfiltered scan that runs only off the request path as medium', async () => {
    const findings = await runRule(fullScan, {
      'template.yaml': template(queueEvents),
      'src/db.ts': db,
      'src/orders.ts': unfiltered,
      'src/api.ts': `import { listOrders } from './orders'; export const handler = () => listOrders();`,
    });

    expect(findings.map(finding => finding.severity)).toEqual(['medium']);
  });

  it('stays silent on a query', async () => {
    const findings = await runRule(fullScan, {
      'template.yaml': template(httpEvents),
      'src/db.ts': db,
      'src/api.ts': `
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';
export const handler = () => ddb.send(new QueryCommand({
  TableName: process.env.ORDERS_TABLE,
  KeyConditionExpression: 'orderId = :id',
}));
`,
    });

    expect(findings).toEqual([]);
  });

  it('reports a parallel scan with Segment like any other scan (limitation)', async () => {
    const findings = await runRule(fullScan, {
      'template.yaml': template(httpEvents),
      'src/db.ts': db,
      'src/api.ts': `
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';
export const handler = () =>
  ddb.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE, Segment: 0, TotalSegments: 4 }));
`,
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/api.ts', line: 5 });
  });

  it('reports a scan with Limit that does not page as low, saying it reads a bounded slice', async () => {
    const findings = await runRule(fullScan, {
      'template.yaml': template(httpEvents),
      'src/db.ts': db,
      'src/api.ts': `
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';
export const handler = async () =>
  (await ddb.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE, Limit: 20 }))).Items;
`,
    });

    expect(findings.map(finding => [finding.severity, finding.location.line])).toEqual([
      ['low', 5],
    ]);
    expect(findings[0]?.message).toBe(
      'Scan on table "orders" reads up to its Limit of items in storage order, whichever items those are, from ListOrders (GET /orders).',
    );
  });

  it('reports a scan with Limit that pages through the table as a full scan', async () => {
    const findings = await runRule(fullScan, {
      'template.yaml': template(httpEvents),
      'src/db.ts': db,
      'src/api.ts': `
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';
export const handler = async () => {
  const items = [];
  let start;
  do {
    const page = await ddb.send(
      new ScanCommand({ TableName: process.env.ORDERS_TABLE, Limit: 100, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};
`,
    });

    expect(findings.map(finding => finding.severity)).toEqual(['high']);
    expect(findings[0]?.message).toContain('reads every item of the table');
  });
});
