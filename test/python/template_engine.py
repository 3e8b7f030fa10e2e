"""Asks Django's own template engine, for the tests.

    template_engine.py PROJECT SETTINGS libraries   prints the engine's builtins and libraries as JSON
    template_engine.py PROJECT SETTINGS filters     prints the argument of each filter of Django itself
                                                    as "none", "optional" or "required", by library
    template_engine.py PROJECT SETTINGS compile     reads {"name": "template text"} JSON on stdin and
                                                    prints {"name": null} when Django compiles it, or
                                                    {"name": {"line": N, "message": "..."}} when not
"""
import inspect
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
elif command == 'filters':
    def argument(function):
        # As Django's own check counts them: the value, then at most one argument.
        parameters = [p for p in inspect.signature(inspect.unwrap(function)).parameters.values()
                      if p.name != 'autoescape' or not getattr(function, 'needs_autoescape', False)]
        if len(parameters) < 2:
            return 'none'
        return 'optional' if parameters[1].default is not inspect.Parameter.empty else 'required'

    def django_filters(library):
        return {name: argument(f) for name, f in library.filters.items() if inspect.unwrap(f).__module__.startswith('django.')}

    libraries = {'builtins': {}}
    for library in engine.template_builtins:
        libraries['builtins'].update(django_filters(library))
    for name, library in engine.template_libraries.items():
        libraries[name] = django_filters(library)
    print(json.dumps(libraries))
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
