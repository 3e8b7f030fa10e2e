// Runs in VS Code with the display language qps-ploc, the extension loaded from a copy whose
// messages for that language are ⟦bracketed⟧ (suite.json; scripts/pseudo-locale.mjs). Any text a
// person reads without brackets did not go through l10n: a string left in English for good.
import assert from 'node:assert/strict';
import vscode = require('vscode');
import { activateExtension, waitFor } from '../util';
import { paletteRows, webviewText } from '../ui';
import { isAllLocalized, isOneMessage, markdownProse } from './localized';

const LOCALE = 'qps-ploc';

type Title = string | { value: string; original: string };

interface Manifest {
  contributes: { commands: { command: string; title: Title; category?: Title }[] };
}

/** What VS Code shows for a manifest string: a localized one comes as { value, original }. */
function shown(title: Title): string {
  return typeof title === 'string' ? title : title.value;
}

function english(title: Title): string {
  return typeof title === 'string' ? title : title.original;
}

/** Replaces `vscode.window[name]` with a recorder that answers as if the user dismissed it. */
function recordCalls<K extends 'showErrorMessage' | 'showQuickPick'>(name: K): { calls: unknown[][]; restore(): void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  const calls: unknown[][] = [];
  window[name] = (...args: unknown[]) => {
    calls.push(args);
    return Promise.resolve(undefined);
  };
  return { calls, restore: () => void (window[name] = original) };
}

/** Fails listing each text that has words outside the localized messages (and outside `values`). */
function assertAllLocalized(texts: readonly { where: string; text: string }[], what: string, values: readonly string[] = [], whole?: string): void {
  const offenders = texts.filter(({ text }) => !isAllLocalized(text, values)).map(({ where, text }) => `  ${where}: ${JSON.stringify(text)}`);
  const context = whole === undefined ? '' : `\nin:\n${whole}`;
  if (offenders.length > 0) assert.fail(`${what}: ${offenders.length} text(s) outside l10n:\n${offenders.join('\n')}${context}`);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 token that expires in an hour; its signature is not checked by what is shown here. */
function sampleToken(): string {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '42', iat: now, exp: now + 3600, token_type: 'access' })}.c2lnbmF0dXJl`;
}

// Names of things rather than words: they stay as they are in every language.
const NAMES = ['JWT', 'HS256'];

describe(`Pseudo-locale (${LOCALE}): user-facing text goes through l10n`, () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    extension = await activateExtension();
  });

  it('runs in the pseudo locale with the bracketed bundle loaded for Django Kit', () => {
    assert.equal(vscode.env.language, LOCALE);
    const bundle = vscode.l10n.bundle;
    assert.ok(bundle, `no l10n bundle was loaded (looked for ${String(vscode.l10n.uri)})`);
    const messages = Object.values(bundle);
    assert.ok(messages.length > 0, 'the bundle has messages');
    assert.deepEqual(messages.filter((message) => !isOneMessage(message)), [], 'every message of the pseudo bundle is bracketed');
    assert.equal(vscode.l10n.t('Show Log'), '⟦Show Log⟧');
  });

  it('shows a failed command\'s message and its "Show Log" button localized (the command wrapper)', async () => {
    const errors = recordCalls('showErrorMessage');
    try {
      // Generating serializers for a models.py that does not exist fails in a way the command does
      // not expect, so the wrapper reports "<what> failed: <error>".
      const missing = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'no-such-app', 'models.py');
      await vscode.commands.executeCommand('djangoKit.serializers.generate', missing);
      await waitFor('the error message', () => errors.calls.length > 0);
    } finally {
      errors.restore();
    }
    const [message, ...buttons] = errors.calls[0] as string[];
    assert.ok(isOneMessage(message), `the message is one localized sentence: ${message}`);
    assert.deepEqual(buttons, ['⟦Show Log⟧']);
  });

  it('titles every command in the manifest from package.nls.qps-ploc.json', () => {
    const { commands } = (extension.packageJSON as Manifest).contributes;
    const unlocalized = commands.filter((c) => !isOneMessage(shown(c.title))).map((c) => `  ${c.command}: ${JSON.stringify(c.title)}`);
    if (unlocalized.length > 0) assert.fail(`${unlocalized.length} command title(s) without a localized value:\n${unlocalized.join('\n')}`);
  });

  it('shows the localized titles in the command palette', async () => {
    const { commands } = (extension.packageJSON as Manifest).contributes;
    // A few commands, found by their English title as a person used to it would type.
    for (const id of ['djangoKit.showLog', 'djangoKit.jwt.decode', 'djangoKit.serializers.generate']) {
      const entry = commands.find((c) => c.command === id);
      assert.ok(entry, `${id} is in the manifest`);
      const rows = await paletteRows(english(entry.title));
      const ours = rows.filter((row) => row.includes('Django Kit'));
      assert.ok(ours.length > 0, `the palette lists ${id} for "${english(entry.title)}" (rows: ${JSON.stringify(rows)})`);
      const title = `${shown(entry.title)}`;
      assert.ok(
        ours.some((row) => row.endsWith(title) && isOneMessage(title)),
        `the palette shows ${id} localized: ${JSON.stringify(ours)}`,
      );
    }
  });

  it('writes every word of the JWT hover outside code through l10n', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: `TOKEN = "${sampleToken()}"\n` });
    const markdown = await waitFor('the JWT hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 20));
      const texts = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
      return texts.find((text) => text.includes('command:djangoKit.jwt.decode'));
    });
    const prose = markdownProse(markdown);
    const lines = prose.split('\n').map((text, index) => ({ where: `line ${index + 1}`, text }));
    assertAllLocalized(lines, 'the JWT hover', NAMES, markdown);
  });

  it('labels the JWT panel with localized text only', async () => {
    const token = sampleToken();
    const drawn = await vscode.commands.executeCommand<{ parts: string[] } | undefined>('djangoKit.jwt.decode', token);
    assert.deepEqual(drawn?.parts, token.split('.'), 'the panel drew the token');
    // What the panel shows as data: the token and its parts, the JSON, claim names and values, the
    // timestamps, and names in the lists: key kinds (secret, pem, jwk, jwks), algorithms, and
    // SimpleJWT's token types (access, refresh).
    const keyKinds = ['secret', 'pem', 'jwk', 'jwks'].map((kind) => `option[value="${kind}"]`);
    const data = ['textarea', 'input', '#parts', 'pre', 'td.name', '.value', '.time', ...keyKinds, '#create-alg option', '#mint-type option'];
    const texts = await webviewText('#app', data);
    assert.ok(texts.length > 10, `the panel's text was read: ${JSON.stringify(texts)}`);
    assertAllLocalized(texts, 'the JWT panel', NAMES);
  });

  it('titles and labels the Make Migrations picker with localized text', async () => {
    const picks = recordCalls('showQuickPick');
    try {
      await vscode.commands.executeCommand('djangoKit.migrations.make');
      await waitFor('the Make Migrations picker', () => picks.calls.length > 0);
    } finally {
      picks.restore();
    }
    const [items, options] = picks.calls[0] as [readonly vscode.QuickPickItem[], vscode.QuickPickOptions];
    const texts = [
      { where: 'title', text: options.title ?? '' },
      ...items.flatMap((item, index) => [
        { where: `item ${index + 1} label`, text: item.label },
        { where: `item ${index + 1} description`, text: item.description ?? '' },
      ]),
    ].filter(({ text }) => text !== '');
    // Command-line flags in a description are code, passed as arguments.
    assertAllLocalized(texts, 'the Make Migrations picker', ['--dry-run', '--check']);
    assert.ok(isOneMessage(options.title ?? ''), `the title is one message: ${options.title}`);
  });
});
