import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';
import { completionsAt, cursorContext, freeBlockName, symbolAt } from '../../src/core/templates/assist';
import { checkTemplate, loadInsertion, type TemplateProblem } from '../../src/core/templates/check';
import { readTemplateKnowledge } from '../../src/core/templates/knowledge-source';
import { readLibrarySource } from '../../src/core/templates/library-source';
import { buildVocabulary, type LibraryModule } from '../../src/core/templates/vocabulary';
import { availableDjangoPythons } from '../python/djangoVersions';

const repo = path.resolve(__dirname, '..', '..');
const fixture = path.join(repo, 'test', 'fixtures', 'templates-project');
const engineScript = path.join(repo, 'test', 'python', 'template_engine.py');
const knowledge = readTemplateKnowledge(path.join(repo, 'data', 'templates'));

async function cli(args: string[], cwd = fixture): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => Promise.resolve(''), cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Django's own answer, from the fixture project's engine under interpreter `python`. */
function askDjango(python: string, command: 'libraries' | 'filters' | 'compile', input?: Record<string, string>): unknown {
  const out = execFileSync(python, [engineScript, fixture, 'site_config.settings', command], { input: input ? JSON.stringify(input) : undefined, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out);
}

function knowledgeVocabulary(modules: LibraryModule[] = []) {
  return buildVocabulary({ knowledge: knowledge.libraries, modules, complete: true, builtinsComplete: true });
}

function codes(problems: readonly TemplateProblem[]): string[] {
  return problems.map((p) => p.code);
}

describe('templates: knowledge', () => {
  it('validates every YAML file and describes the builtins and each library of Django', () => {
    assert.deepEqual(knowledge.errors, []);
    assert.deepEqual(knowledge.libraries.map((l) => l.name).sort(), ['admin_list', 'admin_modify', 'admin_urls', 'builtins', 'cache', 'flatpages', 'humanize', 'i18n', 'l10n', 'log', 'static', 'tz']);
  });

  it('knows the version notes that change what a template may use', () => {
    const builtins = knowledge.libraries.find((l) => l.name === 'builtins')!;
    assert.equal(builtins.tags.find((t) => t.name === 'querystring')?.versions?.added, '5.1');
    assert.equal(builtins.tags.find((t) => t.name === 'ifequal')?.versions?.removed, '4.0');
    const only32 = buildVocabulary({ knowledge: knowledge.libraries, djangoVersion: '3.2.25', modules: [], complete: true, builtinsComplete: true });
    assert.ok(only32.builtins.tags.has('ifequal') && !only32.builtins.tags.has('querystring'));
  });
});

describe('templates: library reader', () => {
  const library = readLibrarySource(`
from django import template
reg = template.Library()

@reg.filter
def plain(value):
    """Plain.

        Indented."""
    return value

@reg.filter(name='renamed', is_safe=True)
def some_function(value, arg):
    return value

@reg.filter('by_position')
def other(value, arg=None):
    return value

@reg.simple_tag(takes_context=True)
def total(context, a, b=1, *rest, **options):
    return 1

@reg.inclusion_tag('x/card.html', name='card')
def show_card(item):
    return {}

@reg.tag(name='box')
def do_box(parser, token):
    nodelist = parser.parse(('otherwise', 'endbox'))
    return None

def shout(value):
    return value

reg.filter('loud', shout)
reg.tag(do_box)
reg.simple_tag(shout, name='yell')
reg.filter('never_applied')
`);

  it('finds decorated filters with their name, arguments, docstring and is_safe', () => {
    assert.deepEqual(
      library.filters.map((f) => [f.name, f.function, f.argument, f.isSafe]),
      [
        ['plain', 'plain', 'none', false],
        ['renamed', 'some_function', 'required', true],
        ['by_position', 'other', 'optional', false],
        ['loud', 'shout', 'none', false],
      ],
    );
    assert.equal(library.filters[0].docstring, 'Plain.\n\nIndented.');
    assert.equal(library.filters[0].line, 6);
  });

  it('gives a simple block tag (Django 5.2) its end tag, named or by default', () => {
    const tags = readLibrarySource('@register.simple_block_tag\ndef card(content):\n    return content\n\n@register.simple_block_tag(end_name="stop")\ndef box(content):\n    return content\n').tags;
    assert.deepEqual(tags.map((t) => [t.name, t.end]), [['card', 'endcard'], ['box', 'stop']]);
  });

  it('finds simple, inclusion and compile-function tags, with takes_context and the end tags a compile function parses to', () => {
    const tags = library.tags.map((t) => [t.name, t.kind, t.function, t.takesContext, t.end, t.middle]);
    assert.deepEqual(tags, [
      ['total', 'simple_tag', 'total', true, undefined, undefined],
      ['card', 'inclusion_tag', 'show_card', false, undefined, undefined],
      ['box', 'tag', 'do_box', false, 'endbox', ['otherwise']],
      ['do_box', 'tag', 'do_box', false, 'endbox', ['otherwise']],
      ['yell', 'simple_tag', 'shout', false, undefined, undefined],
    ]);
    assert.deepEqual(library.tags[0].parameters, ['context', 'a', 'b', '*rest', '**options']);
  });
});

describe('templates: checker', () => {
  const vocabulary = knowledgeVocabulary();
  const check = (text: string) => checkTemplate(text, { vocabulary, templateExists: (name) => name === 'base.html' });

  it('offers {% load %} after {% extends %} for a tag or filter of a library that is not loaded', () => {
    const text = '{% extends "base.html" %}\n{% block a %}{{ n|intcomma }}{% endblock %}';
    const [problem] = check(text);
    assert.equal(problem.code, 'not-loaded');
    assert.equal(text.slice(problem.start, problem.end), 'intcomma');
    assert.deepEqual(problem.loadFix, { library: 'humanize', offset: 25, text: '\n{% load humanize %}' });
  });

  it('suggests the closest name for unknown tags, filters and libraries', () => {
    assert.deepEqual(check('{% load humanise %}').map((p) => [p.code, p.replacement]), [['unknown-library', 'humanize']]);
    assert.deepEqual(check('{{ x|lowr }}').map((p) => [p.code, p.replacement]), [['unknown-filter', 'lower']]);
    assert.deepEqual(codes(check('{% fore x in y %}')), ['unknown-tag']);
  });

  it('pairs block tags, middle tags included, and reports what does not pair', () => {
    assert.deepEqual(check('{% for a in b %}{% empty %}{% endfor %}{% if x %}{% elif y %}{% else %}{% endif %}'), []);
    assert.deepEqual(codes(check('{% if x %}{% for a in b %}{% endif %}')), ['mismatched-tag']);
    assert.deepEqual(codes(check('{% block a %}{% endblock b %}')), ['mismatched-endblock']);
    assert.deepEqual(codes(check('{% with a=1 %}')), ['unclosed-tag']);
    assert.deepEqual(codes(check('{% endwith %}')), ['unexpected-end']);
  });

  it('checks extends placement, duplicate blocks and missing templates', () => {
    assert.deepEqual(codes(check('text {# note #}{% extends "base.html" %}')), []);
    assert.deepEqual(codes(check('{% load static %}{% extends "base.html" %}')), ['extends-not-first']);
    assert.deepEqual(codes(check('{% block a %}{% endblock %}{% block a %}{% endblock %}')), ['duplicate-block']);
    assert.deepEqual(codes(check('{% include "missing.html" %}{% include some_variable %}')), ['template-not-found']);
  });

  it('writes in the language of the bundle it is given, the template code it names untouched, and in English without one', () => {
    l10n.config({ contents: { "The filter '{0}' needs {1}.": 'Le filtre « {0} » demande {1}.' } });
    try {
      assert.equal(check('{{ n|intcomma }}')[0].message, 'Le filtre « intcomma » demande {% load humanize %}.');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(check('{{ n|intcomma }}')[0].message, "The filter 'intcomma' needs {% load humanize %}.");
  });

  it('ignores what Django does not parse: comments and verbatim', () => {
    assert.deepEqual(check('{% comment %}{% nonsense %}{{ x|nope }}{% endcomment %}{# {% if %} #}{% verbatim %}{% if %}{% endverbatim %}'), []);
  });

  it('says nothing about names it cannot know: a library it cannot read, a custom tag whose inner tags it cannot read', () => {
    const open = buildVocabulary({ knowledge: knowledge.libraries, modules: [], complete: false, builtinsComplete: true });
    assert.deepEqual(checkTemplate('{% load third_party %}{% their_tag %}{{ x|their_filter }}', { vocabulary: open }), []);
    assert.deepEqual(checkTemplate('{% load third_party %}{% box %}{% middle %}{{ x }}{% endbox %}', { vocabulary: open }), []);
    const custom: LibraryModule = { name: 'mine', module: 'app.templatetags.mine', file: '/x/mine.py', source: readLibrarySource('@register.tag\ndef wrap(parser, token):\n    return make(parser)\n') };
    assert.deepEqual(checkTemplate('{% load mine %}{% wrap %}{% inner %}{% endwrap %}', { vocabulary: knowledgeVocabulary([custom]) }), []);
  });
});

describe('templates: completion and symbols', () => {
  const vocabulary = knowledgeVocabulary();
  // `^` marks the cursor.
  const at = (marked: string) => ({ text: marked.replace('^', ''), offset: marked.indexOf('^') });

  it('tells what is being typed: a tag, a filter, a library, a block, a template or a static path', () => {
    const cases: [string, string | undefined, string?][] = [
      ['{% fo^ %}', 'tag', 'fo'],
      ['{{ x|da^ }}', 'filter', 'da'],
      ['{% if x|len^ %}', 'filter', 'len'],
      ['{% load static hu^ %}', 'library', 'hu'],
      ['{% block ^ %}', 'block', ''],
      ['{% extends "ba^" %}', 'template', 'ba'],
      ["{% static 'css/^' %}", 'static', 'css/'],
      ['<p>fo^</p>', undefined],
      ['{% if x %}^', undefined],
    ];
    for (const [marked, kind, prefix] of cases) {
      const { text, offset } = at(marked);
      const context = cursorContext(text, offset);
      assert.equal(context?.kind, kind, marked);
      if (prefix !== undefined) assert.equal(context?.prefix, prefix, marked);
    }
  });

  it('completes a block tag through the auto-closed %} with its end tag, and a filter with its required argument', () => {
    const tags = completionsAt('{% fo %}', 5, { vocabulary });
    const forTag = tags.find((e) => e.label === 'for')!;
    assert.deepEqual([forTag.insert, forTag.start, forTag.end], ['for $1 %}$0{% endfor %}', 3, 8]);
    const filters = completionsAt('{{ x| }}', 5, { vocabulary });
    assert.equal(filters.find((e) => e.label === 'default')?.insert, 'default:${1:fallback}');
    assert.equal(filters.find((e) => e.label === 'intcomma')?.load, 'humanize');
    assert.equal(completionsAt('{% load humanize %}{{ x| }}', 24, { vocabulary }).find((e) => e.label === 'intcomma')?.load, undefined);
  });

  it('names a new block after the first parent block not used yet, else the next free content name', () => {
    assert.equal(freeBlockName('{% block title %}{% endblock %}', ['title', 'content']), 'content');
    assert.equal(freeBlockName('{% block content %}{% endblock %}', []), 'content2');
    const block = completionsAt('{% block content %}{%  %}{% endblock %}', 22, { vocabulary, parentBlocks: ['content', 'sidebar'] }).find((e) => e.label === 'block');
    assert.equal(block?.insert, 'block ${1:sidebar} %}$0{% endblock %}');
  });

  it('finds the tag, filter, library, block or static path under the cursor', () => {
    const text = '{% load humanize %}{% block main %}{{ n|intcomma }}{% static "a/b.css" %}{% endblock %}';
    const find = (needle: string) => symbolAt(text, text.indexOf(needle) + 1);
    assert.deepEqual(find('humanize'), { kind: 'library', name: 'humanize', start: 8, end: 16 });
    assert.equal(find('block')?.kind, 'tag');
    assert.deepEqual([find('main')?.kind, find('main')?.name], ['block', 'main']);
    assert.deepEqual([find('intcomma')?.kind, find('intcomma')?.name], ['filter', 'intcomma']);
    assert.deepEqual([find('a/b.css')?.kind, find('a/b.css')?.name], ['static', 'a/b.css']);
  });

  it('adds a {% load %} after {% extends %}, or at the top without one', () => {
    assert.deepEqual(loadInsertion('{% extends "b.html" %}\nx', 'i18n'), { library: 'i18n', offset: 22, text: '\n{% load i18n %}' });
    assert.deepEqual(loadInsertion('<p>', 'i18n'), { library: 'i18n', offset: 0, text: '{% load i18n %}\n' });
  });
});

describe('templates: compared with Django', function () {
  this.timeout(120_000);
  for (const { version, python } of availableDjangoPythons()) {
    describe(`Django ${version}`, () => {
      let djangoFolder: string;
      before(() => {
        djangoFolder = path.dirname(execFileSync(python, ['-I', '-c', 'import django, rest_framework; print(django.__file__); print(rest_framework.__file__)'], { encoding: 'utf8' }).split('\n')[0]);
      });

      it("templates library --python lists exactly the names of the engine's builtins and libraries", async () => {
        const result = await cli(['templates', 'library', '--python', python]);
        assert.equal(result.code, 0, result.stderr);
        const ours = JSON.parse(result.stdout) as { builtins: unknown; libraries: Record<string, unknown> };
        const django = askDjango(python, 'libraries') as { builtins: unknown; libraries: Record<string, unknown> };
        assert.deepEqual(ours.builtins, django.builtins);
        assert.deepEqual(Object.keys(ours.libraries).sort(), Object.keys(django.libraries).sort());
        for (const name of Object.keys(django.libraries)) assert.deepEqual(ours.libraries[name], django.libraries[name], `library ${name}`);
      });

      it('templates library without --python lists every builtin and library of Django and of the project', async () => {
        const result = await cli(['templates', 'library']);
        const ours = JSON.parse(result.stdout) as { builtins: { tags: string[]; filters: string[] }; libraries: Record<string, { tags: string[]; filters: string[] }> };
        const django = askDjango(python, 'libraries') as typeof ours;
        for (const tag of django.builtins.tags) assert.ok(ours.builtins.tags.includes(tag), tag);
        for (const filter of django.builtins.filters.filter((f) => f !== 'initials')) assert.ok(ours.builtins.filters.includes(filter), filter);
        for (const [name, library] of Object.entries(django.libraries)) {
          if (name === 'rest_framework') continue;
          for (const tag of library.tags) assert.ok(ours.libraries[name]?.tags.includes(tag), `${name}.${tag}`);
          for (const filter of library.filters) assert.ok(ours.libraries[name]?.filters.includes(filter), `${name}|${filter}`);
        }
      });

      it("reports no error on the admin's and DRF's templates, which Django compiles", async () => {
        const folders = [path.join(djangoFolder, 'contrib', 'admin', 'templates'), path.join(path.dirname(djangoFolder), 'rest_framework', 'templates')].filter(existsSync);
        const result = await cli(['templates', 'check', ...folders, '--python', python]);
        const errors = (JSON.parse(result.stdout) as { severity: string }[]).filter((p) => p.severity === 'error');
        assert.deepEqual(errors, []);
        assert.equal(result.code, 0);
      });

      it('knows which filters take an argument, as the installed Django does', () => {
        const django = askDjango(python, 'filters') as Record<string, Record<string, string>>;
        const vocabulary = buildVocabulary({ knowledge: knowledge.libraries, djangoVersion: version, modules: [], complete: true, builtinsComplete: true });
        // json_script's element_id became optional in Django 4.1; the knowledge describes today's Django.
        const changed = version < '4.1' ? ['json_script'] : [];
        for (const [library, filters] of Object.entries(django)) {
          const ours = library === 'builtins' ? vocabulary.builtins : vocabulary.libraries.get(library);
          if (Object.keys(filters).length === 0) continue;
          assert.ok(ours, library);
          for (const [name, argument] of Object.entries(filters)) {
            if (!changed.includes(name)) assert.equal(ours.filters.get(name)?.argument, argument, `${library}|${name}`);
          }
        }
      });

      it('reports an error at the line where Django refuses a template', async () => {
        const broken: Record<string, string> = {
          'missing-load.html': '{% extends "base.html" %}\n{% block content %}\n{{ n|intcomma }}\n{% endblock %}\n',
          'misspelled-filter.html': '<p>\n{{ name|lowr }}\n</p>\n',
          'unclosed.html': '<ul>\n{% for x in items %}\n<li>{{ x }}</li>\n</ul>\n',
          'mismatched.html': '{% if a %}\n{% for x in y %}\n{% endif %}\n',
          'endblock-name.html': '{% block a %}\n{% endblock b %}\n',
          'extends-late.html': '{% load static %}\n{% extends "base.html" %}\n',
          'duplicate-block.html': '{% block a %}{% endblock %}\n{% block a %}{% endblock %}\n',
          'unknown-library.html': '\n{% load humanise %}\n',
          'unknown-tag.html': '\n\n{% fore x in y %}{% endfor %}\n',
          'filter-argument.html': '{{ a }}\n{{ a|default }}\n',
        };
        const django = askDjango(python, 'compile', broken) as Record<string, { line: number } | null>;
        const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
        const folder = mkdtempSync(path.join(fixture, 'templates', 'tmp-'));
        try {
          for (const [name, text] of Object.entries(broken)) writeFileSync(path.join(folder, name), text);
          const result = await cli(['templates', 'check', folder, '--python', python]);
          assert.equal(result.code, 1);
          const problems = JSON.parse(result.stdout) as { file: string; line: number; severity: string }[];
          for (const name of Object.keys(broken)) {
            assert.ok(django[name], `Django compiles ${name}`);
            const first = problems.find((p) => p.file.endsWith(name) && p.severity === 'error');
            assert.equal(first?.line, django[name]!.line, name);
          }
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      });
    });
  }
});
