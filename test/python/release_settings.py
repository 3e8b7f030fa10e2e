"""Asks the installed Django, DRF and SimpleJWT for their settings and judges our defaults against them.

Takes as its argument {"django" | "drf" | "simplejwt": {NAME: [python source, ...]}}: for each name, the
defaults our knowledge gives for it (current and earlier). Prints one JSON object: each product's
version, and for each scope every name the release defines with the indexes of the given sources
that equal the release's value.

A source is evaluated with `timedelta` and the configured `settings` in scope, since SimpleJWT's
defaults are written that way. A list ending in `...` is abbreviated: it matches a value that
begins with the listed items.
"""
import json
import sys
from datetime import timedelta

import django
from django.conf import global_settings, settings

SECRET_KEY = "release-settings-probe"
settings.configure(SECRET_KEY=SECRET_KEY)

import rest_framework  # noqa: E402
from rest_framework import settings as drf_settings  # noqa: E402
from rest_framework_simplejwt import settings as simplejwt_settings  # noqa: E402


def simplejwt_version():
    from importlib.metadata import version

    return version("djangorestframework-simplejwt")


def matches(source, value):
    try:
        expected = eval(source, {"timedelta": timedelta, "settings": settings})  # our own data files
    except Exception:
        return False
    if isinstance(expected, list) and expected and expected[-1] is Ellipsis:
        prefix = expected[:-1]
        return isinstance(value, list) and value[: len(prefix)] == prefix
    return type(expected) is type(value) and expected == value


def judge(release, ours):
    return {name: [i for i, source in enumerate(ours.get(name, [])) if matches(source, value)] for name, value in release.items()}


ours = json.loads(sys.argv[1])
releases = {
    "django": {name: getattr(global_settings, name) for name in dir(global_settings) if name.isupper()},
    "drf": dict(drf_settings.DEFAULTS),
    "simplejwt": dict(simplejwt_settings.DEFAULTS),
}
print(
    json.dumps(
        {
            "versions": {"django": django.get_version(), "drf": rest_framework.VERSION, "simplejwt": simplejwt_version()},
            "settings": {scope: judge(release, ours.get(scope, {})) for scope, release in releases.items()},
        }
    )
)
