import assert from 'node:assert/strict';
import vscode = require('vscode');
import { activateExtension, waitFor, workspaceRoot } from '../util';

function file(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = file(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function show(relative: string, text: string): Promise<vscode.TextEditor> {
  const uri = await writeFile(relative, text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await waitFor(`${relative} to be django-html`, () => editor.document.languageId === 'django-html');
  return editor;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completion(uri: vscode.Uri, position: vscode.Position, label: string): Promise<vscode.CompletionItem> {
  return waitFor(`completion item ${label}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    return list.items.find((item) => labelOf(item) === label && item.kind !== vscode.CompletionItemKind.Snippet && item.insertText instanceof vscode.SnippetString);
  });
}

/** Accepts a completion item as the editor would: its snippet over its range, then its extra edits. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem): Promise<void> {
  const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
  await editor.insertSnippet(item.insertText as vscode.SnippetString, range);
  if (item.additionalTextEdits) {
    await editor.edit((edit) => {
      for (const extra of item.additionalTextEdits!) edit.replace(extra.range, extra.newText);
    });
  }
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return waitFor('a hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return text.includes('**') ? text : undefined;
  });
}

async function definition(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Location> {
  return waitFor('a definition', async () => {
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, position);
    const first = found[0];
    if (!first) return undefined;
    return 'targetUri' in first ? new vscode.Location(first.targetUri, first.targetRange) : first;
  });
}

describe('Django templates: language intelligence', () => {
  before(async () => {
    await activateExtension();
    await writeFile('catalog/static/catalog/site.css', 'body { margin: 0; }\n');
    await writeFile('catalog/templatetags/__init__.py', '');
    await writeFile(
      'catalog/templatetags/catalog_tags.py',
      'from django import template\n\nregister = template.Library()\n\n\n@register.simple_tag\ndef stock_badge(product):\n    """A badge with the stock of a product."""\n    return ""\n',
    );
  });

  describe('completion', () => {
    it('completes a block tag with its end tag, and a new block with the next free name, not one already used', async () => {
      const editor = await show('catalog/templates/catalog/blocks.html', '{% extends "base.html" %}\n{% block content %}{% endblock %}\n{%  %}\n');
      const position = new vscode.Position(2, 3);
      await accept(editor, await completion(editor.document.uri, position, 'block'));
      await waitFor('the block to be inserted', () => editor.document.lineAt(2).text === '{% block title %}{% endblock %}');

      await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), '{%  %}\n'));
      await accept(editor, await completion(editor.document.uri, new vscode.Position(3, 3), 'for'));
      assert.match(editor.document.lineAt(3).text, /^\{% for {2}%\}\{% endfor %\}$/);
    });

    it('completes filters with their argument, and adds the {% load %} a filter needs', async () => {
      const editor = await show('catalog/templates/catalog/filters.html', '{% extends "base.html" %}\n{{ price| }}\n');
      const position = new vscode.Position(1, 9);
      const fallback = await completion(editor.document.uri, position, 'default');
      assert.equal((fallback.insertText as vscode.SnippetString).value, 'default:${1:fallback}');
      await accept(editor, await completion(editor.document.uri, position, 'intcomma'));
      await waitFor('the filter and its load', () => editor.document.getText() === '{% extends "base.html" %}\n{% load humanize %}\n{{ price|intcomma }}\n');
    });

    it('completes library names after {% load, parent block names, template names and static files', async () => {
      const editor = await show('catalog/templates/catalog/names.html', '{% extends "" %}\n{% load  %}\n{% block  %}{% endblock %}\n<link href="{% static \'\' %}">\n');
      const uri = editor.document.uri;
      await completion(uri, new vscode.Position(1, 8), 'humanize');
      await completion(uri, new vscode.Position(1, 8), 'catalog_tags');
      await completion(uri, new vscode.Position(0, 12), 'base.html');
      // names.html extends nothing yet: parent blocks come once it extends base.html.
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 12), 'base.html'));
      await completion(uri, new vscode.Position(2, 9), 'title');
      await completion(uri, new vscode.Position(3, 23), 'catalog/site.css');
    });
  });

  describe('hover', () => {
    it('explains a filter, where it comes from and the {% load %} it needs', async () => {
      const editor = await show('catalog/templates/catalog/hover.html', '{% load humanize catalog_tags %}{{ n|intcomma }}{% for x in y %}{% endfor %}{% stock_badge p %}\n');
      const uri = editor.document.uri;
      const filter = await hoverText(uri, new vscode.Position(0, 38));
      assert.match(filter, /\*\*intcomma\*\* — filter/);
      assert.match(filter, /Needs `\{% load humanize %\}`/);
      assert.match(filter, /thousands/);
      const tag = await hoverText(uri, new vscode.Position(0, 53));
      assert.match(tag, /\{% for x in items \[reversed\] %\}/);
      assert.match(tag, /Built in/);
      const custom = await hoverText(uri, new vscode.Position(0, 84));
      assert.match(custom, /A badge with the stock of a product\./);
      assert.match(custom, /catalog_tags\.py/);
      const library = await hoverText(uri, new vscode.Position(0, 10));
      assert.match(library, /naturaltime/);
    });
  });

  describe('go to definition', () => {
    it('goes from a custom tag to its Python function, from a block to the parent block and from a static path to the file', async () => {
      const editor = await show('catalog/templates/catalog/definition.html', '{% extends "base.html" %}\n{% load catalog_tags static %}\n{% block title %}{% stock_badge p %}{% static "catalog/site.css" %}{% endblock %}\n');
      const uri = editor.document.uri;
      const tag = await definition(uri, new vscode.Position(2, 22));
      assert.equal(tag.uri.path, file('catalog/templatetags/catalog_tags.py').path);
      assert.equal(tag.range.start.line, 6);
      const block = await definition(uri, new vscode.Position(2, 11));
      assert.equal(block.uri.path, file('templates/base.html').path);
      assert.deepEqual([block.range.start.line, block.range.start.character], [2, 22]);
      const css = await definition(uri, new vscode.Position(2, 55));
      assert.equal(css.uri.path, file('catalog/static/catalog/site.css').path);
    });
  });

  describe('diagnostics', () => {
    it('reports a filter whose library is not loaded and adds the {% load %} after {% extends %}', async () => {
      const editor = await show('catalog/templates/catalog/fix.html', '{% extends "base.html" %}\n{% block content %}{{ n|intcomma }}{% endblock %}\n');
      const uri = editor.document.uri;
      const diagnostic = await waitFor('the not-loaded diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'not-loaded'));
      assert.equal(diagnostic.message, "The filter 'intcomma' needs {% load humanize %}.");
      assert.equal(editor.document.getText(diagnostic.range), 'intcomma');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      const add = actions.find((a) => a.title === 'Add {% load humanize %}');
      assert.ok(add?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
      await vscode.workspace.applyEdit(add.edit);
      assert.equal(editor.document.getText(), '{% extends "base.html" %}\n{% load humanize %}\n{% block content %}{{ n|intcomma }}{% endblock %}\n');
      await waitFor('the diagnostic to go', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'not-loaded'));
    });

    it('reports a mismatched end tag and a misspelled filter with its suggestion', async () => {
      const editor = await show('catalog/templates/catalog/broken.html', '{% if a %}\n{% for x in y %}{{ x|lowr }}\n{% endif %}\n');
      const uri = editor.document.uri;
      const found = await waitFor('two diagnostics', () => {
        const list = vscode.languages.getDiagnostics(uri);
        return list.length >= 2 ? list : undefined;
      });
      assert.deepEqual(found.map((d) => [d.code, d.range.start.line]).sort(), [['mismatched-tag', 2], ['unknown-filter', 1]]);
      assert.match(found.find((d) => d.code === 'unknown-filter')!.message, /Did you mean 'lower'\?/);
    });
  });
});
