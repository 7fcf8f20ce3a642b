import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

const samTemplate = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  Jobs:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
  Writer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/writer.handler
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
        - DynamoDBReadPolicy:
            TableName: legacy-items
        - DynamoDBWritePolicy: { TableName: !Ref Orders }
        - DynamoDBStreamReadPolicy: { TableName: !Ref Orders, StreamName: '*' }
        - SQSSendMessagePolicy: { QueueName: !GetAtt Jobs.QueueName }
        - SNSPublishMessagePolicy: { TopicName: !GetAtt Alerts.TopicName }
        - AmazonDynamoDBFullAccess
        - AmazonDynamoDBReadOnlyAccess
        - arn:aws:iam::aws:policy/CloudWatchLogsFullAccess
        - Statement:
            - Effect: Allow
              Action: [dynamodb:Query]
              Resource: !Sub '\${Orders.Arn}/index/*'
            - Effect: Deny
              Action: dynamodb:DeleteItem
              Resource: !GetAtt Orders.Arn
  Documented:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/doc.handler
      Policies:
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: '*'
  Named:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/named.handler
      Policies: AmazonSQSFullAccess
`;

describe('samPoliciesOf', () => {
  it('expands DynamoDB policy templates into actions on the table and its indexes', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': samTemplate });
    const [crud, read, write, stream] = lambda('Writer').policies;

    expect(crud).toEqual({
      effect: 'Allow',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
        'dynamodb:ConditionCheckItem',
      ],
      resources: [
        { kind: 'resource', logicalId: 'Orders' },
        {
          kind: 'join',
          parts: [
            { kind: 'resource', logicalId: 'Orders' },
            { kind: 'literal', value: '/index/*' },
          ],
        },
      ],
      fromTemplate: 'DynamoDBCrudPolicy',
      location: { file: 'template.yaml', line: 16, column: 11 },
    });
    expect(read).toMatchObject({
      actions: [
        'dynamodb:GetItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
      ],
      resources: [
        { kind: 'literal', value: 'legacy-items' },
        {
          kind: 'join',
          parts: [
            { kind: 'literal', value: 'legacy-items' },
            { kind: 'literal', value: '/index/*' },
          ],
        },
      ],
    });
    expect(write?.actions).toEqual([
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
    ]);
    expect(stream?.actions).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ]);
  });

  it('expands queue and topic policy templates', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': samTemplate });
    const byTemplate = lambda('Writer').policies.filter(policy =>
      policy.fromTemplate?.startsWith('S'),
    );

    expect(
      byTemplate.map(policy => [policy.fromTemplate, policy.actions, policy.resources]),
    ).toEqual([
      [
        'SQSSendMessagePolicy',
        ['sqs:SendMessage*'],
        [{ kind: 'resource', logicalId: 'Jobs', attribute: 'QueueName' }],
      ],
      [
        'SNSPublishMessagePolicy',
        ['sns:Publish'],
        [{ kind: 'resource', logicalId: 'Alerts', attribute: 'TopicName' }],
      ],
    ]);
  });

  it('expands known managed policies and keeps others by name with no actions', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': samTemplate });
    const managed = lambda('Writer').policies.filter(policy =>
      policy.fromTemplate?.includes('Access'),
    );

    expect(managed.map(policy => [policy.fromTemplate, policy.resources])).toEqual([
      ['AmazonDynamoDBFullAccess', [{ kind: 'literal', value: '*' }]],
      ['AmazonDynamoDBReadOnlyAccess', [{ kind: 'literal', value: '*' }]],
      ['CloudWatchLogsFullAccess', []],
    ]);
    expect(managed[0]?.actions).toEqual(['dynamodb:*']);
    expect(managed[1]?.actions).toContain('dynamodb:Query');
    expect(managed[1]?.actions).not.toContain('dynamodb:PutItem');
    expect(managed[2]?.actions).toEqual([]);
  });

  it('reads inline statements with effect, actions and resources', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': samTemplate });
    const inline = lambda('Writer').policies.filter(policy => policy.fromTemplate === undefined);

    expect(inline).toEqual([
      {
        effect: 'Allow',
        actions: ['dynamodb:Query'],
        resources: [
          {
            kind: 'join',
            parts: [
              { kind: 'resource', logicalId: 'Orders', attribute: 'Arn' },
              { kind: 'literal', value: '/index/*' },
            ],
          },
        ],
        location: { file: 'template.yaml', line: 28, column: 15 },
      },
      {
        effect: 'Deny',
        actions: ['dynamodb:DeleteItem'],
        resources: [{ kind: 'resource', logicalId: 'Orders', attribute: 'Arn' }],
        location: { file: 'template.yaml', line: 31, column: 15 },
      },
    ]);
  });

  it('reads a policy document and a single managed policy name given in place of a list', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': samTemplate });

    expect(lambda('Documented').policies).toMatchObject([
      { actions: ['sqs:SendMessage'], resources: [{ kind: 'literal', value: '*' }] },
    ]);
    expect(lambda('Named').policies).toMatchObject([
      { actions: ['sqs:*'], fromTemplate: 'AmazonSQSFullAccess' },
    ]);
  });
});

const roleTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole
      Policies:
        - PolicyName: tables
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:PutItem]
                Resource: !GetAtt Orders.Arn
  ExtraPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref WorkerRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: dynamodb:Query
            Resource: '*'
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/worker.handler
      Role: !GetAtt WorkerRole.Arn
      Policies:
        - AmazonDynamoDBFullAccess
`;

describe('rolePoliciesOf', () => {
  it('reads the statements of a role in the template and the policies attached to it', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': roleTemplate });
    const worker = lambda('Worker');

    expect(worker.role).toEqual({ kind: 'resource', logicalId: 'WorkerRole', attribute: 'Arn' });
    expect(worker.policies.map(policy => [policy.actions, policy.location.line])).toEqual([
      [['dynamodb:GetItem', 'dynamodb:PutItem'], 22],
      [['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], 17],
      [['dynamodb:Query'], 32],
    ]);
    expect(worker.policies[0]?.resources).toEqual([
      { kind: 'resource', logicalId: 'Orders', attribute: 'Arn' },
    ]);
  });

  it('ignores SAM Policies when a role is named, as SAM does', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': roleTemplate });

    expect(lambda('Worker').policies.map(policy => policy.fromTemplate)).not.toContain(
      'AmazonDynamoDBFullAccess',
    );
  });
});
