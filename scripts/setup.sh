#!/usr/bin/env bash
# One-command setup on Debian/Ubuntu: the system packages the tests and the offline VS Code host
# need, the npm packages, VS Code's server (code-server, pinned) cached in .vscode-test/, and the
# Django 4.2 and 5.2 interpreters cached in .cache/ (see setup-django-versions.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  chromium                                 # the browser that drives VS Code's web workbench
  libkrb5-dev ripgrep                      # code-server's install: kerberos builds from source; ripgrep is reused offline
  python3 python3-venv python3-django python3-djangorestframework python3-djangorestframework-simplejwt
  python3-jwt                              # PyJWT, for the JWT benchmark's side-by-side figures
)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
node test/runner/install-code-server.mjs
bash scripts/setup-django-versions.sh
