/** Locating a model class in a models module, to open it when makemigrations needs a default. */
import { definedName } from '../models/syntax';
import { PythonSource, children } from '../syntax/python';

/**
 * The zero-based line of the top-level class named `model`, compared without case because Django
 * names models in lower case in its messages ("to product"). Undefined when the module has none.
 */
export function modelClassLine(text: string, model: string): number | undefined {
  const wanted = model.toLowerCase();
  const source = new PythonSource(text);
  const definition = children(source.tree.topNode).find(
    (statement) => statement.name === 'ClassDefinition' && definedName(source, statement)?.toLowerCase() === wanted,
  );
  return definition ? source.lines.positionAt(definition.from).line : undefined;
}
