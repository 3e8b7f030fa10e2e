import type { FieldOptions, ModelField } from './types';

/** Bases that make a class a Django model and add no fields of their own. */
export const MODEL_ROOTS = new Set(['django.db.models.Model', 'django.db.models.base.Model']);

const PLAIN: FieldOptions = {
  null: false,
  blank: false,
  editable: true,
  primaryKey: false,
  unique: false,
  autoNow: false,
  autoNowAdd: false,
};

function field(name: string, fieldClass: string, options: Partial<FieldOptions>, target?: string): ModelField {
  return {
    name,
    fieldClass,
    qualifiedClass: `django.db.models.${fieldClass}`,
    options: { ...PLAIN, ...options },
    line: 0,
    ...(target ? { relation: { kind: 'many-to-many' as const, target } } : {}),
  };
}

// The fields of django.contrib.auth's abstract bases, as Django 3.2 to 5.x declare them, so that
// custom user models built on them can be read without opening Django's own sources.
const ABSTRACT_BASE_USER = [
  field('password', 'CharField', { maxLength: 128 }),
  field('last_login', 'DateTimeField', { blank: true, null: true }),
];

const PERMISSIONS_MIXIN = [
  field('is_superuser', 'BooleanField', { default: 'False' }),
  field('groups', 'ManyToManyField', { blank: true, relatedName: 'user_set' }, 'auth.Group'),
  field('user_permissions', 'ManyToManyField', { blank: true, relatedName: 'user_set' }, 'auth.Permission'),
];

const ABSTRACT_USER = [
  ...ABSTRACT_BASE_USER,
  ...PERMISSIONS_MIXIN,
  field('username', 'CharField', { maxLength: 150, unique: true }),
  field('first_name', 'CharField', { maxLength: 150, blank: true }),
  field('last_name', 'CharField', { maxLength: 150, blank: true }),
  field('email', 'EmailField', { blank: true }),
  field('is_staff', 'BooleanField', { default: 'False' }),
  field('is_active', 'BooleanField', { default: 'True' }),
  field('date_joined', 'DateTimeField', { default: 'timezone.now' }),
];

/** Abstract model bases from Django itself, by dotted path, with the fields they give. */
export const WELL_KNOWN_BASES: ReadonlyMap<string, { name: string; fields: readonly ModelField[] }> = new Map([
  ['django.contrib.auth.base_user.AbstractBaseUser', { name: 'AbstractBaseUser', fields: ABSTRACT_BASE_USER }],
  ['django.contrib.auth.models.AbstractBaseUser', { name: 'AbstractBaseUser', fields: ABSTRACT_BASE_USER }],
  ['django.contrib.auth.models.PermissionsMixin', { name: 'PermissionsMixin', fields: PERMISSIONS_MIXIN }],
  ['django.contrib.auth.models.AbstractUser', { name: 'AbstractUser', fields: ABSTRACT_USER }],
]);

/** The primary key Django adds to a concrete model that declares none. */
export function implicitPrimaryKey(): ModelField {
  return { ...field('id', 'AutoField', { primaryKey: true }), implicit: true };
}
