import assert from 'node:assert/strict';
import { UrlconfReader, type UrlconfSources } from '../../src/core/urls/read';
import type { UrlReading } from '../../src/core/urls/types';

/** A project held in memory: files by path relative to the import root. */
function project(files: Record<string, string>): UrlconfSources & { files: Record<string, string> } {
  return {
    files,
    resolveModule: (dotted) => {
      const base = dotted.split('.').join('/');
      return [`${base}.py`, `${base}/__init__.py`].find((file) => file in files) ?? null;
    },
    readFile: (file) => files[file],
  };
}

function read(files: Record<string, string>, root = 'config.urls'): UrlReading {
  return new UrlconfReader().read(root, project(files));
}

function names(reading: UrlReading): (string | null)[] {
  return reading.urls.map((url) => url.name);
}

function url(reading: UrlReading, name: string) {
  const found = reading.urls.find((entry) => entry.name === name);
  assert.ok(found, `${name} is listed`);
  return found;
}

describe('urls: reading URLconfs', () => {
  it('reads path, re_path and url with their routes, views, params, files and lines', () => {
    const reading = read({
      'config/urls.py': [
        'from django.conf.urls import url',
        'from django.urls import path, re_path',
        'from shop import views',
        'from shop.views import OrderDetail',
        'urlpatterns = [',
        "    path('orders/<int:pk>/', OrderDetail.as_view(), name='order-detail'),",
        "    re_path(r'^archive/(?P<year>[0-9]{4})/$', views.archive, name='archive'),",
        "    url(r'^old/(?P<slug>[-\\w]+)/$', views.old, {'legacy': True}, name='old'),",
        "    path('about/', views.about),",
        ']',
      ].join('\n'),
      'shop/__init__.py': '',
      'shop/views.py': 'class OrderDetail: pass\ndef archive(request, year): pass\n',
    });
    assert.equal(reading.complete, true, reading.problems.join('\n'));
    assert.deepEqual(names(reading), ['order-detail', 'archive', 'old', null]);
    const detail = url(reading, 'order-detail');
    assert.deepEqual([detail.route, detail.view, detail.file, detail.line], ['orders/<int:pk>/', 'shop.views.OrderDetail', 'config/urls.py', 6]);
    assert.deepEqual(detail.params, [{ name: 'pk', converter: 'int' }]);
    assert.deepEqual(url(reading, 'archive').params, [{ name: 'year', converter: null }]);
    assert.equal(url(reading, 'archive').view, 'shop.views.archive');
    assert.deepEqual(url(reading, 'old').defaults, ['legacy']);
  });

  it('follows include() of a module string, a module object, a list and a (patterns, app_name) tuple', () => {
    const reading = read({
      'config/urls.py': [
        'from django.urls import include, path',
        'from blog import urls as blog_urls',
        'import shop.urls',
        'extra = [path("x/", v, name="x")]',
        'urlpatterns = [',
        '    path("a/", include("accounts.urls")),',
        '    path("b/", include(blog_urls)),',
        '    path("s/", include(shop.urls)),',
        '    path("e/", include(extra)),',
        '    path("t/", include((extra, "tools"))),',
        ']',
      ].join('\n'),
      'accounts/urls.py': 'urlpatterns = [path("login/", v, name="login")]',
      'blog/urls.py': 'urlpatterns = [path("", v, name="blog-index")]',
      'shop/urls.py': 'urlpatterns = [path("cart/", v, name="cart")]',
    });
    assert.equal(reading.complete, true, reading.problems.join('\n'));
    assert.deepEqual(names(reading), ['login', 'blog-index', 'cart', 'x', 'tools:x']);
    assert.equal(url(reading, 'login').route, 'a/login/');
    assert.equal(url(reading, 'login').file, 'accounts/urls.py');
    assert.equal(url(reading, 'tools:x').route, 't/x/');
  });

  it('nests namespaces from app_name and namespace=, and carries the prefixes\' values', () => {
    const reading = read({
      'config/urls.py': 'urlpatterns = [path("<slug:shop>/", include("shop.urls", namespace="store")), path("s2/", include("shop.urls"))]',
      'shop/urls.py': 'from . import reviews\napp_name = "shop"\nurlpatterns = [path("r/<int:pk>/", include(reviews))]',
      'shop/reviews.py': 'app_name = "reviews"\nurlpatterns = [path("", v, name="detail")]',
    });
    assert.deepEqual(names(reading), ['store:reviews:detail', 'shop:reviews:detail']);
    const renamed = read({
      'config/urls.py': 'urlpatterns = [path("s/", include("shop.urls", namespace="store"))]',
      'shop/urls.py': 'app_name = "shop"\nurlpatterns = [path("", v, name="index")]',
    });
    assert.deepEqual(renamed.aliases, { 'shop:index': 'store:index' });
    const detail = url(reading, 'store:reviews:detail');
    assert.equal(detail.route, '<slug:shop>/r/<int:pk>/');
    assert.deepEqual(detail.params.map((p) => p.name), ['shop', 'pk']);
  });

  it('reads i18n_patterns, urlpatterns +=, append, helper lists and *spreads, and both branches of an if', () => {
    const reading = read({
      'config/urls.py': [
        'helpers = [path("h/", v, name="helper")]',
        'urlpatterns = [*helpers, path("", v, name="home")]',
        'urlpatterns += i18n_patterns(path("about/", v, name="about"), prefix_default_language=False)',
        'urlpatterns.append(path("appended/", v, name="appended"))',
        'urlpatterns = urlpatterns + [path("plus/", v, name="plus")]',
        'if settings.DEBUG:',
        '    urlpatterns += [path("debug/", v, name="debug")]',
        '    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)',
      ].join('\n'),
    });
    assert.equal(reading.complete, true, reading.problems.join('\n'));
    assert.deepEqual(names(reading), ['helper', 'home', 'about', 'appended', 'plus', 'debug']);
    assert.equal(url(reading, 'about').route, '{language}/about/');
  });

  it('gives each DRF router registration its list, detail and @action names, and DefaultRouter its api-root and format suffixes', () => {
    const reading = read({
      'config/urls.py': [
        'from rest_framework.routers import DefaultRouter, SimpleRouter',
        'from shop.api import ProductViewSet, TagViewSet',
        'router = DefaultRouter()',
        'router.register(r"products", ProductViewSet)',
        'plain = SimpleRouter(trailing_slash=False)',
        'plain.register("tags", TagViewSet, basename="tag")',
        'urlpatterns = [path("api/", include((router.urls, "api"))), *plain.urls]',
      ].join('\n'),
      'shop/api.py': [
        'from rest_framework import viewsets, mixins',
        'from .base import Publishable',
        'class ProductViewSet(Publishable, viewsets.ModelViewSet):',
        '    queryset = Product.objects.all()',
        '    lookup_field = "slug"',
        '    @action(detail=False, url_path="on-sale", url_name="on_sale")',
        '    def discounted(self, request): pass',
        'class TagViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):',
        '    pass',
      ].join('\n'),
      'shop/base.py': 'class Publishable:\n    @action(detail=True, methods=["post"])\n    def make_public(self, request, pk=None): pass\n',
    });
    assert.equal(reading.complete, true, reading.problems.join('\n'));
    const unique = [...new Set(names(reading))];
    assert.deepEqual(unique, ['api:api-root', 'api:product-list', 'api:product-on_sale', 'api:product-detail', 'api:product-make-public', 'tag-list']);
    const details = reading.urls.filter((entry) => entry.name === 'api:product-detail');
    assert.deepEqual(details.map((entry) => entry.route), ['api/products/(?P<slug>[^/.]+)/$', 'api/products/(?P<slug>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$']);
    assert.deepEqual(details[1].params.map((p) => p.name), ['slug', 'format']);
    assert.equal(url(reading, 'api:product-make-public').route, 'api/products/(?P<slug>[^/.]+)/make_public/$');
    assert.equal(url(reading, 'api:product-make-public').viewMethod, 'make_public');
    assert.equal(url(reading, 'tag-list').route, '^tags$');
    assert.equal(url(reading, 'tag-list').view, 'shop.api.TagViewSet');
  });

  it('follows a router imported from another module to its registrations', () => {
    const reading = read({
      'config/urls.py': 'from api.routers import router\nurlpatterns = [path("api/", include(router.urls))]',
      'api/__init__.py': '',
      'api/routers.py': 'from rest_framework.routers import SimpleRouter\nfrom .views import TagViewSet\nrouter = SimpleRouter()\nrouter.register("tags", TagViewSet, basename="tag")',
      'api/views.py': 'class TagViewSet(viewsets.ReadOnlyModelViewSet):\n    pass',
    });
    assert.equal(reading.complete, true, reading.problems.join('\n'));
    assert.deepEqual(names(reading), ['tag-list', 'tag-detail']);
    assert.equal(url(reading, 'tag-detail').route, 'api/tags/(?P<pk>[^/.]+)/$');
  });

  it('lists the admin namespace as one it cannot read, without calling the reading incomplete', () => {
    const reading = read({ 'config/urls.py': 'from django.contrib import admin\nurlpatterns = [path("admin/", admin.site.urls), path("", v, name="home")]' });
    assert.equal(reading.complete, true);
    assert.deepEqual(reading.opaqueNamespaces, ['admin']);
    assert.deepEqual(names(reading), ['home']);
  });

  it('skips what is built at run time and says the reading is incomplete', () => {
    const dynamic = read({ 'config/urls.py': 'urlpatterns = [path("a/", v, name="a"), path("b/", v, name=make_name()), *build_patterns()]' });
    assert.deepEqual(names(dynamic), ['a', null]);
    assert.equal(dynamic.complete, false);
    assert.equal(dynamic.problems.length, 2);
    assert.match(dynamic.problems[0], /^config\/urls\.py:1: /);
    const missing = read({ 'config/urls.py': 'urlpatterns = [path("x/", include("thirdparty.urls"))]' });
    assert.equal(missing.complete, false);
    assert.match(missing.problems[0], /thirdparty\.urls/);
    const namespaced = read({ 'config/urls.py': 'urlpatterns = [path("x/", include("thirdparty.urls", namespace="tp"))]' });
    assert.equal(namespaced.complete, true, 'an unreadable include under a namespace hides only that namespace');
    assert.deepEqual(namespaced.opaqueNamespaces, ['tp']);
  });

  it('stops at include cycles', () => {
    const reading = read({
      'config/urls.py': 'urlpatterns = [path("a/", include("shop.urls")), path("b/", include("shop.urls")), path("", v, name="home")]',
      'shop/urls.py': 'urlpatterns = [path("c/", include("config.urls")), path("d/", include("config.urls"))]',
    });
    assert.deepEqual(names(reading), ['home']);
    assert.equal(reading.complete, false);
    assert.match(reading.problems[0], /config\.urls includes itself/);
  });

  it('parses again only the module whose text changed', () => {
    const sources = project({
      'config/urls.py': 'urlpatterns = [path("s/", include("shop.urls"))]',
      'shop/urls.py': 'urlpatterns = [path("", v, name="old")]',
    });
    const reader = new UrlconfReader();
    const first = reader.scope('config.urls', 'config/urls.py', sources.files['config/urls.py']);
    assert.deepEqual(names(reader.read('config.urls', sources)), ['old']);
    sources.files['shop/urls.py'] = 'urlpatterns = [path("", v, name="new")]';
    assert.deepEqual(names(reader.read('config.urls', sources)), ['new']);
    assert.equal(reader.scope('config.urls', 'config/urls.py', sources.files['config/urls.py']), first, 'the unchanged module kept its parse');
  });
});
