/** One input that was read (or could not be read): a code file, a template, a config file. */
export interface SourceStatus {
  kind: 'code' | 'cloudformation' | 'cdk' | 'serverless' | 'terraform' | 'config';
  path: string;
  status: 'ok' | 'failed';
  error?: string;
  line?: number;
}
