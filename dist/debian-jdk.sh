#!/usr/bin/env bash
# Fetches from Debian's archive what dist/build.py needs beyond Maven Central, into DIR
# (default target/debian-jdk): OpenJDK 17 of one version for amd64 (jlink, jdeps and the jmods)
# and arm64 (its jmods: jlink makes a foreign runtime only from jmods of its own version), and,
# for the container image, the amd64 libc6, libgcc-s1, libstdc++6 (libjvm.so needs them), zlib1g
# and dash (pg_ctl and initdb start the server through /bin/sh) packages; and arm64's libc6,
# libgcc-s1, libstdc++6 and zlib1g, in which dist/check.py runs the arm64 runtime under qemu. The packages are unpacked,
# not installed. Needs a Debian with apt and root (it adds the arm64 architecture to apt's lists
# once). No macOS or Windows JDK comes from here: none is reachable from this build's network.
set -euo pipefail
dir=${1:-target/debian-jdk}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  apt-get update -qq
fi
version=$(apt-cache policy openjdk-17-jdk-headless:arm64 | sed -n 's/^ *Candidate: //p')
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  apt-get update -qq
  version=$(apt-cache policy openjdk-17-jdk-headless:arm64 | sed -n 's/^ *Candidate: //p')
fi
if [ -f "$dir/version" ] && [ "$(cat "$dir/version")" = "$version" ]; then
  echo "debian-jdk: OpenJDK $version already in $dir"
  exit 0
fi
echo "debian-jdk: OpenJDK $version into $dir"
rm -rf "$dir/debs" "$dir/amd64" "$dir/arm64" "$dir/image" "$dir/arm64-sysroot" "$dir/version"
mkdir -p "$dir/debs"
# apt's download user (_apt) may not write to $dir; let it, or apt warns and downloads as root.
chmod 777 "$dir/debs"
if ! (cd "$dir/debs" && apt-get download -q \
  "openjdk-17-jdk-headless:amd64=$version" "openjdk-17-jre-headless:amd64=$version" \
  "openjdk-17-jdk-headless:arm64=$version" libc6:amd64 libgcc-s1:amd64 libstdc++6:amd64 zlib1g:amd64 dash:amd64 \
  libc6:arm64 libgcc-s1:arm64 libstdc++6:arm64 zlib1g:arm64) >"$dir/download.log" 2>&1; then
  echo "debian-jdk: apt-get download failed (see $dir/download.log); run apt-get update and retry" >&2
  exit 1
fi
for deb in "$dir"/debs/openjdk-17-*_amd64.deb; do dpkg-deb -x "$deb" "$dir/amd64"; done
dpkg-deb -x "$dir"/debs/openjdk-17-jdk-headless_*_arm64.deb "$dir/arm64"
for deb in "$dir"/debs/lib*_amd64.deb "$dir"/debs/zlib1g_*_amd64.deb "$dir"/debs/dash_*_amd64.deb; do
  dpkg-deb -x "$deb" "$dir/image"
done
for deb in "$dir"/debs/lib*_arm64.deb "$dir"/debs/zlib1g_*_arm64.deb; do
  dpkg-deb -x "$deb" "$dir/arm64-sysroot"
done
"$dir/amd64/usr/lib/jvm/java-17-openjdk-amd64/bin/jlink" --version >/dev/null
echo "$version" >"$dir/version"
