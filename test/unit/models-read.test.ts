import assert from 'node:assert/strict';
import { readModels } from '../../src/core/models/read';
import type { DjangoModel, ModelsReading } from '../../src/core/models/types';

function read(text: string, file = 'models.py'): ModelsReading {
  return readModels([{ path: file, text }]);
}

function model(reading: ModelsReading, name: string): DjangoModel {
  const found = reading.models.find((m) => m.name === name);
  assert.ok(found, `no model ${name} in ${reading.models.map((m) => m.name).join(', ')}`);
  return found;
}

function fieldNames(m: DjangoModel): string[] {
  return m.fields.map((f) => f.name);
}

describe('reading models', () => {
  it('resolves import aliases of the models module and of field classes', () => {
    const reading = read(`
from django.db import models as m
from django.db.models import CharField as Text, ForeignKey
import django.db.models

class Shelf(m.Model):
    label = Text(max_length=20)
    room = django.db.models.IntegerField(null=True)

class Book(django.db.models.Model):
    shelf = ForeignKey(Shelf, on_delete=m.CASCADE)
`);
    const shelf = model(reading, 'Shelf');
    assert.deepEqual(fieldNames(shelf), ['id', 'label', 'room']);
    assert.equal(shelf.fields[1].fieldClass, 'CharField');
    assert.equal(shelf.fields[1].qualifiedClass, 'django.db.models.CharField');
    assert.equal(shelf.fields[1].options.maxLength, 20);
    assert.equal(shelf.fields[2].qualifiedClass, 'django.db.models.IntegerField');
    assert.equal(shelf.fields[2].options.null, true);
    assert.deepEqual(model(reading, 'Book').fields[1].relation, { kind: 'foreign-key', target: 'Shelf' });
  });

  it('inherits fields through a chain of abstract bases, in model order', () => {
    const reading = read(`
from django.db import models

class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    class Meta:
        abstract = True

class Owned(Stamped):
    owner = models.CharField(max_length=9)
    class Meta(Stamped.Meta):
        abstract = True

class Note(Owned):
    text = models.TextField()
`);
    assert.equal(model(reading, 'Stamped').abstract, true);
    assert.equal(model(reading, 'Owned').abstract, true);
    const note = model(reading, 'Note');
    assert.equal(note.abstract, false);
    assert.deepEqual(fieldNames(note), ['id', 'created', 'owner', 'text']);
    assert.equal(note.fields[1].inheritedFrom, 'Stamped');
    assert.equal(note.fields[1].options.autoNowAdd, true);
    assert.equal(note.fields[0].implicit, true);
  });

  it('reads field calls spread over lines, with comments and strings that mention class', () => {
    const reading = read(`
from django.db import models

# class Fake(models.Model): this is only a comment
HELP = "class NotAModel(models.Model):"

class Article(models.Model):
    """A class docstring: class Inner(models.Model) is not code."""
    title = models.CharField(
        "title",  # verbose name, not max_length
        max_length=120,
        help_text="class X(models.Model)",
        unique=True,
    )
    slug = models.SlugField(max_length=50,
                            primary_key=True)
`);
    assert.deepEqual(reading.models.map((m) => m.name), ['Article']);
    const article = model(reading, 'Article');
    assert.deepEqual(fieldNames(article), ['title', 'slug']);
    assert.equal(article.fields[0].options.maxLength, 120);
    assert.equal(article.fields[0].options.unique, true);
    assert.equal(article.pk, 'slug');
    assert.equal(article.fields[0].line, 9);
  });

  it('reads decorated classes and keeps Meta, methods and managers out of the fields', () => {
    const reading = read(`
from django.db import models

def register(cls):
    return cls

@register
class Tag(models.Model):
    name = models.CharField(max_length=30, choices=[("a", "A")], default="a")
    objects = models.Manager()

    class Meta:
        ordering = ["name"]
        verbose_name = models.CharField  # not a field: it is inside Meta

    def label(self):
        value = models.CharField(max_length=1)
        return value
`);
    const tag = model(reading, 'Tag');
    assert.deepEqual(fieldNames(tag), ['id', 'name']);
    assert.equal(tag.fields[1].options.choices, '[("a", "A")]');
    assert.equal(tag.fields[1].options.default, '"a"');
  });

  it('tells proxies and multi-table children apart', () => {
    const reading = read(`
from django.db import models

class Place(models.Model):
    name = models.CharField(max_length=50)

class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)

class SortedPlace(Place):
    class Meta:
        proxy = True
`);
    const restaurant = model(reading, 'Restaurant');
    assert.equal(restaurant.parent, 'Place');
    assert.deepEqual(fieldNames(restaurant), ['id', 'name', 'serves_pizza']);
    assert.equal(restaurant.pk, 'id');
    const proxy = model(reading, 'SortedPlace');
    assert.equal(proxy.proxy, true);
    assert.equal(proxy.parent, undefined);
    assert.deepEqual(fieldNames(proxy), ['id', 'name']);
  });

  it('reads relations: one-to-one, many-to-many with through, string targets and related names', () => {
    const reading = read(`
from django.conf import settings
from django.db import models

class Person(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    groups = models.ManyToManyField("club.Group", through="Membership", related_name="people", blank=True)
    mentor = models.ForeignKey(to="self", null=True, on_delete=models.SET_NULL)
`);
    const [, user, groups, mentor] = model(reading, 'Person').fields;
    assert.deepEqual(user.relation, { kind: 'one-to-one', target: 'settings.AUTH_USER_MODEL' });
    assert.deepEqual(groups.relation, { kind: 'many-to-many', target: 'club.Group', through: 'Membership' });
    assert.equal(groups.options.relatedName, 'people');
    assert.equal(groups.options.blank, true);
    assert.deepEqual(mentor.relation, { kind: 'foreign-key', target: 'self' });
  });

  it('recognises third-party fields and relations by their class names', () => {
    const reading = read(`
from django.db import models
from mptt.models import TreeForeignKey
from phonenumber_field.modelfields import PhoneNumberField

class Node(models.Model):
    parent = TreeForeignKey("self", null=True, on_delete=models.CASCADE)
    phone = PhoneNumberField(blank=True)
    tags = GenericRelation("Tag")
`);
    const [, parent, phone] = model(reading, 'Node').fields;
    assert.deepEqual(fieldNames(model(reading, 'Node')), ['id', 'parent', 'phone', 'tags']);
    assert.equal(model(reading, 'Node').fields[3].generic, true);
    assert.deepEqual(parent.relation, { kind: 'foreign-key', target: 'self' });
    assert.equal(parent.qualifiedClass, 'mptt.models.TreeForeignKey');
    assert.equal(phone.fieldClass, 'PhoneNumberField');
  });

  it("knows the fields of Django's user bases and lets a model remove one with None", () => {
    const reading = read(`
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
from django.db import models

class Member(AbstractUser):
    first_name = None
    last_name = None
    bio = models.TextField(blank=True)

class Account(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
`);
    const member = model(reading, 'Member');
    assert.ok(!fieldNames(member).includes('first_name'));
    assert.deepEqual(fieldNames(member).slice(0, 3), ['id', 'password', 'last_login']);
    assert.equal(fieldNames(member).at(-1), 'bio');
    assert.equal(member.fields.find((f) => f.name === 'username')?.inheritedFrom, 'AbstractUser');
    assert.deepEqual(fieldNames(model(reading, 'Account')), ['id', 'password', 'last_login', 'is_superuser', 'groups', 'user_permissions', 'email']);
  });

  it('follows bases across the files of a models/ package', () => {
    const reading = readModels([
      { path: 'models/__init__.py', text: 'from .base import Stamped\nfrom .shop import Order\n' },
      {
        path: 'models/base.py',
        text: 'from django.db import models\n\nclass Stamped(models.Model):\n    at = models.DateTimeField(auto_now=True)\n\n    class Meta:\n        abstract = True\n',
      },
      { path: 'models/shop.py', text: 'from django.db import models\nfrom .base import Stamped\n\nclass Order(Stamped):\n    total = models.IntegerField()\n' },
    ]);
    assert.deepEqual(fieldNames(model(reading, 'Order')), ['id', 'at', 'total']);
    assert.equal(model(reading, 'Order').file, 'models/shop.py');
  });

  it('reads what it can around syntax errors and says where the rest was lost', () => {
    const reading = read(`
from django.db import models

class Good(models.Model):
    name = models.CharField(max_length=10)

class Broken(models.Model):
    first = models.IntegerField()
    second = models.CharField(max_length=
    third = models.IntegerField()

class AlsoGood(models.Model):
    flag = models.BooleanField(default=True)
`);
    assert.deepEqual(fieldNames(model(reading, 'Good')), ['id', 'name']);
    assert.ok(fieldNames(model(reading, 'Broken')).includes('first'));
    assert.deepEqual(fieldNames(model(reading, 'AlsoGood')), ['id', 'flag']);
    assert.equal(reading.warnings.length, 1);
    assert.match(reading.warnings[0], /^models\.py:\d+: syntax error in class Broken/);
  });

  it('warns about a base from elsewhere whose fields it cannot see, and skips enumerations', () => {
    const reading = read(`
from django.db import models
from model_utils.models import TimeStampedModel

class Status(models.TextChoices):
    DRAFT = "d", "Draft"

class Post(TimeStampedModel):
    title = models.CharField(max_length=10)
`);
    assert.deepEqual(reading.models.map((m) => m.name), ['Post']);
    assert.match(reading.warnings[0], /Post derives from TimeStampedModel \(model_utils\.models\.TimeStampedModel\)/);
  });

  it('names a model built on another package\'s model that declares nothing, and invents no key for it', () => {
    const reading = read(`
from django.db import models
from wagtail.models import Page
from enum import Enum

class Kind(models.IntegerChoices):
    A = 1

class Colour(Enum):
    RED = 1

class HomePage(Page):
    pass

class BlogPage(Page):
    body = models.TextField()
`);
    assert.deepEqual(reading.models.map((m) => m.name), ['BlogPage']);
    assert.equal(reading.warnings.length, 2);
    assert.match(reading.warnings[0], /models\.py:12: HomePage derives from Page \(wagtail\.models\.Page\).*declares no fields: it was not taken for a model/);
    assert.match(reading.warnings[1], /BlogPage derives from Page .*its primary key, could not be read/);
    const blog = model(reading, 'BlogPage');
    assert.deepEqual(fieldNames(blog), ['body']);
    assert.equal(blog.pk, undefined);
    assert.deepEqual(blog.unreadBases, ['Page']);
    assert.equal(blog.manager, '_default_manager');
  });

  it('reads a field by its own name=, an explicit parent link as no field, and managers', () => {
    const reading = read(`
from django.db import models

class Place(models.Model):
    label = models.CharField(max_length=9, name="title")
    data = models.BinaryField()
    places = models.Manager.from_queryset(models.QuerySet)()

class Bar(Place):
    place_ptr = models.OneToOneField(Place, parent_link=True, primary_key=True, on_delete=models.CASCADE)
    objects = models.Manager()
`);
    const place = model(reading, 'Place');
    assert.deepEqual(fieldNames(place), ['id', 'title', 'data']);
    assert.equal(place.fields[2].options.editable, false);
    assert.equal(place.manager, '_default_manager');
    assert.deepEqual(fieldNames(model(reading, 'Bar')), ['id', 'title', 'data']);
    assert.equal(model(reading, 'Bar').pk, 'id');
    assert.equal(model(reading, 'Bar').manager, 'objects');
  });

  it('reads statements that share a line', () => {
    const reading = read('import uuid; from django.db import models\n\nclass Pin(models.Model):\n    a = models.IntegerField(); b = models.UUIDField(default=uuid.uuid4)\n');
    assert.deepEqual(fieldNames(model(reading, 'Pin')), ['id', 'a', 'b']);
    assert.deepEqual(reading.warnings, []);
  });

  it('reads nothing, without failing, from a file that has no models', () => {
    assert.deepEqual(read('import os\nx = (\n').models, []);
    assert.deepEqual(read('').models, []);
  });
});
