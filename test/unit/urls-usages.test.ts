import assert from 'node:assert/strict';
import { PythonSource } from '../../src/core/syntax/python';
import { UrlNames } from '../../src/core/urls/names';
import type { UrlEntry, UrlReading } from '../../src/core/urls/types';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usageFiles } from '../../src/core/urls/files';
import { mayCallUrlFunctions, pythonUrlSlot, pythonUrlUsages, templateUrlSlot, templateUrlUsages } from '../../src/core/urls/usages';

function entry(name: string, params: string[], defaults: string[] = []): UrlEntry {
  return { name, route: '', view: '', file: 'urls.py', line: 1, params: params.map((p) => ({ name: p, converter: 'int' })), defaults, source: 'static' };
}

function reading(urls: UrlEntry[], complete = true, opaqueNamespaces: string[] = []): UrlReading {
  return { urls, complete, opaqueNamespaces, aliases: { 'sales:order-detail': 'shop:order-detail' }, problems: complete ? [] : ['x'] };
}

const NAMES = new UrlNames(reading([entry('shop:order-detail', ['pk']), entry('home', []), entry('page', [], ['template'])], true, ['admin']));

describe('urls: usages in templates', () => {
  it('finds the name, its offsets and the arguments of {% url %}, with or without as', () => {
    const text = `<a href="{% url 'shop:order-detail' order.pk %}">{% url "home" as h %}{% url 'x' a=1 b="c d" %}`;
    const usages = templateUrlUsages(text);
    assert.deepEqual(usages.map((u) => [u.name, text.slice(u.start, u.end), u.positional, u.keywords?.map((k) => k.name)]), [
      ['shop:order-detail', 'shop:order-detail', 1, []],
      ['home', 'home', 0, []],
      ['x', 'x', 0, ['a', 'b']],
    ]);
    assert.equal(text.slice(usages[2].keywords![1].start, usages[2].keywords![1].end), 'b');
  });

  it('ignores names in variables, comments and verbatim, and URLs', () => {
    assert.deepEqual(templateUrlUsages('{% url view_name %}{# {% url "a" %} #}{% verbatim %}{% url "b" %}{% endverbatim %}{% comment %}{% url "c" %}{% endcomment %}'), []);
  });

  it('finds the slot of a name being typed', () => {
    const text = `{% url 'shop: %}`;
    assert.deepEqual(templateUrlSlot(text, 12), { start: 8, end: 13 });
    assert.equal(templateUrlSlot('{% url name %}', 8), undefined);
  });
});

describe('urls: usages in Python', () => {
  const code = [
    'from django.urls import reverse, reverse_lazy',
    'from django.shortcuts import redirect, resolve_url',
    'class V:',
    '    success_url = reverse_lazy("home")',
    'def f(request, pk):',
    '    HttpResponseRedirect(reverse("shop:order-detail", args=[pk]))',
    '    self.client.get(reverse("shop:order-detail", kwargs={"pk": pk}))',
    '    redirect("shop:order-detail", pk=pk, permanent=True)',
    '    resolve_url("home", 1, 2)',
    '    redirect("/login/")',
    '    reverse(name)',
    '    reverse("home", args=values)',
    '    self.client.get("home")',
  ].join('\n');

  it('finds reverse, reverse_lazy, redirect and resolve_url with their arguments', () => {
    const source = new PythonSource(code);
    const usages = pythonUrlUsages(source);
    assert.deepEqual(usages.map((u) => [u.name, code.slice(u.start, u.end), u.positional, u.keywords?.map((k) => k.name)]), [
      ['home', 'home', 0, []],
      ['shop:order-detail', 'shop:order-detail', 1, []],
      ['shop:order-detail', 'shop:order-detail', 0, ['pk']],
      ['shop:order-detail', 'shop:order-detail', 0, ['pk']],
      ['home', 'home', 2, []],
      ['home', 'home', undefined, []],
    ]);
  });

  it('finds the slot of a name being typed in the first argument only', () => {
    const source = new PythonSource('reverse("sh")\nreverse("a", "b")\n');
    assert.deepEqual(pythonUrlSlot(source, 10), { start: 9, end: 11 });
    assert.equal(pythonUrlSlot(source, 28), undefined);
  });
});

describe('urls: skipping modules that name no URL function', () => {
  it('skips only modules where the parser finds no usage, across every fixture', () => {
    const fixtures = path.join(__dirname, '..', 'fixtures');
    const modules = usageFiles(fixtures).filter((file) => file.endsWith('.py'));
    let skipped = 0;
    for (const file of modules) {
      const text = readFileSync(file, 'utf8');
      if (mayCallUrlFunctions(text)) continue;
      skipped++;
      assert.deepEqual(pythonUrlUsages(new PythonSource(text)), [], `${file} has URL usages the skip would hide`);
    }
    assert.ok(skipped > 50 && skipped < modules.length, `${skipped} of ${modules.length} modules skipped`);
  });

  it('still parses a settings module that uses reverse_lazy', () => {
    assert.equal(mayCallUrlFunctions("LOGIN_URL = reverse_lazy('login')\n"), true);
    assert.equal(mayCallUrlFunctions('DEBUG = True\nLOGIN_REDIRECT_URL = "/"\n'), false);
  });
});

describe('urls: checks', () => {
  const check = (template: string) => NAMES.check(templateUrlUsages(template));

  it('reports an unknown name with the closest known one', () => {
    const [diagnostic] = check(`{% url 'shop:order-detial' 1 %}`);
    assert.equal(diagnostic.code, 'unknown-url-name');
    assert.equal(diagnostic.message, 'Unknown URL name `shop:order-detial`. Did you mean `shop:order-detail`?');
    assert.equal(diagnostic.replacement, 'shop:order-detail');
  });

  it('reports the wrong count of positional values, an unknown keyword and a missing one', () => {
    assert.deepEqual(check(`{% url 'shop:order-detail' 1 2 %}`).map((d) => d.code), ['url-argument-count']);
    const [keyword] = check(`{% url 'shop:order-detail' pkk=1 %}`);
    assert.equal(keyword.code, 'unknown-url-keyword');
    assert.equal(keyword.replacement, 'pk');
    assert.deepEqual(check(`{% url 'shop:order-detail' %}`).map((d) => d.code), ['url-argument-count']);
    assert.deepEqual(check(`{% url 'shop:order-detail' pk=1 %}{% url 'home' %}{% url 'page' template='a' %}`), []);
    assert.deepEqual(check(`{% url 'sales:order-detail' 1 %}`), [], 'an application namespace finds its instance');
  });

  it('judges nothing under an opaque namespace, nor anything when the reading is incomplete', () => {
    assert.deepEqual(check(`{% url 'admin:index' %}`), []);
    const incomplete = new UrlNames(reading([entry('home', [])], false));
    assert.deepEqual(incomplete.check(templateUrlUsages(`{% url 'nowhere' %}`)), []);
    assert.equal(incomplete.check(templateUrlUsages(`{% url 'home' 1 %}`)).length, 1, 'a known name is still checked');
  });
});
