import { describe, expect, it } from 'vitest';
import { missingIndex } from '../../../src/rules/dynamodb/missing-index.js';
import { runRule } from '../../helpers/app.js';
import { samApp } from './fixture.js';

const servicesTable = `  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: serviceId, KeyType: HASH }]
      AttributeDefinitions:
        - { AttributeName: serviceId, AttributeType: S }
        - { AttributeName: contextId, AttributeType: S }
      GlobalSecondaryIndexes:
        - IndexName: ByContext
          KeySchema: [{ AttributeName: contextId, KeyType: HASH }, { AttributeName: serviceId, KeyType: RANGE }]
          Projection: { ProjectionType: ALL }`;

function query(fields: string): Record<string, string> {
  return samApp(servicesTable, {
    'src/api.ts': `import { find } from './services'; export const handler = (event: { id: string }) => find(event.id);`,
    'src/services.ts': `import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from './db';
export async function find(value: string) {
  const out = await ddb.send(new QueryCommand({ TableName: TABLE, ${fields}, ExpressionAttributeValues: { ':v': value } }));
  return out.Items;
}
`,
  });
}

describe('dynamodb/missing-index', () => {
  it("reports a Query on an index that lacks the index's partition key as high (C010)", async () => {
    const findings = await runRule(
      missingIndex,
      query(
        `IndexName: 'ByContext', KeyConditionExpression: 'serviceId = :v', FilterExpression: 'contextId = :c'`,
      ),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.location).toMatchObject({ file: 'src/services.ts', line: 4 });
    expect(findings[0]?.message).toContain(`no condition on the index's partition key "contextId"`);
    expect(findings[0]?.recommendation).toContain('table key "serviceId"');
    expect(`${findings[0]?.message} ${findings[0]?.recommendation}`).not.toMatch(
      /(add|create)[^.]{0,60}(GSI|global secondary index|new index)[^.]{0,60}serviceId/i,
    );
  });

  it('reports a table Query keyed on another attribute as medium and recommends a GSI definition', async () => {
    const findings = await runRule(
      missingIndex,
      query(`KeyConditionExpression: '#o = :v', ExpressionAttributeNames: { '#o': 'ownerId' }`),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.message).toContain(
      `key condition on "ownerId", which is not the table's partition key "serviceId"`,
    );
    expect(findings[0]?.recommendation).toContain('Define a GSI keyed on "ownerId"');
  });

  it('reports an index name the table does not define', async () => {
    const findings = await runRule(
      missingIndex,
      query(`IndexName: 'ByOwner', KeyConditionExpression: 'ownerId = :v'`),
    );

    expect(findings.map(finding => finding.message)).toEqual([
      'Query on table "Items" names index "ByOwner", which the table does not define (its indexes: "ByContext").',
    ]);
  });

  it('stays silent for queries on the table key and on an index key', async () => {
    expect(await runRule(missingIndex, query(`KeyConditionExpression: 'serviceId = :v'`))).toEqual(
      [],
    );
    expect(
      await runRule(
        missingIndex,
        query(`IndexName: 'ByContext', KeyConditionExpression: 'contextId = :v'`),
      ),
    ).toEqual([]);
  });

  it('stays silent when the table is not defined in any template read (limitation)', async () => {
    const files = query(`KeyConditionExpression: 'ownerId = :v'`);
    files['template.yaml'] = files['template.yaml']!.replace('!Ref Items', 'external-services');

    expect(await runRule(missingIndex, files)).toEqual([]);
  });

  it('does not read a key condition that is not a literal string (limitation)', async () => {
    const findings = await runRule(
      missingIndex,
      query(`KeyConditionExpression: ['ownerId', '= :v'].join(' ')`),
    );

    expect(findings).toEqual([]);
  });
});
