import assert from 'node:assert/strict';
import vscode = require('vscode');
import { activateExtension, waitFor, workspaceRoot } from '../util';
import { bodyText, type SnippetDefinition, tabStops } from './snippet-stops';

function file(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = file(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(uri);
}

/** The language of a document as VS Code holds it now (a language change replaces the object). */
function languageOf(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId;
}

async function becomes(uri: vscode.Uri, language: string): Promise<void> {
  await waitFor(`${uri.path} to be ${language}`, () => languageOf(uri) === language);
}

async function untitled(language: string, content = ''): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document);
}

describe('Django templates', () => {
  before(async () => {
    await activateExtension();
  });

  describe('language selection', () => {
    it('opens .html files under templates/ as django-html, apps included', async () => {
      assert.equal((await open(file('templates/base.html'))).languageId, 'django-html');
      assert.equal((await open(file('catalog/templates/catalog/product_list.html'))).languageId, 'django-html');
    });

    it('leaves other .html files as html, and switches those that start with {% load %} or {% extends %}', async () => {
      const page = await writeFile('static/page.html', '<!DOCTYPE html>\n<p>{{ not a template }}</p>\n');
      const loaded = await writeFile('static/loaded.html', '{% load static %}<!DOCTYPE html>\n<img src="{% static \'a.png\' %}">\n');
      assert.equal((await open(page)).languageId, 'html');
      await open(loaded);
      await becomes(loaded, 'django-html');
      assert.equal(languageOf(page), 'html', 'a plain page stays html');
    });

    it('does not overrule a user who switches a detected template back to html', async () => {
      const detected = await writeFile('static/extends.html', '{% extends "base.html" %}\n');
      await open(detected);
      await becomes(detected, 'django-html');
      await vscode.languages.setTextDocumentLanguage(await open(detected), 'html');
      // Another detection afterwards proves the extension has had its turn on the events.
      const witness = await writeFile('static/witness.html', '{% load i18n %}\n');
      await open(witness);
      await becomes(witness, 'django-html');
      assert.equal(languageOf(detected), 'html');
    });

    it('applies djangoKit.templates.extraGlobs', async () => {
      const settings = vscode.workspace.getConfiguration('djangoKit.templates');
      await settings.update('extraGlobs', ['jinja/**/*.html'], vscode.ConfigurationTarget.Workspace);
      try {
        const page = await writeFile('jinja/pages/home.html', '<h1>{{ title }}</h1>\n');
        await open(page);
        await becomes(page, 'django-html');
      } finally {
        await settings.update('extraGlobs', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  });

  describe('links and folding', () => {
    it('links {% extends %} and {% include %} names to the templates Django would load', async () => {
      await writeFile('catalog/templates/catalog/row.html', '<li>{{ product.name }}</li>\n');
      const list = await writeFile(
        'catalog/templates/catalog/grid.html',
        '{% extends "base.html" %}\n{% block content %}{% include "./row.html" %}{% include "catalog/row.html" %}{% include "missing.html" %}{% endblock %}\n',
      );
      const document = await open(list);
      const links = await waitFor('the template links', async () => {
        const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', list);
        return found.length >= 3 ? found : undefined;
      });
      const targets = links.map((l) => [document.getText(l.range), l.target?.path]).sort();
      assert.deepEqual(targets, [
        ['./row.html', file('catalog/templates/catalog/row.html').path],
        ['base.html', file('templates/base.html').path],
        ['catalog/row.html', file('catalog/templates/catalog/row.html').path],
      ]);
    });

    it('folds block tags to the line before their end tag', async () => {
      const uri = file('catalog/templates/catalog/product_list.html');
      await open(uri);
      const ranges = await waitFor('folding ranges', async () => {
        const found = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
        return found.length > 0 ? found : undefined;
      });
      const spans = ranges.map((r) => `${r.start}-${r.end}`);
      assert.ok(spans.includes('2-9'), `block content folds: ${spans.join(' ')}`);
      assert.ok(spans.includes('4-7'), `for loop folds: ${spans.join(' ')}`);
    });
  });

  describe('editing', () => {
    it('toggles line comments with {# #}', async () => {
      const editor = await untitled('django-html', '<p>Hello</p>');
      await vscode.commands.executeCommand('editor.action.commentLine');
      await waitFor('the line to be commented', () => editor.document.getText() === '{# <p>Hello</p> #}');
    });

    it('closes {% as it is typed', async () => {
      const editor = await untitled('django-html');
      await vscode.commands.executeCommand('type', { text: '{' });
      await vscode.commands.executeCommand('type', { text: '%' });
      await waitFor('the tag to be closed', () => editor.document.getText() === '{% %}');
      assert.equal(editor.selection.active.character, 2);
    });

    it('surrounds a selection with {% %}, {{ }} and {# #} when typing { then %, { or #', async () => {
      for (const [second, expected] of [['%', '{%name%}'], ['{', '{{name}}'], ['#', '{#name#}']]) {
        const editor = await untitled('django-html', 'name');
        editor.selection = new vscode.Selection(0, 0, 0, 4);
        await vscode.commands.executeCommand('type', { text: '{' });
        await vscode.commands.executeCommand('type', { text: second });
        await waitFor(`the selection to be surrounded with {${second}`, () => editor.document.getText() === expected);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });

  describe('HTML tooling in django-html', () => {
    it('keeps HTML completion from the HTML language server', async () => {
      // Attribute names inside a tag come only from the HTML language server (not Emmet, not words).
      const uri = await writeFile('templates/completion.html', '{% block content %}\n<div cl\n{% endblock %}\n');
      await vscode.window.showTextDocument(await open(uri));
      const items = await waitFor('HTML completion items', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(1, 7));
        return list.items.some((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'class') ? list.items : undefined;
      });
      assert.ok(items.length > 0);
    });

    it('maps django-html to html for Emmet by default', () => {
      const languages = vscode.workspace.getConfiguration('emmet').get<Record<string, string>>('includeLanguages');
      assert.equal(languages?.['django-html'], 'html');
    });
  });

  describe('snippets', () => {
    interface SnippetContribution {
      readonly language: string;
      readonly path: string;
    }

    async function contributions(): Promise<{ language: string; snippets: Record<string, SnippetDefinition> }[]> {
      const extension = await activateExtension();
      const manifest = extension.packageJSON as { contributes: { snippets: SnippetContribution[] } };
      return Promise.all(
        manifest.contributes.snippets.map(async ({ language, path }) => {
          const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, path));
          return { language, snippets: JSON.parse(new TextDecoder().decode(bytes)) as Record<string, SnippetDefinition> };
        }),
      );
    }

    function selectionKey(editor: vscode.TextEditor): string {
      return editor.selections.map((s) => `${s.anchor.line}:${s.anchor.character}-${s.active.line}:${s.active.character}`).join(',');
    }

    async function clear(editor: vscode.TextEditor): Promise<void> {
      const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
      await editor.edit((edit) => edit.delete(whole));
    }

    it('inserts every snippet by name and tabs through all its placeholders', async () => {
      const all = await contributions();
      assert.ok(all.length >= 3, 'snippets for django-html, django-txt and python');
      for (const { language, snippets } of all) {
        const editor = await untitled(language);
        for (const [name, snippet] of Object.entries(snippets)) {
          await clear(editor);
          await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: language, name });
          const body = bodyText(snippet);
          // Up to the first placeholder, on the first line (VS Code re-indents the lines after it).
          const literalStart = body.split('$', 1)[0].split('\n', 1)[0];
          await waitFor(`${language} snippet "${name}" to be inserted`, () => {
            const text = editor.document.getText();
            return text.length > 0 && text.startsWith(literalStart);
          });
          const stops = tabStops(body);
          // From $1, each jump goes to the next stop and the last one to $0; without stops there is no session.
          for (const stop of stops.length === 0 ? [] : [...stops.slice(1), 0]) {
            const before = selectionKey(editor);
            await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
            await waitFor(`${language} snippet "${name}" to move to $${stop}`, () => selectionKey(editor) !== before);
          }
        }
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });
});
