import { describe, expect, it } from 'vitest';
import { scanFiles } from '../scan-files.js';

const tables = `resources:
  Resources:
    LinksTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: \${self:custom.linksTable}
`;

describe('roleOf', () => {
  it('reads provider.iam.role.statements with variables resolved in resource ARNs', async () => {
    const { lambda } = await scanFiles({
      'serverless.yml': `service: shortlinks
provider:
  name: aws
  region: eu-west-1
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem, dynamodb:Query]
          Resource:
            - arn:aws:dynamodb:\${self:provider.region}:\${aws:accountId}:table/\${self:custom.linksTable}*
            - !GetAtt LinksTable.Arn
custom:
  linksTable: \${self:service}-\${sls:stage}-links
functions:
  resolve: { handler: src/resolve.handler }
${tables}`,
    });

    expect(lambda('resolve').policies).toEqual([
      {
        effect: 'Allow',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [
          {
            kind: 'join',
            parts: [
              { kind: 'literal', value: 'arn:aws:dynamodb:eu-west-1:' },
              { kind: 'unresolved', text: '${aws:accountId}' },
              { kind: 'literal', value: ':table/shortlinks-dev-links*' },
            ],
          },
          { kind: 'resource', logicalId: 'LinksTable', attribute: 'Arn' },
        ],
        location: { file: 'serverless.yml', line: 8, column: 11 },
      },
    ]);
  });

  it('reads the older provider.iamRoleStatements and adds what events need', async () => {
    const { lambda } = await scanFiles({
      'serverless.yml': `provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: [dynamodb:PutItem]
      Resource: { "Fn::GetAtt": [LinksTable, Arn] }
functions:
  worker:
    handler: worker.handler
    events:
      - sqs: arn:aws:sqs:us-east-1:1:jobs
custom: { linksTable: links }
${tables}`,
    });
    const [statement, eventStatement] = lambda('worker').policies;

    expect(statement).toMatchObject({
      actions: ['dynamodb:PutItem'],
      resources: [{ kind: 'resource', logicalId: 'LinksTable', attribute: 'Arn' }],
    });
    expect(eventStatement).toMatchObject({
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      resources: [{ kind: 'literal', value: 'arn:aws:sqs:us-east-1:1:jobs' }],
      fromTemplate: 'Serverless sqs event',
    });
  });

  it('takes a role named by the function instead of the shared statements', async () => {
    const { lambda } = await scanFiles({
      'serverless.yml': `provider:
  name: aws
  iamRoleStatements:
    - { Effect: Allow, Action: ['s3:*'], Resource: '*' }
functions:
  worker:
    handler: worker.handler
    role: arn:aws:iam::123456789012:role/external
`,
    });

    expect(lambda('worker')).toMatchObject({
      role: { kind: 'literal', value: 'arn:aws:iam::123456789012:role/external' },
      policies: [],
    });
  });
});
