import type { EventSourceType } from '../iac/resources.js';

/**
 * What each kind of event source hands the Lambda, written as the fields a handler reads. A
 * static description of the AWS event, not inferred from the code.
 */
export const EVENT_SHAPES: Record<EventSourceType, string> = {
  sqs: '{ Records: [{ messageId, receiptHandle, body, attributes, messageAttributes, eventSourceARN }] }',
  sns: '{ Records: [{ EventSource, Sns: { MessageId, TopicArn, Subject, Message, MessageAttributes, Timestamp } }] }',
  dynamodb:
    '{ Records: [{ eventName, eventSourceARN, dynamodb: { Keys, NewImage, OldImage, SequenceNumber, StreamViewType } }] }',
  kinesis:
    '{ Records: [{ eventID, eventSourceARN, kinesis: { partitionKey, sequenceNumber, data (base64) } }] }',
  eventbridge: '{ version, id, source, account, time, region, resources, "detail-type", detail }',
  schedule:
    '{ version, id, source: "aws.events", "detail-type": "Scheduled Event", time, resources, detail: {} }',
  api: '{ resource, path, httpMethod, headers, queryStringParameters, pathParameters, body, isBase64Encoded, requestContext }',
  'http-api':
    '{ version: "2.0", routeKey, rawPath, rawQueryString, headers, queryStringParameters, pathParameters, body, isBase64Encoded, requestContext: { http: { method, path } } }',
  s3: '{ Records: [{ eventName, s3: { bucket: { name }, object: { key, size, eTag } } }] }',
  other: 'not described: infrawise does not know this event source type',
};
