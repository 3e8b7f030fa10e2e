#!/usr/bin/env bash
# Prepares the Django 4.2 LTS and 5.2 LTS interpreters the real-process tests run on besides the
# machine's own Django 3.2: Debian's packages of Django, DRF, SimpleJWT and PyJWT from the suite that
# carries each line, unpacked (nothing installed, no root scripts) and put on a private venv's path.
#
# Layout: $DJANGO_KIT_CACHE/django-X.Y/venv/bin/python (default cache: <repo>/.cache, ignored by git).
# The venvs are made by $DJANGO_KIT_BASE_PYTHON (default /usr/bin/python3), without its site-packages.
# A version that is already prepared is skipped. A version that cannot be prepared is reported by name
# and skipped; the tests then run on the versions that are there, so this script never fails the setup.
set -uo pipefail
cd "$(dirname "$0")/.."

cache="${DJANGO_KIT_CACHE:-$PWD/.cache}"
base_python="${DJANGO_KIT_BASE_PYTHON:-/usr/bin/python3}"
packages=(python3-django python3-djangorestframework python3-djangorestframework-simplejwt
          python3-asgiref python3-sqlparse python3-jwt)

# The interpreter of a prepared version answers with its Django's major.minor and imports DRF and SimpleJWT.
prepared() {
  local version="$1" python="$2"
  [ -x "$python" ] || return 1
  [ "$("$python" -c 'import django, rest_framework, rest_framework_simplejwt, jwt; print("%d.%d" % django.VERSION[:2])' 2>/dev/null)" = "$version" ]
}

prepare() {
  local version="$1" suite="$2"
  local dir="$cache/django-$version"
  local python="$dir/venv/bin/python"
  if prepared "$version" "$python"; then
    echo "Django $version: already prepared in $dir"
    return 0
  fi
  echo "Django $version: downloading Debian $suite's packages into $dir"
  rm -rf "$dir/debs" "$dir/x" "$dir/venv"
  mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs" || return 1
  echo "deb http://deb.debian.org/debian $suite main" > "$dir/apt/sources.list"
  # A private sources list, lists and cache: the machine's own apt configuration is left alone.
  local apt=(-o Dir::Etc::sourcelist="$dir/apt/sources.list" -o Dir::Etc::sourceparts=/dev/null
             -o Dir::State::lists="$dir/apt/lists" -o Dir::Cache="$dir/apt/cache")
  apt-get "${apt[@]}" update -qq || return 1
  (cd "$dir/debs" && apt-get "${apt[@]}" download "${packages[@]}") || return 1
  local deb
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/x" || return 1; done
  "$base_python" -m venv "$dir/venv" || return 1
  local site
  site="$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" || return 1
  realpath "$dir/x/usr/lib/python3/dist-packages" > "$site/debian-django.pth" || return 1
  if ! prepared "$version" "$python"; then
    # The suite moved on to another Django line (or a package is missing): say what is there instead.
    echo "Django $version: Debian $suite now gives Django $("$python" -c 'import django; print(django.get_version())' 2>&1 | tail -n 1)" >&2
    return 1
  fi
  echo "Django $version: ready, $("$python" -c 'import django, rest_framework, rest_framework_simplejwt as j; print("Django", django.get_version(), "DRF", rest_framework.VERSION, "SimpleJWT", getattr(j, "__version__", "?"))')"
}

failed=()
for line in "4.2 trixie" "5.2 sid"; do
  read -r version suite <<< "$line"
  prepare "$version" "$suite" || failed+=("$version")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "Could not prepare Django ${failed[*]} (see above); the tests skip it and run on the versions that are there." >&2
fi
exit 0
