/** Locating a model class in a models module, to open it when makemigrations needs a default. */
import { parser } from '@lezer/python';

/**
 * The zero-based line of the top-level class named `model`, compared without case because Django
 * names models in lower case in its messages ("to product"). Undefined when the module has none.
 */
export function modelClassLine(source: string, model: string): number | undefined {
  const wanted = model.toLowerCase();
  const cursor = parser.parse(source).cursor();
  if (!cursor.firstChild()) return undefined;
  do {
    if (cursor.name !== 'ClassDefinition') continue;
    const name = cursor.node.getChild('VariableName');
    if (name && source.slice(name.from, name.to).toLowerCase() === wanted) return lineOf(source, cursor.from);
  } while (cursor.nextSibling());
  return undefined;
}

function lineOf(source: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}
