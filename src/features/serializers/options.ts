import vscode = require('vscode');
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
    models.map((m) => ({ label: m.name, description: m.proxy ? 'proxy' : m.parent ? `child of ${m.parent}` : undefined, picked: true })),
    { title: 'Generate Serializers: models', canPickMany: true },
  );
  return picked?.map((item) => item.label);
}

async function pickViews(): Promise<ViewStyle | 'none' | undefined> {
  const items: (vscode.QuickPickItem & { value: ViewStyle | 'none' })[] = [
    { label: 'Serializers only', value: 'none' },
    { label: 'Serializers and APIView views', description: 'a list and a detail view per model', value: 'apiview' },
    { label: 'Serializers and ViewSets', description: 'one ViewSet per model, for a router', value: 'viewset' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Serializers: views' });
  return picked?.value;
}

async function pickToggles(withViews: boolean): Promise<Omit<Choices, 'models' | 'views'> | undefined> {
  type Key = 'many' | 'partial' | 'urls' | 'nested';
  const items: (vscode.QuickPickItem & { key: Key })[] = [
    ...(withViews
      ? [
          { key: 'many' as const, label: 'List action', description: 'serializes the queryset with many=True', picked: true },
          { key: 'partial' as const, label: 'PATCH action', description: 'validates with partial=True', picked: true },
          { key: 'urls' as const, label: 'urls.py entries', picked: true },
        ]
      : []),
    { key: 'nested', label: 'Nested relations', description: "related objects through their serializer, written by key", picked: false },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Serializers: options', canPickMany: true });
  if (!picked) return undefined;
  const has = (key: Key) => picked.some((item) => item.key === key);
  return { many: has('many'), partial: has('partial'), urls: has('urls'), nested: has('nested') };
}
