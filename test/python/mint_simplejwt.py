"""Prints an access token minted by real SimpleJWT with a Django project's own settings.

Usage: python3 mint_simplejwt.py PROJECT_DIR [USER_ID]

The user is built in memory, never saved: minting needs only its primary key, so no database is touched.
"""
import os
import sys


def main() -> None:
    project = os.path.abspath(sys.argv[1])
    user_id = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    sys.path.insert(0, project)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

    import django

    django.setup()
    from django.contrib.auth.models import User
    from rest_framework_simplejwt.tokens import RefreshToken

    print(RefreshToken.for_user(User(id=user_id, username=f"user{user_id}")).access_token)


if __name__ == "__main__":
    main()
