#!/usr/bin/env bash
# Build local stand-ins for Microsoft's .NET 10 base images when no registry is reachable.
#
#   newsportal-standin/sdk:10.0     Debian bookworm (minbase) + this machine's whole .NET SDK,
#                                   its CA bundle, NuGet settings and NUGET_CERT_REVOCATION_MODE
#   newsportal-standin/aspnet:10.0  Debian bookworm (minbase) + only the dotnet host and the
#                                   Microsoft.NETCore.App and Microsoft.AspNetCore.App runtimes
#
# The Debian root comes from `debootstrap --variant=minbase` with the mirror this machine's apt is
# configured with (read from /etc/apt at run time; no host name is written here). Both the root
# tarball and the images are cached: the tarball under NP_STANDIN_CACHE, the images in the engine's
# persistent data-root. An image is rebuilt only when its key (root tarball + .NET versions) changes.
#
# Usage: source this file and call np_standin_images (needs DOCKER and DOCKER_HOST set, as root),
# or run it directly: bash tests/docker/standin-images.sh  (starts/stops the engine itself).

NP_STANDIN_CACHE="${NP_STANDIN_CACHE:-/var/cache/newsportal-docker}"
NP_STANDIN_SDK_TAG="${NP_STANDIN_SDK_TAG:-newsportal-standin/sdk:10.0}"
NP_STANDIN_RUNTIME_TAG="${NP_STANDIN_RUNTIME_TAG:-newsportal-standin/aspnet:10.0}"
NP_STANDIN_SUITE="${NP_STANDIN_SUITE:-bookworm}"
NP_STANDIN_PACKAGES="${NP_STANDIN_PACKAGES:-libssl3,libicu72,ca-certificates,tzdata,libstdc++6,zlib1g}"
# This machine's .NET installation (the folder that holds dotnet, sdk/ and shared/).
if [ -z "${NP_DOTNET_DIR:-}" ]; then
  NP_DOTNET_DIR=/usr/share/dotnet
  if command -v dotnet >/dev/null 2>&1; then NP_DOTNET_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"; fi
fi

# Print the first Debian mirror URI that serves "$NP_STANDIN_SUITE main", from deb822 *.sources
# files or one-line *.list / sources.list entries.
np_apt_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v suite="$NP_STANDIN_SUITE" '
      function flush() {
        if (uris != "" && types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && (" " comps " ") ~ / main /) {
          split(uris, u, " "); print u[1]; found = 1; exit
        }
        uris = ""; suites = ""; comps = ""; types = ""; enabled = 1
      }
      BEGIN { enabled = 1 }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]*#/ { next }
      { line = $0; key = line; sub(/:.*/, "", key); val = line; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "URIs") uris = val; else if (key == "Suites") suites = val
        else if (key == "Components") comps = val; else if (key == "Types") types = val
        else if (key == "Enabled" && val ~ /^(no|false)/) types = "" }
      END { if (!found) flush() }' "$f" | head -1
  done | head -1 | grep . && return 0
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v suite="$NP_STANDIN_SUITE" '
      $1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                    if ($(i+1) == suite) { for (j = i + 2; j <= NF; j++) if ($j == "main") { print $i; exit } } }' "$f"
  done | head -1 | grep .
}

np_standin_key() {
  # Changes when the machine's .NET installation, the CA bundle or the root recipe changes.
  {
    echo "$NP_STANDIN_SUITE $NP_STANDIN_PACKAGES v1"
    ls "$NP_DOTNET_DIR/sdk" "$NP_DOTNET_DIR/shared/Microsoft.NETCore.App" "$NP_DOTNET_DIR/shared/Microsoft.AspNetCore.App" "$NP_DOTNET_DIR/host/fxr" 2>/dev/null
    echo "$1"
  } | sha256sum | cut -c1-16
}

np_image_key() {
  "$DOCKER" image inspect --format '{{ index .Config.Labels "org.newsportal.standin.key" }}' "$1" 2>/dev/null || true
}

np_rootfs_tarball() {
  # Print the path of the cached minbase root tarball, building it when missing.
  local recipe tar tmp mirror t0
  recipe="$(echo "$NP_STANDIN_SUITE $NP_STANDIN_PACKAGES minbase v1" | sha256sum | cut -c1-12)"
  tar="$NP_STANDIN_CACHE/$NP_STANDIN_SUITE-minbase-$recipe.tar.gz"
  if [ -s "$tar" ]; then echo "$tar"; return 0; fi
  mkdir -p "$NP_STANDIN_CACHE"
  np_apt_install debootstrap >&2 || return 1
  mirror="$(np_apt_mirror)" || { echo "standin: no Debian $NP_STANDIN_SUITE mirror found in /etc/apt" >&2; return 1; }
  tmp="$(mktemp -d /tmp/np-rootfs.XXXXXX)"
  t0=$SECONDS
  echo "standin: debootstrap --variant=minbase $NP_STANDIN_SUITE (apt's own mirror) ..." >&2
  if ! debootstrap --variant=minbase --include="$NP_STANDIN_PACKAGES" "$NP_STANDIN_SUITE" "$tmp/root" "$mirror" >"$tmp/debootstrap.log" 2>&1; then
    tail -20 "$tmp/debootstrap.log" >&2
    rm -rf "$tmp"; return 1
  fi
  # Slim the root: no package lists or downloaded .debs, no host-specific files.
  rm -rf "$tmp/root/var/cache/apt/archives/"*.deb "$tmp/root/var/lib/apt/lists/"* "$tmp/root/var/log/"* \
         "$tmp/root/etc/resolv.conf" "$tmp/root/etc/hostname" "$tmp/root/usr/share/doc/"* "$tmp/root/usr/share/man/"*
  tar -C "$tmp/root" --numeric-owner -czf "$tar.partial" . && mv "$tar.partial" "$tar"
  # Older recipes' tarballs are no longer needed.
  find "$NP_STANDIN_CACHE" -maxdepth 1 -name "$NP_STANDIN_SUITE-minbase-*.tar.gz" ! -path "$tar" -delete 2>/dev/null || true
  rm -rf "$tmp"
  echo "standin: root tarball ready in $((SECONDS - t0)) s ($(du -h "$tar" | cut -f1))" >&2
  echo "$tar"
}

# np_import_standin TAG KEY ROOTFS_TAR KIND(sdk|runtime)
np_import_standin() {
  local tag="$1" key="$2" rootfs="$3" kind="$4" tmp rc=0 d v
  tmp="$(mktemp -d /tmp/np-standin.XXXXXX)"
  mkdir -p "$tmp/root"
  tar -C "$tmp/root" --numeric-owner -xzf "$rootfs" || { rm -rf "$tmp"; return 1; }
  mkdir -p "$tmp/root/usr/share/dotnet"
  local changes=(
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    --change "ENV DOTNET_ROOT=/usr/share/dotnet"
    --change "ENV DOTNET_RUNNING_IN_CONTAINER=true"
    --change "LABEL org.newsportal.standin.key=$key"
    --change "LABEL org.newsportal.standin.kind=$kind"
  )
  if [ "$kind" = sdk ]; then
    cp -a "$NP_DOTNET_DIR/." "$tmp/root/usr/share/dotnet/"
    # Trust exactly what this machine trusts, and use its NuGet settings.
    cp /etc/ssl/certs/ca-certificates.crt "$tmp/root/etc/ssl/certs/ca-certificates.crt"
    if [ -f "$HOME/.nuget/NuGet/NuGet.Config" ]; then
      mkdir -p "$tmp/root/root/.nuget/NuGet"
      cp "$HOME/.nuget/NuGet/NuGet.Config" "$tmp/root/root/.nuget/NuGet/NuGet.Config"
    fi
    changes+=(
      --change "ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"
      --change "ENV NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}"
      --change "ENV DOTNET_CLI_TELEMETRY_OPTOUT=1"
      --change "ENV DOTNET_NOLOGO=1"
      --change "ENV DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1"
      --change "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false"
      --change "ENV DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=true"
      --change "ENV DOTNET_CLI_USE_MSBUILD_SERVER=0"
      --change "ENV NUGET_XMLDOC_MODE=skip"
      --change "WORKDIR /src"
    )
  else
    cp -a "$NP_DOTNET_DIR/dotnet" "$tmp/root/usr/share/dotnet/" || { rm -rf "$tmp"; return 1; }
    cp -a "$NP_DOTNET_DIR/LICENSE.txt" "$NP_DOTNET_DIR/ThirdPartyNotices.txt" "$tmp/root/usr/share/dotnet/" 2>/dev/null || true
    cp -a "$NP_DOTNET_DIR/host" "$tmp/root/usr/share/dotnet/"
    mkdir -p "$tmp/root/usr/share/dotnet/shared"
    for d in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
      mkdir -p "$tmp/root/usr/share/dotnet/shared/$d"
      v="$(ls "$NP_DOTNET_DIR/shared/$d" | sort -V | tail -1)"
      cp -a "$NP_DOTNET_DIR/shared/$d/$v" "$tmp/root/usr/share/dotnet/shared/$d/"
    done
    changes+=(
      --change "ENV ASPNETCORE_HTTP_PORTS=8080"
      --change "ENV APP_UID=1654"
      --change "WORKDIR /"
    )
  fi
  ln -sf /usr/share/dotnet/dotnet "$tmp/root/usr/bin/dotnet"
  tar -C "$tmp/root" --numeric-owner -c . | "$DOCKER" import "${changes[@]}" --message "NewsPortal stand-in ($kind)" - "$tag" >/dev/null || rc=1
  rm -rf "$tmp"
  return $rc
}

np_standin_images() {
  local t0=$SECONDS rootfs key
  # Fast path: both images exist with the current key (no need to touch the tarball).
  local tarname
  tarname="$(ls -1 "$NP_STANDIN_CACHE"/"$NP_STANDIN_SUITE"-minbase-*.tar.gz 2>/dev/null | head -1)"
  key="$(np_standin_key "$(basename "${tarname:-none}")")"
  if [ -n "$tarname" ] && [ "$(np_image_key "$NP_STANDIN_SDK_TAG")" = "$key" ] && [ "$(np_image_key "$NP_STANDIN_RUNTIME_TAG")" = "$key" ]; then
    echo "standin: reusing cached $NP_STANDIN_SDK_TAG and $NP_STANDIN_RUNTIME_TAG (key $key)"
    return 0
  fi
  [ -d "$NP_DOTNET_DIR/sdk" ] || { echo "standin: no .NET SDK in $NP_DOTNET_DIR" >&2; return 1; }
  rootfs="$(np_rootfs_tarball)" || return 1
  key="$(np_standin_key "$(basename "$rootfs")")"
  if [ "$(np_image_key "$NP_STANDIN_SDK_TAG")" != "$key" ]; then
    echo "standin: importing $NP_STANDIN_SDK_TAG ..."
    np_import_standin "$NP_STANDIN_SDK_TAG" "$key" "$rootfs" sdk || return 1
  fi
  if [ "$(np_image_key "$NP_STANDIN_RUNTIME_TAG")" != "$key" ]; then
    echo "standin: importing $NP_STANDIN_RUNTIME_TAG ..."
    np_import_standin "$NP_STANDIN_RUNTIME_TAG" "$key" "$rootfs" runtime || return 1
  fi
  "$DOCKER" image prune -f >/dev/null 2>&1 || true
  echo "standin: images ready in $((SECONDS - t0)) s: $("$DOCKER" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep newsportal-standin | tr '\n' ' ')"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  here="$(cd "$(dirname "$0")" && pwd)"
  # shellcheck source=engine.sh
  source "$here/engine.sh"
  np_start_engine || exit 1
  trap np_stop_engine EXIT
  np_standin_images
fi
