/** How a relation field points at another model. */
export type RelationKind = 'foreign-key' | 'one-to-one' | 'many-to-many';

export interface Relation {
  readonly kind: RelationKind;
  /** As written: `Category`, `"shop.Category"`'s text `shop.Category`, `self`, `settings.AUTH_USER_MODEL`. */
  readonly target: string;
  /** The intermediate model of a many-to-many, when one is given. */
  readonly through?: string;
}

/** The field options that change what a serializer should do with a field. */
export interface FieldOptions {
  readonly null: boolean;
  readonly blank: boolean;
  readonly editable: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly autoNow: boolean;
  readonly autoNowAdd: boolean;
  /** Source text of the default, when there is one. */
  readonly default?: string;
  /** Source text of the choices, when there are some. */
  readonly choices?: string;
  readonly maxLength?: number;
  readonly relatedName?: string;
}

export interface ModelField {
  readonly name: string;
  /** Class name with import aliases resolved, for example `CharField` for `m.CharField` or `CF`. */
  readonly fieldClass: string;
  /** Dotted module path of the class when it is known, for example `django.db.models.CharField`. */
  readonly qualifiedClass: string;
  readonly relation?: Relation;
  readonly options: FieldOptions;
  /** 1-based line of the declaration (0 for fields Django adds or that come from a well-known base). */
  readonly line: number;
  /** The class that declared the field, when it was inherited. */
  readonly inheritedFrom?: string;
  /** The primary key Django adds when a model declares none. */
  readonly implicit?: boolean;
  /**
   * A GenericForeignKey or GenericRelation: no column of its own, and nothing DRF can serialize
   * without a field written for it, so serializers leave it out and say so.
   */
  readonly generic?: boolean;
  /** An explicit `OneToOneField(parent_link=True)`: like the implicit `<parent>_ptr`, not a field of its own to serialize. */
  readonly parentLink?: boolean;
}

/** A Django model class with every field it has, inherited ones included, in model order. */
export interface DjangoModel {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly abstract: boolean;
  readonly proxy: boolean;
  /** The concrete parent of a multi-table child. */
  readonly parent?: string;
  readonly fields: readonly ModelField[];
  /** Name of the primary key field (for multi-table children, the parent's); undefined when a base that could not be read may declare it. */
  readonly pk?: string;
  /** The manager generated code reaches rows through: `objects` when the model surely has it, else Django's `_default_manager`. */
  readonly manager: string;
  /** Where generated code imports the model from, relative to the app: `.models`, or `.models.draft` when the package does not re-export it. */
  readonly module: string;
  /** Bases from outside the app whose fields (and primary key) could not be read, as written in the source. */
  readonly unreadBases?: readonly string[];
}

export interface ModelsReading {
  /** Every model read, abstract ones included, in file order. */
  readonly models: readonly DjangoModel[];
  /** What could not be read, in words meant for the user. */
  readonly warnings: readonly string[];
}

/** One Python source file of a models module or package. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}
