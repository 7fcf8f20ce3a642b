import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  LegacyTableName:
    Type: String
    Default: legacy-items
  Memory:
    Type: Number
    Default: 512
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    MemorySize: !Ref Memory
    CodeUri: services/
    Environment:
      Variables:
        TABLE_NAME: !Ref ItemsTable
        STAGE: prod
Resources:
  ItemsTable:
    Type: AWS::Serverless::SimpleTable
  ArchiveTable:
    Type: AWS::Serverless::SimpleTable
  PutItemFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: handlers/put-item.handler
  ArchiveFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: archive
      Handler: handlers/put-item.handler
      Timeout: 60
      Environment:
        Variables:
          TABLE_NAME: !Ref ArchiveTable
          LEGACY: !Ref LegacyTableName
          ARN: !GetAtt ArchiveTable.Arn
          PREFIX: !Sub '\${AWS::StackName}-orders'
          TABLE_SUB: !Sub '\${ArchiveTable}'
          WITH_VARS: !Sub ['\${Name}-x', { Name: !Ref ArchiveTable }]
          STREAM_SUB: !Sub '\${ArchiveTable.StreamArn}'
          JOINED: !Join ['-', [!Ref ArchiveTable, suffix]]
          ESCAPED: !Sub 'literal-\${!NotAPlaceholder}'
          PICKED: !If [IsProd, a, b]
          IMPORTED: !ImportValue shared-table
          REGION: !Ref AWS::Region
          COUNT: 3
          ENABLED: true
  EsbuildFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints:
          - app.ts
    Properties:
      CodeUri: hello-world/
      Handler: app.lambdaHandler
  BuiltFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dist/
      Handler: handlers/report.handler
  InlineFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs18.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/external
      Code:
        ZipFile: exports.handler = async () => {};
  S3Function:
    Type: AWS::Lambda::Function
    Properties:
      Handler: src/worker.run
      Role: arn:aws:iam::123456789012:role/external
      Code: { S3Bucket: bucket, S3Key: worker.zip }
`;

describe('readFunctions', () => {
  it('applies SAM Globals to a function that sets nothing itself', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('PutItemFunction')).toMatchObject({
      runtime: 'nodejs20.x',
      timeout: 10,
      memorySize: 512,
      environment: {
        TABLE_NAME: { kind: 'resource', logicalId: 'ItemsTable' },
        STAGE: { kind: 'literal', value: 'prod' },
      },
      handler: { exportName: 'handler', text: 'handlers/put-item.handler' },
      location: { file: 'template.yaml', line: 25 },
    });
    expect(lambda('PutItemFunction').handler?.files[0]).toBe('services/handlers/put-item.ts');
    expect(lambda('PutItemFunction').environmentLocations?.['TABLE_NAME']?.line).toBe(18);
  });

  it('lets function-level values win over Globals, variable by variable', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });
    const archive = lambda('ArchiveFunction');

    expect(archive.functionName).toBe('archive');
    expect(archive.timeout).toBe(60);
    expect(archive.environment['TABLE_NAME']).toEqual({
      kind: 'resource',
      logicalId: 'ArchiveTable',
    });
    expect(archive.environment['STAGE']).toEqual({ kind: 'literal', value: 'prod' });
    expect(archive.environmentLocations?.['TABLE_NAME']?.line).toBe(37);
  });

  it('reads environment values through references, attributes, Sub and Join', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('ArchiveFunction').environment).toMatchObject({
      LEGACY: { kind: 'parameter', name: 'LegacyTableName', default: 'legacy-items' },
      ARN: { kind: 'resource', logicalId: 'ArchiveTable', attribute: 'Arn' },
      PREFIX: {
        kind: 'join',
        parts: [
          { kind: 'unresolved', text: '${AWS::StackName}' },
          { kind: 'literal', value: '-orders' },
        ],
      },
      TABLE_SUB: { kind: 'resource', logicalId: 'ArchiveTable' },
      WITH_VARS: {
        kind: 'join',
        parts: [
          { kind: 'resource', logicalId: 'ArchiveTable' },
          { kind: 'literal', value: '-x' },
        ],
      },
      STREAM_SUB: { kind: 'resource', logicalId: 'ArchiveTable', attribute: 'StreamArn' },
      JOINED: {
        kind: 'join',
        parts: [
          { kind: 'resource', logicalId: 'ArchiveTable' },
          { kind: 'literal', value: '-suffix' },
        ],
      },
      ESCAPED: { kind: 'literal', value: 'literal-${NotAPlaceholder}' },
      COUNT: { kind: 'literal', value: '3' },
      ENABLED: { kind: 'literal', value: 'true' },
    });
  });

  it('keeps what it cannot follow as unresolved source text', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('ArchiveFunction').environment).toMatchObject({
      PICKED: { kind: 'unresolved', text: '!If [IsProd, a, b]' },
      IMPORTED: { kind: 'unresolved', text: '!ImportValue shared-table' },
      REGION: { kind: 'unresolved', text: '!Ref AWS::Region' },
    });
  });

  it('takes the handler file from the esbuild entry point', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('EsbuildFunction').handler?.files[0]).toBe('hello-world/app.ts');
    expect(lambda('EsbuildFunction').handler?.exportName).toBe('lambdaHandler');
  });

  it('maps a CodeUri under dist back to src', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('BuiltFunction').handler?.files[0]).toBe('src/handlers/report.ts');
  });

  it('gives inline code no files and S3 code files beside the template', async () => {
    const { lambda } = await scanFiles({ 'infra/template.yaml': template });

    expect(lambda('InlineFunction').handler).toEqual({
      files: [],
      exportName: 'handler',
      text: 'index.handler',
    });
    expect(lambda('InlineFunction').runtime).toBe('nodejs18.x');
    expect(lambda('S3Function').handler?.files[0]).toBe('infra/src/worker.ts');
    expect(lambda('S3Function').handler?.exportName).toBe('run');
  });

  it('records a role outside the template and no policies for it', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('InlineFunction').role).toEqual({
      kind: 'literal',
      value: 'arn:aws:iam::123456789012:role/external',
    });
    expect(lambda('InlineFunction').policies).toEqual([]);
  });

  it('reads dead-letter and asynchronous failure targets', async () => {
    const { lambda } = await scanFiles({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Refresh:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/refresh.handler
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
      EventInvokeConfig:
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: !GetAtt Dlq.Arn }
`,
    });

    expect(lambda('Refresh').deadLetterTarget).toEqual({
      kind: 'resource',
      logicalId: 'Dlq',
      attribute: 'Arn',
    });
    expect(lambda('Refresh').onFailureDestination).toEqual({
      kind: 'resource',
      logicalId: 'Dlq',
      attribute: 'Arn',
    });
  });
});
