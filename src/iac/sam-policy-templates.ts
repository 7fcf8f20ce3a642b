/**
 * SAM policy templates as `policy_templates.json` in the SAM translator defines them. A resource
 * is written with the template's parameters in `${...}`: `${TableName}/index/*` is every index
 * of the table the template was given. The ARN prefix SAM adds is left out on purpose, so the
 * resource stays the value the user wrote (`!Ref OrdersTable`).
 */
export interface PolicyTemplate {
  statements: { actions: string[]; resources: string[] }[];
}

const DYNAMODB_READ = [
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:DescribeTable',
];

const DYNAMODB_CRUD = [
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
];

const TABLE_AND_INDEXES = ['${TableName}', '${TableName}/index/*'];

const S3_READ = [
  's3:GetObject',
  's3:ListBucket',
  's3:GetBucketLocation',
  's3:GetObjectVersion',
  's3:GetLifecycleConfiguration',
];

const S3_WRITE = ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'];

const BUCKET_AND_OBJECTS = ['${BucketName}', '${BucketName}/*'];

export const SAM_POLICY_TEMPLATES: Record<string, PolicyTemplate> = {
  DynamoDBCrudPolicy: { statements: [{ actions: DYNAMODB_CRUD, resources: TABLE_AND_INDEXES }] },
  DynamoDBReadPolicy: { statements: [{ actions: DYNAMODB_READ, resources: TABLE_AND_INDEXES }] },
  DynamoDBWritePolicy: {
    statements: [
      {
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
        resources: TABLE_AND_INDEXES,
      },
    ],
  },
  DynamoDBReconfigurePolicy: {
    statements: [{ actions: ['dynamodb:UpdateTable'], resources: ['${TableName}'] }],
  },
  DynamoDBStreamReadPolicy: {
    statements: [
      {
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: ['${TableName}/stream/${StreamName}'],
      },
      { actions: ['dynamodb:ListStreams'], resources: ['${TableName}/stream/*'] },
    ],
  },
  DynamoDBBackupFullAccessPolicy: {
    statements: [
      {
        actions: ['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups'],
        resources: ['${TableName}'],
      },
      {
        actions: ['dynamodb:DeleteBackup', 'dynamodb:DescribeBackup', 'dynamodb:ListBackups'],
        resources: ['${TableName}/backup/*'],
      },
    ],
  },
  DynamoDBRestoreFromBackupPolicy: {
    statements: [
      { actions: ['dynamodb:RestoreTableFromBackup'], resources: ['${TableName}/backup/*'] },
      {
        actions: [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:BatchWriteItem',
        ],
        resources: ['${TableName}'],
      },
    ],
  },
  SQSSendMessagePolicy: {
    statements: [{ actions: ['sqs:SendMessage*'], resources: ['${QueueName}'] }],
  },
  SQSPollerPolicy: {
    statements: [
      {
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:ChangeMessageVisibilityBatch',
          'sqs:DeleteMessage',
          'sqs:DeleteMessageBatch',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        resources: ['${QueueName}'],
      },
    ],
  },
  SNSPublishMessagePolicy: {
    statements: [{ actions: ['sns:Publish'], resources: ['${TopicName}'] }],
  },
  SNSCrudPolicy: {
    statements: [
      {
        actions: [
          'sns:ListSubscriptionsByTopic',
          'sns:CreateTopic',
          'sns:SetTopicAttributes',
          'sns:Subscribe',
          'sns:Publish',
        ],
        resources: ['${TopicName}*'],
      },
    ],
  },
  LambdaInvokePolicy: {
    statements: [{ actions: ['lambda:InvokeFunction'], resources: ['${FunctionName}*'] }],
  },
  S3ReadPolicy: { statements: [{ actions: S3_READ, resources: BUCKET_AND_OBJECTS }] },
  S3WritePolicy: { statements: [{ actions: S3_WRITE, resources: BUCKET_AND_OBJECTS }] },
  S3CrudPolicy: {
    statements: [
      { actions: [...S3_READ, ...S3_WRITE, 's3:DeleteObject'], resources: BUCKET_AND_OBJECTS },
    ],
  },
  EventBridgePutEventsPolicy: {
    statements: [{ actions: ['events:PutEvents'], resources: ['${EventBusName}'] }],
  },
  KinesisStreamReadPolicy: {
    statements: [
      { actions: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], resources: ['*'] },
      {
        actions: [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
        ],
        resources: ['${StreamName}'],
      },
    ],
  },
  StepFunctionsExecutionPolicy: {
    statements: [{ actions: ['states:StartExecution'], resources: ['${StateMachineName}'] }],
  },
  SSMParameterReadPolicy: {
    statements: [
      { actions: ['ssm:DescribeParameters'], resources: ['*'] },
      {
        actions: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
        resources: ['${ParameterName}'],
      },
    ],
  },
  AWSSecretsManagerGetSecretValuePolicy: {
    statements: [{ actions: ['secretsmanager:GetSecretValue'], resources: ['${SecretArn}'] }],
  },
  CloudWatchPutMetricPolicy: {
    statements: [{ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }],
  },
  VPCAccessPolicy: {
    statements: [
      {
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DeleteNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DetachNetworkInterface',
        ],
        resources: ['*'],
      },
    ],
  },
};

/** AWS managed policies that grant something a rule cares about, by policy name. */
export const MANAGED_POLICIES: Record<string, string[]> = {
  AmazonDynamoDBFullAccess: ['dynamodb:*'],
  AmazonDynamoDBReadOnlyAccess: [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeStream',
    'dynamodb:DescribeTable',
    'dynamodb:DescribeTimeToLive',
    'dynamodb:GetItem',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
    'dynamodb:ListTables',
    'dynamodb:PartiQLSelect',
    'dynamodb:Query',
    'dynamodb:Scan',
  ],
  AWSLambdaDynamoDBExecutionRole: [
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
  ],
  AWSLambdaInvocationDynamoDB: [
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
  ],
  AWSLambdaSQSQueueExecutionRole: [
    'sqs:ReceiveMessage',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
  ],
  AmazonSQSFullAccess: ['sqs:*'],
  AmazonSQSReadOnlyAccess: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListQueues'],
  AmazonSNSFullAccess: ['sns:*'],
  AmazonS3FullAccess: ['s3:*'],
  AmazonS3ReadOnlyAccess: ['s3:Get*', 's3:List*'],
  AmazonKinesisFullAccess: ['kinesis:*'],
  AmazonEventBridgeFullAccess: ['events:*'],
  AWSLambda_FullAccess: ['lambda:*'],
};
