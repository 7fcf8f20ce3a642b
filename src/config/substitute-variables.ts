const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

interface Substitution {
  value: unknown;
  problems: string[];
}

// A value naming an unset variable is left out, so that validation does not report it again as
// a value of the wrong kind: the unset variable is the problem.
const UNSET = Symbol('unset');

/**
 * Replaces `${NAME}` inside string values with the environment's value; an unset one is a
 * problem, and the value holding it is left out.
 */
export function substituteVariables(value: unknown, environment: NodeJS.ProcessEnv): Substitution {
  const problems: string[] = [];
  const visit = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(node)?.[1];
      const wholeValue = whole === undefined ? undefined : environment[whole];
      // A setting written as just `${THRESHOLD}` keeps the number the variable holds.
      if (wholeValue !== undefined && /^\d+$/.test(wholeValue)) {
        return Number(wholeValue);
      }
      let isUnset = false;
      const replaced = node.replace(VARIABLE, (text, name: string) => {
        const replacement = environment[name];
        if (replacement === undefined) {
          problems.push(
            `"${path}" uses \${${name}}, which is not set. Set ${name} in the environment or write the value directly.`,
          );
          isUnset = true;
          return text;
        }
        return replacement;
      });
      return isUnset ? UNSET : replaced;
    }
    if (Array.isArray(node)) {
      return node.map((item, index) => visit(item, `${path}[${index}]`)).filter(isSet);
    }
    if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node).map(([key, item]) => [
        key,
        visit(item, path ? `${path}.${key}` : key),
      ]);
      return Object.fromEntries(entries.filter(([, item]) => isSet(item)));
    }
    return node;
  };

  return { value: visit(value, ''), problems };
}

function isSet(value: unknown): boolean {
  return value !== UNSET;
}
