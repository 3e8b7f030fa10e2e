"""Asks a Django project's own SimpleJWT whether it accepts tokens.

Usage: python3 accept_simplejwt.py PROJECT_DIR SETTINGS_MODULE [CASES_JSON] (else cases on stdin)

The cases are a JSON list of {"token", "type": "access"|"refresh"}; standard output a JSON
list of {"accepted": bool, "payload" or "error"}. Before Django starts, the project's .env (if
any) is loaded into the environment, as django-environ's read_env would do.
"""
import json
import os
import sys


def load_dotenv(path):
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                name, value = line.split("=", 1)
                name = name.strip()
                if name.startswith("export "):
                    name = name[len("export "):]
                os.environ.setdefault(name.strip(), value.strip().strip("\"'"))


def main():
    project, module = os.path.abspath(sys.argv[1]), sys.argv[2]
    load_dotenv(os.path.join(project, ".env"))
    sys.path.insert(0, project)
    os.environ["DJANGO_SETTINGS_MODULE"] = module

    import django

    django.setup()
    from rest_framework_simplejwt.exceptions import TokenError
    from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

    classes = {"access": AccessToken, "refresh": RefreshToken}
    results = []
    cases = json.loads(sys.argv[3]) if len(sys.argv) > 3 else json.load(sys.stdin)
    for case in cases:
        try:
            results.append({"accepted": True, "payload": classes[case["type"]](case["token"]).payload})
        except TokenError as error:
            results.append({"accepted": False, "error": str(error)})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
