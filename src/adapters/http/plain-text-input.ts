import { plainTextProblem } from '../../domain/index.js';
import type { ProblemField, ProblemLocation } from './problem.js';

const MAX_REPORTED = 20;

/**
 * Every string of the input, keys included, checked before the schemas see it: text the
 * database cannot store is a 400 naming its field, whichever field it hides in. Iterative,
 * so a deeply nested body cannot exhaust the stack.
 */
export const unstorableText = (value: unknown, where: ProblemLocation): ProblemField[] => {
  const found: ProblemField[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      const message = plainTextProblem(item);
      if (message) found.push({ in: where, path, message });
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        const keyProblem = plainTextProblem(key);
        if (keyProblem) found.push({ in: where, path: childPath, message: `field name ${keyProblem}` });
        stack.push([child, childPath]);
      }
    }
  }
  return found;
};
