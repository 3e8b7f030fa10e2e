import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MergeError } from '../../src/core/serializers/merge';
import { appModuleOf, includeAppUrls, includesAppUrls, writtenSummary } from '../../src/core/serializers/urlconf';
import { availableDjangoPythons } from '../python/djangoVersions';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');
const URLCONF = readFileSync(path.join(FIXTURE, 'mysite', 'urls.py'), 'utf8');

describe('serializers: wiring the app into the project URLconf', () => {
  it('reads the app module of a folder below the project', () => {
    assert.equal(appModuleOf('/p', '/p/catalog'), 'catalog');
    assert.equal(appModuleOf('/p', '/p/apps/orders'), 'apps.orders');
    assert.equal(appModuleOf('/p', '/elsewhere/orders'), undefined);
    assert.equal(appModuleOf('/p', '/p/my-app'), undefined);
  });

  it('adds the include() entry and the include import, once', () => {
    const merge = includeAppUrls(URLCONF, 'catalog');
    assert.ok(merge);
    assert.ok(merge.text.includes('from django.urls import path, include\n'));
    assert.ok(merge.text.endsWith("    path('admin/', admin.site.urls),\n    path(\"catalog/\", include(\"catalog.urls\")),\n]\n"));
    assert.equal(includeAppUrls(merge.text, 'catalog'), undefined);
    assert.ok(includesAppUrls("urlpatterns = [path('shop/', include('catalog.urls', namespace='c'))]\n", 'catalog'));
  });

  it('refuses a URLconf with a syntax error', () => {
    assert.throws(() => includeAppUrls('urlpatterns = [\n    path(\n', 'catalog'), MergeError);
  });

  it('says what was written to each file', () => {
    assert.equal(
      writtenSummary([
        { path: 'catalog/serializers.py', created: false, added: ['ProductSerializer'] },
        { path: 'catalog/views.py', created: true, added: ['CategoryViewSet', 'ProductViewSet'] },
        { path: 'catalog/urls.py', created: true, added: [] },
      ]),
      'Added ProductSerializer to catalog/serializers.py. Created catalog/views.py (CategoryViewSet, ProductViewSet). Created catalog/urls.py.',
    );
  });

  for (const { version, python } of availableDjangoPythons()) {
    it(`Django ${version}: the URL resolver reaches the app's view through the added include`, function () {
      this.timeout(60_000);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'dk urlconf '));
      try {
        cpSync(FIXTURE, dir, { recursive: true });
        writeFileSync(
          path.join(dir, 'catalog', 'urls.py'),
          'from django.http import HttpResponse\nfrom django.urls import path\n\nurlpatterns = [path("items/", lambda r: HttpResponse(), name="items")]\n',
        );
        const merge = includeAppUrls(URLCONF, 'catalog');
        assert.ok(merge);
        writeFileSync(path.join(dir, 'mysite', 'urls.py'), merge.text);
        const script = 'from django.urls import resolve, reverse; print(resolve("/catalog/items/").url_name, reverse("items"))';
        const out = execFileSync(python, ['manage.py', 'shell', '--verbosity', '0', '--command', script], { cwd: dir, encoding: 'utf8' });
        assert.equal(out.trim(), 'items /catalog/items/');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
