import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bodyText, type SnippetDefinition, tabStops } from '../host/templates/snippet-stops';

const ROOT = path.resolve(__dirname, '..', '..');

interface Manifest {
  contributes: {
    languages: { id: string; configuration?: string; firstLine?: string }[];
    grammars: { language?: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    configurationDefaults: Record<string, unknown>;
    htmlLanguageParticipants: { languageId: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, relative), 'utf8'));
}

describe('templates: manifest contributions', () => {
  it('declares django-html and django-txt with existing language configurations and grammars', () => {
    for (const id of ['django-html', 'django-txt']) {
      const language = manifest.contributes.languages.find((l) => l.id === id);
      assert.ok(language?.configuration, `${id} has a language configuration`);
      assert.ok(existsSync(path.join(ROOT, language.configuration)), `${language.configuration} exists`);
      const grammar = manifest.contributes.grammars.find((g) => g.language === id);
      assert.ok(grammar && existsSync(path.join(ROOT, grammar.path)), `${id} has a grammar file`);
    }
  });

  it('has a first-line pattern for {% extends %} and {% load %}', () => {
    const pattern = manifest.contributes.languages.find((l) => l.id === 'django-html')?.firstLine;
    assert.ok(pattern);
    assert.ok(new RegExp(pattern).test('{% extends "base.html" %}'));
    assert.ok(new RegExp(pattern).test('{% load static %}<!DOCTYPE html>'));
    assert.ok(!new RegExp(pattern).test('<!DOCTYPE html>'));
  });

  it('keeps Emmet and the HTML language server working in django-html', () => {
    assert.deepEqual(manifest.contributes.configurationDefaults['emmet.includeLanguages'], { 'django-html': 'html' });
    assert.ok(manifest.contributes.htmlLanguageParticipants.some((p) => p.languageId === 'django-html'));
  });

  it('comments with {# #} and pairs the Django delimiters', () => {
    for (const file of ['language-configuration/django-html.json', 'language-configuration/django-txt.json']) {
      const config = readJson(file) as { comments: { blockComment: string[] }; autoClosingPairs: { open: string }[] };
      assert.deepEqual(config.comments.blockComment, ['{#', '#}'], file);
      for (const open of ['{%', '{{', '{#']) assert.ok(config.autoClosingPairs.some((p) => p.open === open), `${file} closes ${open}`);
    }
  });
});

describe('templates: snippet files', () => {
  for (const contribution of manifest.contributes.snippets) {
    describe(`${contribution.path} (${contribution.language})`, () => {
      const snippets = readJson(contribution.path) as Record<string, SnippetDefinition>;

      it('gives every snippet a prefix, a description and a body, with distinct prefixes', () => {
        const prefixes = Object.values(snippets).map((s) => s.prefix);
        assert.equal(new Set(prefixes).size, prefixes.length);
        for (const [name, snippet] of Object.entries(snippets)) {
          assert.ok(snippet.prefix && snippet.description && bodyText(snippet), name);
        }
      });

      it('numbers tab stops from 1 without gaps', () => {
        for (const [name, snippet] of Object.entries(snippets)) {
          const stops = tabStops(bodyText(snippet));
          assert.deepEqual(stops, stops.map((_, i) => i + 1), `${name}: ${stops.join(',')}`);
        }
      });
    });
  }
});
