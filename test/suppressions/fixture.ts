/** A SAM app whose handler scans the table, with `marker` placed on the line above the scan. */
export function scanningApp(marker: string, templateMarker = ''): Record<string, string> {
  return {
    'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
${templateMarker}
  Orders:
    Type: AWS::DynamoDB::Table
    Properties: { TableName: orders }
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/list.handler
      Environment: { Variables: { ORDERS_TABLE: !Ref Orders } }
`,
    'src/list.ts': `import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => {
  ${marker}
  return client.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE }));
};
`,
  };
}

const UNDER_TEST = new Set([
  'dynamodb/full-scan',
  'infrawise/suppression-without-reason',
  'infrawise/unused-suppression',
]);

/** The findings these tests are about; the fixture also trips rules that do not matter here. */
export function suppressionFindings<T extends { ruleId: string }>(findings: T[]): T[] {
  return findings.filter(finding => UNDER_TEST.has(finding.ruleId));
}
