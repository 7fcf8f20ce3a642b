import { describe, expect, it } from 'vitest';
import { unusedIndex } from '../../../src/rules/dynamodb/unused-index.js';
import { runRule } from '../../helpers/app.js';
import { samApp } from './fixture.js';

const ordersTable = `  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions:
        - { AttributeName: id, AttributeType: S }
        - { AttributeName: status, AttributeType: S }
        - { AttributeName: customerId, AttributeType: S }
      GlobalSecondaryIndexes:
        - IndexName: ByStatus
          KeySchema: [{ AttributeName: status, KeyType: HASH }]
          Projection: { ProjectionType: ALL }
        - IndexName: ByCustomer
          KeySchema: [{ AttributeName: customerId, KeyType: HASH }]
          Projection: { ProjectionType: ALL }`;

function app(
  orders: string,
  api = `import { list } from './orders'; export const handler = (event: { id: string }) => list(event.id);`,
) {
  return samApp(ordersTable, {
    'src/api.ts': api,
    'src/orders.ts': `import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from './db';
${orders}`,
  });
}

const byCustomer = `export const list = async (customerId: string) =>
  (await ddb.send(new QueryCommand({ TableName: TABLE, IndexName: 'ByCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId } }))).Items;
`;

describe('dynamodb/unused-index', () => {
  it('reports a GSI that no scanned operation queries, at the index in the template', async () => {
    const findings = await runRule(unusedIndex, app(byCustomer));

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 13 });
    expect(findings[0]?.message).toBe(
      'Index "ByStatus" of table "Items" is not queried by any scanned operation, yet every write to the table also writes to it.',
    );
  });

  it('stays silent for an index listed in ignoreIndexes', async () => {
    expect(
      await runRule(unusedIndex, app(byCustomer), { ignoreIndexes: ['Items/ByStatus'] }),
    ).toEqual([]);
  });

  it('stays silent when an operation names its index through a value that does not resolve', async () => {
    const findings = await runRule(
      unusedIndex,
      app(`export const list = (index: string) =>
  ddb.send(new QueryCommand({ TableName: TABLE, IndexName: index, KeyConditionExpression: 'status = :s' }));
`),
    );

    expect(findings).toEqual([]);
  });

  it('stays silent for every table when any target is unresolved (limitation)', async () => {
    const findings = await runRule(
      unusedIndex,
      app(
        `${byCustomer}export const other = (name: string) =>
  ddb.send(new QueryCommand({ TableName: name, KeyConditionExpression: 'id = :i' }));
`,
        `import { list, other } from './orders'; export const handler = (event: { id: string }) => [list(event.id), other(event.id)];`,
      ),
    );

    expect(findings).toEqual([]);
  });

  it('stays silent for a table that no scanned operation reaches (limitation)', async () => {
    const findings = await runRule(unusedIndex, app(`export const list = () => ddb;\n`));

    expect(findings).toEqual([]);
  });

  it('reports an index read only by code outside the repository (limitation)', async () => {
    const findings = await runRule(unusedIndex, app(byCustomer));

    expect(findings.map(finding => finding.message)).toContain(
      'Index "ByStatus" of table "Items" is not queried by any scanned operation, yet every write to the table also writes to it.',
    );
  });
});
