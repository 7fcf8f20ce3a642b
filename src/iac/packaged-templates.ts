import type { Logger } from '../logger.js';
import type { Template } from './template.js';
import { entryOf, isMap, scalarText } from './template-node.js';

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/**
 * Drops the copies `sam package` writes (`output.yaml` beside `template.yaml`, code uploaded to
 * S3): they describe the same stack again, and their functions point at S3, not at source code.
 */
export function withoutPackagedCopies(templates: Template[], logger: Logger): Template[] {
  const sourceDirs = new Set(
    templates.filter(template => !isPackaged(template)).map(template => template.dir),
  );

  return templates.filter(template => {
    const isCopy = isPackaged(template) && sourceDirs.has(template.dir);
    if (isCopy) {
      logger.step(
        `cloudformation: "${template.file}" is a packaged copy of a template beside it; not read`,
      );
    }
    return !isCopy;
  });
}

function isPackaged(template: Template): boolean {
  const functions = template.resources.filter(resource => FUNCTION_TYPES.has(resource.type));

  return functions.length > 0 && functions.every(resource => codeIsInS3(resource.properties));
}

function codeIsInS3(properties: Template['resources'][number]['properties']): boolean {
  const codeUri = entryOf(properties, 'CodeUri')?.value ?? entryOf(properties, 'Code')?.value;
  if (isMap(codeUri)) {
    return Boolean(entryOf(codeUri, 'Bucket') ?? entryOf(codeUri, 'S3Bucket'));
  }

  return scalarText(codeUri)?.startsWith('s3://') ?? false;
}
