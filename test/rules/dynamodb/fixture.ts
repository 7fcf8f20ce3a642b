/** A SAM application with one table and one HTTP Lambda whose code is split over modules. */
export function samApp(
  table: string,
  modules: Record<string, string>,
  lambdaProperties = '',
): Record<string, string> {
  return {
    'template.yaml': `
Transform: AWS::Serverless-2016-10-31
Resources:
${table}
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/api.handler
      Environment: { Variables: { TABLE: !Ref Items } }
      Events: { Call: { Type: HttpApi, Properties: { Method: POST, Path: /items } } }
${lambdaProperties}`,
    'src/db.ts': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const TABLE = process.env.TABLE!;
`,
    ...modules,
  };
}

export const itemsTable = `  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]`;
