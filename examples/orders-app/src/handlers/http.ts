export interface HttpEvent {
  body?: string;
  pathParameters?: Record<string, string | undefined>;
}

export function json(statusCode: number, body: unknown) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
