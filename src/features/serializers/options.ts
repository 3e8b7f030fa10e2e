import vscode = require('vscode');
import { l10n } from 'vscode';
import type { DjangoModel } from '../../core/models/types';
import { type ViewStyle } from '../../core/serializers/generate';
import { type GenerateRequest } from './request';

export interface Choices {
  readonly models: readonly string[];
  readonly many: boolean;
  readonly partial: boolean;
  readonly views?: ViewStyle;
  readonly urls: boolean;
  readonly nested: boolean;
}

/**
 * Fills in what the request does not say by asking, one short question at a time; a request with
 * `apply: true` is never asked anything and takes the same defaults the questions offer.
 */
export async function chooseOptions(models: readonly DjangoModel[], request: GenerateRequest): Promise<Choices | undefined> {
  const ask = !request.apply;
  const names = request.models ?? (ask ? await pickModels(models) : models.map((m) => m.name));
  if (!names || names.length === 0) return undefined;
  const views = request.views ?? (ask ? await pickViews() : 'none');
  if (views === undefined) return undefined;
  const style = views === 'none' ? undefined : views;
  const given = [request.many, request.partial, request.urls, request.nested].some((value) => value !== undefined);
  const toggles =
    given || !ask
      ? { many: request.many ?? true, partial: request.partial ?? true, urls: request.urls ?? false, nested: request.nested ?? false }
      : await pickToggles(style !== undefined);
  return toggles && { models: names, views: style, ...toggles, urls: toggles.urls && style !== undefined };
}

async function pickModels(models: readonly DjangoModel[]): Promise<string[] | undefined> {
  if (models.length === 1) return [models[0].name];
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: modelKind(m), picked: true })),
    { title: l10n.t('Generate Serializers: models'), canPickMany: true },
  );
  return picked?.map((item) => item.label);
}

function modelKind(model: DjangoModel): string | undefined {
  if (model.proxy) return l10n.t('proxy');
  return model.parent ? l10n.t('child of {0}', model.parent) : undefined;
}

async function pickViews(): Promise<ViewStyle | 'none' | undefined> {
  const items: (vscode.QuickPickItem & { value: ViewStyle | 'none' })[] = [
    { label: l10n.t('Serializers only'), value: 'none' },
    { label: l10n.t('Serializers and APIView views'), description: l10n.t('a list and a detail view per model'), value: 'apiview' },
    { label: l10n.t('Serializers and ViewSets'), description: l10n.t('one ViewSet per model, for a router'), value: 'viewset' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Generate Serializers: views') });
  return picked?.value;
}

async function pickToggles(withViews: boolean): Promise<Omit<Choices, 'models' | 'views'> | undefined> {
  type Key = 'many' | 'partial' | 'urls' | 'nested';
  const items: (vscode.QuickPickItem & { key: Key })[] = [
    ...(withViews
      ? [
          { key: 'many' as const, label: l10n.t('List action'), description: l10n.t('serializes the queryset with {0}', 'many=True'), picked: true },
          { key: 'partial' as const, label: l10n.t('PATCH action'), description: l10n.t('validates with {0}', 'partial=True'), picked: true },
          { key: 'urls' as const, label: l10n.t('{0} entries', 'urls.py'), picked: true },
        ]
      : []),
    { key: 'nested', label: l10n.t('Nested relations'), description: l10n.t('related objects through their serializer, written by key'), picked: false },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Generate Serializers: options'), canPickMany: true });
  if (!picked) return undefined;
  const has = (key: Key) => picked.some((item) => item.key === key);
  return { many: has('many'), partial: has('partial'), urls: has('urls'), nested: has('nested') };
}
