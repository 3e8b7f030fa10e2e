import assert from 'node:assert/strict';
import { readModels } from '../../src/core/models/read';
import { type GenerateOptions, generate, plural, snakeCase } from '../../src/core/serializers/generate';
import { renderModule } from '../../src/core/serializers/python';

const SHOP = `
from django.db import models


class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Category(models.Model):
    name = models.CharField(max_length=50)


class Product(Stamped):
    code = models.UUIDField(primary_key=True)
    name = models.CharField(max_length=100)
    category = models.ForeignKey(Category, null=True, on_delete=models.SET_NULL)
    tags = models.ManyToManyField("Tag", blank=True)
    sku = models.CharField(max_length=20, editable=False)


class Tag(models.Model):
    label = models.CharField(max_length=20)
`;

const BASE: GenerateOptions = { many: false, partial: false, urls: false, nested: false };

function files(options: Partial<GenerateOptions>, source = SHOP): Record<string, string> {
  const generation = generate(readModels([{ path: 'models.py', text: source }]), { ...BASE, ...options });
  return Object.fromEntries(generation.files.map((f) => [f.fileName, renderModule(f)]));
}

describe('generating serializers', () => {
  it('writes one ModelSerializer per concrete model with explicit fields and read-only ones', () => {
    assert.equal(
      files({})['serializers.py'],
      `from rest_framework import serializers

from .models import Category, Product, Tag


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name"]
        read_only_fields = ["id"]


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["created", "updated", "code", "name", "category", "tags", "sku"]
        read_only_fields = ["created", "updated", "sku"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "label"]
        read_only_fields = ["id"]
`,
    );
  });

  it('never uses __all__ and keeps only the models asked for', () => {
    const text = files({ models: ['Tag'] })['serializers.py'];
    assert.doesNotMatch(text, /__all__/);
    assert.match(text, /from \.models import Tag\n/);
    assert.doesNotMatch(text, /ProductSerializer/);
  });

  it('nests related serializers, defined first, with a key field to write the relation', () => {
    const text = files({ nested: true, models: ['Product', 'Category', 'Tag'] })['serializers.py'];
    assert.ok(text.indexOf('class CategorySerializer') < text.indexOf('class ProductSerializer'));
    assert.ok(text.indexOf('class TagSerializer') < text.indexOf('class ProductSerializer'));
    assert.match(text, / {4}category = CategorySerializer\(read_only=True\)\n/);
    assert.match(
      text,
      / {4}category_id = serializers\.PrimaryKeyRelatedField\(\n {8}source="category",\n {8}queryset=Category\.objects\.all\(\),\n {8}allow_null=True,\n {8}required=False,\n {8}write_only=True,\n {4}\)\n/,
    );
    assert.match(text, / {4}tags = TagSerializer\(many=True, read_only=True\)\n/);
    assert.match(text, / {4}tags_ids = serializers\.PrimaryKeyRelatedField\(\n {8}source="tags",\n {8}queryset=Tag\.objects\.all\(\),\n {8}many=True,\n {8}required=False,\n {8}write_only=True,\n {4}\)\n/);
    assert.match(text, /^from \.models import Category, Product, Tag$/m);
    assert.match(text, /"category",\n\s+"category_id",/);
  });

  it('writes APIViews with many=True in the list and partial=True in PATCH', () => {
    const views = files({ views: 'apiview', many: true, partial: true, models: ['Tag'] })['views.py'];
    assert.equal(
      views,
      `from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Tag
from .serializers import TagSerializer


class TagList(APIView):
    def get(self, request):
        tags = Tag.objects.all()
        serializer = TagSerializer(tags, many=True)
        return Response(serializer.data)

    def post(self, request):
        serializer = TagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class TagDetail(APIView):
    def get(self, request, pk):
        tag = get_object_or_404(Tag, pk=pk)
        serializer = TagSerializer(tag)
        return Response(serializer.data)

    def put(self, request, pk):
        tag = get_object_or_404(Tag, pk=pk)
        serializer = TagSerializer(tag, data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    def patch(self, request, pk):
        tag = get_object_or_404(Tag, pk=pk)
        serializer = TagSerializer(tag, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)
`,
    );
  });

  it('leaves out the list and PATCH actions when many and partial are off', () => {
    const views = files({ views: 'viewset', models: ['Tag'] })['views.py'];
    assert.doesNotMatch(views, /many=True|partial=True|def list|def partial_update/);
    assert.match(views, /class TagViewSet\(viewsets\.ViewSet\):\n {4}def create\(self, request\):/);
    assert.match(views, /def update\(self, request, pk=None\):/);
  });

  it('writes ViewSets with list and partial_update, and router urls', () => {
    const out = files({ views: 'viewset', many: true, partial: true, urls: true, models: ['Category'] });
    assert.match(out['views.py'], /def list\(self, request\):\n {8}categories = Category\.objects\.all\(\)\n {8}serializer = CategorySerializer\(categories, many=True\)/);
    assert.match(out['views.py'], /def partial_update\(self, request, pk=None\):[^]*partial=True/);
    assert.equal(
      out['urls.py'],
      `from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("categories", views.CategoryViewSet, basename="category")

urlpatterns = [
    path("", include(router.urls)),
]
`,
    );
  });

  it('reaches a model named like an imported view helper through the models module', () => {
    const views = files({ views: 'viewset', many: true }, 'from django.db import models\n\nclass Response(models.Model):\n    answer = models.TextField()\n')['views.py'];
    assert.match(views, /^from \. import models$/m);
    assert.doesNotMatch(views, /from \.models import/);
    assert.match(views, /responses = models\.Response\.objects\.all\(\)/);
    assert.match(views, /get_object_or_404\(models\.Response, pk=pk\)/);
  });

  it('matches the path converter to the primary key', () => {
    const urls = files({ views: 'apiview', urls: true, models: ['Product', 'Tag'] })['urls.py'];
    assert.match(urls, /path\("products\/<uuid:pk>\/", views\.ProductDetail\.as_view\(\), name="product-detail"\)/);
    assert.match(urls, /path\("tags\/<int:pk>\/", views\.TagDetail\.as_view\(\), name="tag-detail"\)/);
  });

  it('generates nothing, with warnings, when no asked model is concrete', () => {
    const generation = generate(readModels([{ path: 'models.py', text: SHOP }]), { ...BASE, models: ['Stamped', 'Nope'] });
    assert.deepEqual(generation.files, []);
    assert.deepEqual(generation.warnings, ['Stamped is abstract: it has no table, so no serializer', 'no model named Nope']);
  });

  it('names things the way Django projects do', () => {
    assert.equal(snakeCase('OrderItem'), 'order_item');
    assert.equal(snakeCase('HTTPLog'), 'http_log');
    assert.deepEqual(['category', 'box', 'day', 'match', 'user'].map(plural), ['categories', 'boxes', 'days', 'matches', 'users']);
  });
});
