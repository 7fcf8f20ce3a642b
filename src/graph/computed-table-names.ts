import type { TableResource, TemplateValue } from '../iac/resources.js';
import { escapeRegExp } from '../regexp-text.js';

/** A table whose name the template computes from parts known only at deploy time. */
export interface ComputedTableName {
  table: TableResource;
  pattern: RegExp;
  /** The name as the template writes it, `${AWS::StackName}-orders`, for messages. */
  text: string;
}

// Fewer fixed characters than this match too many names to say which table a name means.
const MIN_FIXED_CHARACTERS = 3;

/**
 * The tables whose `TableName` did not resolve but holds fixed text, such as
 * `!Sub "${AWS::StackName}-orders"`: a name in code that fits the pattern is that table.
 */
export function computedTableNames(tables: TableResource[]): ComputedTableName[] {
  return tables.flatMap(table => {
    const parts = table.nameIsLogicalId && table.nameValue ? partsOf(table.nameValue) : [];
    const fixed = parts.reduce((count, part) => count + (part ?? '').length, 0);
    if (fixed < MIN_FIXED_CHARACTERS || parts.every(part => part !== undefined)) {
      return [];
    }

    const source = parts.map(part => (part === undefined ? '.+' : escapeRegExp(part))).join('');
    const text = parts.map(part => part ?? '${…}').join('');

    return [{ table, pattern: new RegExp(`^${source}$`), text }];
  });
}

/** The one computed table a name fits; none when it fits none or several. */
export function computedTableFor(
  name: string,
  computed: ComputedTableName[],
): ComputedTableName | undefined {
  const fitting = computed.filter(entry => entry.pattern.test(name));

  return fitting.length === 1 ? fitting[0] : undefined;
}

// Fixed text as strings, and `undefined` for each part only the deployment decides.
function partsOf(value: TemplateValue): Array<string | undefined> {
  switch (value.kind) {
    case 'literal':
      return [value.value];
    case 'join':
      return value.parts.flatMap(partsOf);
    case 'parameter':
      return [value.default];
    default:
      return [undefined];
  }
}
