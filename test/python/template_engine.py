"""Asks Django's own template engine, for the tests.

    template_engine.py PROJECT SETTINGS libraries   prints the engine's builtins and libraries as JSON
    template_engine.py PROJECT SETTINGS compile     reads {"name": "template text"} JSON on stdin and
                                                    prints {"name": null} when Django compiles it, or
                                                    {"name": {"line": N, "message": "..."}} when not
"""
import json
import os
import sys

project, settings_module, command = sys.argv[1:4]
sys.path.insert(0, project)
os.environ['DJANGO_SETTINGS_MODULE'] = settings_module

import django  # noqa: E402

django.setup()

from django.template import TemplateSyntaxError, engines  # noqa: E402

engine = engines['django'].engine


def names(library):
    return {'tags': sorted(library.tags), 'filters': sorted(library.filters)}


if command == 'libraries':
    tags = sorted({name for library in engine.template_builtins for name in library.tags})
    filters = sorted({name for library in engine.template_builtins for name in library.filters})
    print(json.dumps({
        'builtins': {'tags': tags, 'filters': filters},
        'libraries': {name: names(library) for name, library in engine.template_libraries.items()},
    }))
elif command == 'compile':
    engine.debug = True
    results = {}
    for name, text in json.load(sys.stdin).items():
        try:
            engine.from_string(text)
            results[name] = None
        except TemplateSyntaxError as error:
            results[name] = {'line': error.template_debug['line'], 'message': str(error)}
    print(json.dumps(results))
