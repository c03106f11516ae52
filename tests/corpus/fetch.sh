#!/usr/bin/env bash
# Fetches the packages that tests/corpus/manifest.txt names (`fetch deb|npm|nuget PACKAGE VERSION`) into the corpus cache,
# $MIGPLAN_CORPUS_CACHE or ~/.cache/migplan-corpus, one folder per line: PACKAGE_VERSION/ (unpacked, with a file
# .fetched holding the version really fetched). A folder already there is not fetched again. Nothing is installed
# but the clients (npm) when missing. Exits 0 when every package is in the cache, 1 otherwise; the corpus test
# skips (or, with CI=true, fails) when its packages are missing.
set -uo pipefail
cd "$(dirname "$0")"
CACHE=${MIGPLAN_CORPUS_CACHE:-${HOME:-/tmp}/.cache/migplan-corpus}
mkdir -p "$CACHE" || exit 1
log() { printf '[corpus] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo -n"
updated=""
apt_update() {
  [ -n "$updated" ] && return 0
  updated=1
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1
}

fetch_deb() { # PACKAGE VERSION DIR
  local work=$3
  chmod 777 "$work" # apt's download user writes here
  (cd "$work" && apt-get download -qq "$1=$2" >/dev/null 2>&1) ||
    (cd "$work" && apt-get download -qq "$1" >/dev/null 2>&1) ||
    { apt_update; (cd "$work" && apt-get download -qq "$1=$2" >/dev/null 2>&1) ||
                  (cd "$work" && apt-get download -qq "$1" >/dev/null 2>&1); } || return 1
  local deb
  deb=$(ls "$work"/*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || return 1
  mkdir -p "$work/unpacked" && dpkg-deb -x "$deb" "$work/unpacked" || return 1
  dpkg-deb -f "$deb" Version >"$work/unpacked/.fetched"
}

# The registry's tarball for an exact version, without npm (installing npm from Debian pulls in Node.js and
# hundreds of packages): https://registry.npmjs.org/NAME/-/BASENAME-VERSION.tgz.
fetch_npm_tarball() { # PACKAGE VERSION DIR
  local url="https://registry.npmjs.org/$1/-/${1##*/}-$2.tgz" out="$3/${1##*/}-$2.tgz"
  if command -v curl >/dev/null; then curl -fsSL -o "$out" "$url"
  elif command -v wget >/dev/null; then wget -q -O "$out" "$url"
  elif command -v python3 >/dev/null; then python3 -c 'import sys,urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$url" "$out"
  else return 1; fi || { rm -f "$out"; return 1; }
}

fetch_npm() { # PACKAGE VERSION DIR
  local work=$3
  if ! fetch_npm_tarball "$1" "$2" "$work"; then
    if ! command -v npm >/dev/null; then
      log "npm not found; installing it from Debian packages"
      apt_update
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null 2>&1 || return 1
    fi
    (cd "$work" && npm pack --silent "$1@$2" >/dev/null 2>&1) ||
      (cd "$work" && npm pack --silent "$1" >/dev/null 2>&1) || return 1
  fi
  local tgz
  tgz=$(ls "$work"/*.tgz 2>/dev/null | head -1)
  [ -n "$tgz" ] || return 1
  mkdir -p "$work/unpacked" && tar -xzf "$tgz" -C "$work/unpacked" || return 1
  basename "$tgz" .tgz | sed "s/^.*-\([0-9][^-]*\)$/\1/" >"$work/unpacked/.fetched"
}

# A NuGet package through dotnet's own restore (a throwaway project that only downloads it), which leaves it unpacked
# under packages/ID/VERSION.
fetch_nuget() { # PACKAGE VERSION DIR
  local work=$3 id version
  id=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]'); version=$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')
  cat >"$work/download.csproj" <<EOF2
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="$1" Version="[$2]" /></ItemGroup>
</Project>
EOF2
  (cd "$work" && dotnet restore download.csproj --packages "$work/packages" >/dev/null 2>&1) || return 1
  [ -d "$work/packages/$id/$version" ] || return 1
  mv "$work/packages/$id/$version" "$work/unpacked" && printf '%s\n' "$2" >"$work/unpacked/.fetched"
}

rc=0
while read -r directive kind package version; do
  [ "$directive" = fetch ] || continue
  target="$CACHE/${package}_${version}"
  [ -f "$target/.fetched" ] && continue
  work=$(mktemp -d "$CACHE/.work.XXXXXX")
  log "fetching $kind package $package $version"
  if "fetch_$kind" "$package" "$version" "$work"; then
    rm -rf "$target" && mkdir -p "$(dirname "$target")" && mv "$work/unpacked" "$target" && log "$package: $(cat "$target/.fetched")"
  else
    log "could not fetch $kind package $package"
    rc=1
  fi
  rm -rf "$work"
done <manifest.txt
exit $rc
