import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blockRanges } from '../../src/core/templates/folding';
import { djangoHtmlReason, globToRegExp, isDjangoFirstLine, matchesGlob } from '../../src/core/templates/language';
import { lexTemplate, splitTagContents } from '../../src/core/templates/lexer';
import { findTemplateReferences } from '../../src/core/templates/references';
import { absoluteTemplateName, TemplateIndex } from '../../src/core/templates/resolve';

describe('templates: lexer', () => {
  it('splits text, variables, block tags and comments with their offsets', () => {
    const tokens = lexTemplate('a{{ x }}b{%  if y %}{# c #}');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.contents, t.start, t.end]),
      [
        ['text', 'a', 0, 1],
        ['variable', 'x', 1, 8],
        ['text', 'b', 8, 9],
        ['block', 'if y', 9, 20],
        ['comment', 'c', 20, 27],
      ],
    );
    assert.equal(tokens[3].contentsStart, 13);
  });

  it('leaves a tag that is not closed on its own line as text, like Django', () => {
    assert.deepEqual(
      lexTemplate('{% if x\n%}').map((t) => t.kind),
      ['text'],
    );
  });

  it('treats everything up to the matching endverbatim as text', () => {
    const tokens = lexTemplate('{% verbatim v %}{{ a }}{% endverbatim %}{% endverbatim v %}{{ b }}');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.contents]),
      [
        ['block', 'verbatim v'],
        ['text', '{{ a }}'],
        ['text', '{% endverbatim %}'],
        ['block', 'endverbatim v'],
        ['variable', 'b'],
      ],
    );
  });

  it('covers the whole text, in order, for any input', () => {
    const pieces = fc.constantFrom('{%', '%}', '{{', '}}', '{#', '#}', ' ', '\n', 'x', 'verbatim', 'endverbatim', '"', "'");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const tokens = lexTemplate(text);
        assert.equal(tokens.map((t) => text.slice(t.start, t.end)).join(''), text);
        tokens.forEach((t, i) => assert.equal(t.start, i === 0 ? 0 : tokens[i - 1].end));
      }),
    );
  });

  it('splits tag contents on spaces but keeps quoted strings whole', () => {
    const [token] = lexTemplate('{% include "my file.html" with title="A B" only %}');
    assert.deepEqual(
      splitTagContents(token).map((b) => [b.text, b.start]),
      [
        ['include', 3],
        ['"my file.html"', 11],
        ['with', 26],
        ['title="A B"', 31],
        ['only', 43],
      ],
    );
  });
});

describe('templates: extends and include references', () => {
  it('finds literal names with the offsets of the text inside the quotes', () => {
    const text = '{% extends "base.html" %}\n<p>{% include \'shop/row.html\' with a=b %}</p>';
    const refs = findTemplateReferences(text);
    assert.deepEqual(
      refs.map((r) => [r.tag, r.name, text.slice(r.start, r.end)]),
      [
        ['extends', 'base.html', 'base.html'],
        ['include', 'shop/row.html', 'shop/row.html'],
      ],
    );
  });

  it('ignores names held in variables, comments and verbatim blocks', () => {
    const text = [
      '{% extends layout %}',
      '{# {% include "a.html" %} #}',
      '{% comment %}{% include "b.html" %}{% endcomment %}',
      '{% verbatim %}{% include "c.html" %}{% endverbatim %}',
      '{% include "d.html" %}',
    ].join('\n');
    assert.deepEqual(
      findTemplateReferences(text).map((r) => r.name),
      ['d.html'],
    );
  });

  it('keeps names with spaces and non-ASCII characters', () => {
    assert.deepEqual(
      findTemplateReferences('{% include "partials/café menu.html" %}').map((r) => r.name),
      ['partials/café menu.html'],
    );
  });
});

describe('templates: resolving names to files', () => {
  const index = new TemplateIndex([
    'templates/base.html',
    'templates/shop/list.html',
    'shop/templates/shop/list.html',
    'shop/templates/shop/partials/row.html',
    'blog/templates/base.html',
    'static/page.html',
  ]);

  it('prefers the project templates folder over apps, like DIRS before APP_DIRS', () => {
    assert.equal(index.resolve('base.html'), 'templates/base.html');
    assert.equal(index.resolve('shop/list.html'), 'templates/shop/list.html');
  });

  it('finds templates in apps', () => {
    assert.equal(index.resolve('shop/partials/row.html'), 'shop/templates/shop/partials/row.html');
  });

  it('resolves ./ and ../ against the including template', () => {
    assert.equal(index.resolve('./partials/row.html', 'shop/templates/shop/list.html'), 'shop/templates/shop/partials/row.html');
    assert.equal(index.resolve('../base.html', 'shop/templates/shop/partials/row.html'), undefined);
    assert.equal(index.resolve('../../base.html', 'shop/templates/shop/partials/row.html'), 'templates/base.html');
  });

  it('answers nothing for unknown names and files outside templates folders', () => {
    assert.equal(index.resolve('missing.html'), undefined);
    assert.equal(index.resolve('page.html'), undefined);
  });

  it('refuses relative names that climb out of the templates folder', () => {
    assert.equal(absoluteTemplateName('../../x.html', 'a/b.html'), undefined);
    assert.equal(absoluteTemplateName('./x.html', undefined), undefined);
    assert.equal(absoluteTemplateName('x.html', undefined), 'x.html');
  });
});

describe('templates: folding block tags', () => {
  it('pairs block tags with their end tags, nested, skipping tags without an end', () => {
    const text = ['{% block content %}', '{% url "x" %}', '{% for a in b %}', '{% empty %}', '{% endfor %}', '{% endblock %}'].join('\n');
    const ranges = blockRanges(text);
    assert.deepEqual(
      ranges.map((r) => [r.name, text.slice(r.start, r.start + 8), text.slice(r.end, r.end + 9)]),
      [
        ['block', '{% block', '{% endblo'],
        ['for', '{% for a', '{% endfor'],
      ],
    );
  });

  it('ignores a stray end tag and tags inside a comment block', () => {
    const text = '{% endif %}{% comment %}{% if x %}{% endcomment %}{% mytag %}{% endmytag %}';
    assert.deepEqual(
      blockRanges(text).map((r) => r.name),
      ['comment', 'mytag'],
    );
  });
});

describe('templates: choosing django-html', () => {
  it('reads globs as VS Code does', () => {
    assert.ok(matchesGlob('shop/templates/shop/list.html', '**/templates/**/*.html'));
    assert.ok(matchesGlob('templates/base.html', '**/templates/**/*.html'));
    assert.ok(!matchesGlob('static/page.html', '**/templates/**/*.html'));
    assert.ok(matchesGlob('deep/dir/mail.djt', '*.djt'), 'a glob without / matches the file name');
    assert.ok(matchesGlob('jinja/x.htm', 'jinja/*.{html,htm}'));
    assert.ok(!matchesGlob('jinja/sub/x.html', 'jinja/*.html'), '* stays within one folder');
    assert.ok(matchesGlob('a/b1.html', 'a/b[0-9].html'));
    assert.ok(matchesGlob('a/b.html', 'a/?.html'));
  });

  it('matches a literal path exactly and nothing else', () => {
    const segment = fc.stringMatching(/^[a-z0-9 ().+$^é-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 3 }), (segments, suffix) => {
        const literal = segments.join('/');
        assert.ok(globToRegExp(literal).test(literal));
        if (suffix !== '') assert.ok(!globToRegExp(literal).test(literal + suffix));
      }),
    );
  });

  it('recognises {% extends %} and {% load %} on the first line', () => {
    assert.ok(isDjangoFirstLine('{% extends "base.html" %}'));
    assert.ok(isDjangoFirstLine('  {%load static%}<!DOCTYPE html>'));
    assert.ok(!isDjangoFirstLine('<!DOCTYPE html>'));
    assert.ok(!isDjangoFirstLine('{% loader %}'));
  });

  it('gives the reason a file becomes django-html, or none', () => {
    assert.match(djangoHtmlReason({ relativePath: 'jinja/a.html', firstLine: '' }, ['jinja/**']) ?? '', /extraGlobs entry jinja\/\*\*/);
    assert.match(djangoHtmlReason({ relativePath: 'static/a.html', firstLine: '{% load static %}' }, []) ?? '', /first line/);
    assert.equal(djangoHtmlReason({ relativePath: 'static/page.html', firstLine: '<!DOCTYPE html>' }, ['', 'other/*.html']), undefined);
    assert.equal(djangoHtmlReason({ relativePath: undefined, firstLine: '<p>' }, ['**/*.html']), undefined);
  });
});
