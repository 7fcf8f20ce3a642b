import type { TemplateValue } from '../iac/resources.js';

/** A template value as a person would write it: `!Ref OrdersTable`, `!GetAtt Queue.Arn`. */
export function templateText(value: TemplateValue): string {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'resource':
      return value.attribute
        ? `!GetAtt ${value.logicalId}.${value.attribute}`
        : `!Ref ${value.logicalId}`;
    case 'parameter':
      return `!Ref ${value.name}${value.default === undefined ? '' : ` (default "${value.default}")`}`;
    case 'join':
      return value.parts
        .map(part => (part.kind === 'literal' ? part.value : `\${${templateText(part)}}`))
        .join('');
    case 'unresolved':
      return value.text;
  }
}
