"""Checks generated serializers, views and urls inside a real Django + DRF.

Usage: python3 check_generated.py WORK_DIR APP SPEC_JSON

WORK_DIR holds the package APP with the generated serializers.py, views.py and urls.py. SPEC_JSON
lists, per model, the objects to create and one field to PATCH:
  [{"model": "Category", "prefix": "categories", "create": [{...}], "patch": {"name": "x"},
    "volatile": ["updated"]}]
("volatile" names fields that may change on any save, such as auto_now ones.)
Prints one line per check and exits non-zero on the first failure.
"""
import json
import py_compile
import sys
from pathlib import Path

work_dir, app, spec_json = sys.argv[1], sys.argv[2], sys.argv[3]
spec = json.loads(spec_json)
sys.path.insert(0, work_dir)

for name in ("serializers.py", "views.py", "urls.py"):
    generated = Path(work_dir, app, name)
    if generated.exists():
        py_compile.compile(str(generated), doraise=True)
        print(f"compiled {name}")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=True,
    SECRET_KEY="only-for-checking-generated-code",
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "rest_framework",
        app,
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    ROOT_URLCONF=f"{app}.urls",
    ALLOWED_HOSTS=["testserver"],
    USE_TZ=True,
    # As in the fixture project: every view needs a user, and generic views would paginate.
    REST_FRAMEWORK={
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
        "PAGE_SIZE": 20,
    },
)
django.setup()

import importlib  # noqa: E402

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework import serializers as drf  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)

module = importlib.import_module(f"{app}.serializers")
checked = 0
for name, value in sorted(vars(module).items()):
    if isinstance(value, type) and issubclass(value, drf.ModelSerializer) and value.__module__ == module.__name__:
        fields = value().fields  # raises ImproperlyConfigured when the Meta is wrong
        declared = list(value.Meta.fields)
        assert list(fields.keys()) == declared, f"{name}: {list(fields.keys())} != {declared}"
        checked += 1
print(f"fields resolved for {checked} serializers")
assert checked > 0, "no serializer found"

importlib.import_module(f"{app}.views")
importlib.import_module(f"{app}.urls")
print("imported views and urls")

User = apps.get_model("auth", "User")
client = APIClient()
client.force_authenticate(User.objects.create(username="checker"))


def model_class(name):
    for model in apps.get_models():
        if model.__name__ == name and model._meta.app_label in (app, "auth"):
            return model
    raise LookupError(name)


for entry in spec:
    model = model_class(entry["model"])
    # The default manager: a model need not have `objects`.
    created = [model._default_manager.create(**values) for values in entry["create"]]
    listed = client.get(f"/{entry['prefix']}/")
    assert listed.status_code == 200, listed.content
    body = listed.json()
    assert isinstance(body, list), f"{entry['model']}: list view returned {type(body).__name__}"
    assert len(body) == model._default_manager.count(), body
    print(f"{entry['model']}: list returned a JSON list of {len(body)}")

    target = created[-1]
    before = client.get(f"/{entry['prefix']}/{target.pk}/").json()
    patched = client.patch(f"/{entry['prefix']}/{target.pk}/", entry["patch"], format="json")
    assert patched.status_code == 200, patched.content
    target.refresh_from_db()
    for field, expected in entry["patch"].items():
        assert getattr(target, field) == expected, f"{field} is {getattr(target, field)!r}"
    after = patched.json()
    volatile = set(entry["patch"]) | set(entry.get("volatile", []))
    unchanged = {k: v for k, v in before.items() if k not in volatile and after.get(k) != v}
    assert not unchanged, f"PATCH changed other fields: {unchanged}"
    print(f"{entry['model']}: PATCH updated {', '.join(entry['patch'])} only")

print("ok")
