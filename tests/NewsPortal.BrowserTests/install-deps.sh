#!/usr/bin/env bash
# Installs what the browser tests need and that is missing: Debian's Chromium (never a downloaded
# browser), CJK fonts for the Korean articles, a Java runtime, the Nu Html Checker (npm vnu-jar) and
# Lighthouse (npm lighthouse, run on Debian's Chromium through CHROME_PATH), both pinned in
# package-lock.json and installed into this folder's git-ignored node_modules.
# Exits non-zero when something is still missing afterwards, so ./test.sh fails instead of skipping.
set -uo pipefail
cd "$(dirname "$0")"

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_packages+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)

if [ "${#apt_packages[@]}" -gt 0 ]; then
    echo "Installing with apt: ${apt_packages[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q \
        && "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${apt_packages[@]}" \
        || echo "apt-get could not install: ${apt_packages[*]}"
fi

vnu=node_modules/vnu-jar/build/dist/vnu.jar
lighthouse=node_modules/lighthouse/cli/index.js
if { [ ! -f "$vnu" ] || [ ! -f "$lighthouse" ]; } && command -v npm >/dev/null 2>&1; then
    echo "Installing the Nu Html Checker and Lighthouse (npm vnu-jar and lighthouse, from package-lock.json)"
    # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's is used instead.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund || echo "npm ci failed"
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=("chromium (/usr/bin/chromium)")
command -v java >/dev/null 2>&1 || missing+=("java")
[ -f "$vnu" ] || missing+=("vnu.jar ($PWD/$vnu)")
command -v node >/dev/null 2>&1 || missing+=("node")
[ -f "$lighthouse" ] || missing+=("lighthouse ($PWD/$lighthouse)")
if [ "${#missing[@]}" -gt 0 ]; then
    echo "MISSING for the browser tests: ${missing[*]}"
    exit 1
fi
echo "Browser test dependencies present: $(/usr/bin/chromium --version 2>/dev/null), java $(java -version 2>&1 | head -n 1), vnu-jar $(node -p "require('./node_modules/vnu-jar/package.json').version" 2>/dev/null), lighthouse $(node -p "require('./node_modules/lighthouse/package.json').version" 2>/dev/null)"
