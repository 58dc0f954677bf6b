#!/usr/bin/env python3
"""Checks every artifact of `./mvnw -Pdist package`, and runs what this machine can run.

From the project root, after the dist build: python3 dist/check.py. Fails (exit 1) on the first
difference, saying which artifact and what. What it runs:
- the plain jar: every sqlite-jdbc native library, Linux x86-64 PostgreSQL binaries only;
- each archive: its layout, its jar's SQLite native and PostgreSQL binaries (its own platform's
  only), runtime/bin/java of the right architecture where jmods were at hand;
- the Linux x86-64 archive unpacked: the launcher through a symlink on PATH, --version and a
  real migrate of examples/shop.db into the embedded server;
- the Linux arm64 archive's runtime under qemu-aarch64-static: --version and plan, with its own
  jar and with the plain jar; its jar on this x86-64 machine without a TARGET: one line;
- the launcher of the source checkout from a symlink and with JAVA_HOME (used, wrong, too old);
- the image tar: manifest, config (entrypoint, user, working directory) and layers, and, as
  root, the image's file tree run in a chroot: --version and a migrate into the embedded server.
"""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path.cwd()
BUILD = ROOT / os.environ.get("BUILD_DIR", "target")
DIST = BUILD / "dist"
DEBIAN = Path(os.environ.get("DEBIAN_JDK", BUILD / "debian-jdk"))
SHOP = ROOT / "examples/shop.db"
NATIVES = {  # platform: (sqlite-jdbc native dir, PostgreSQL resource, ELF machine or None)
    "linux-x64": ("Linux/x86_64", "postgres-linux-x86_64.txz", 62),
    "linux-arm64": ("Linux/aarch64", "postgres-linux-arm_64.txz", 183),
    "macos-arm64": ("Mac/aarch64", "postgres-darwin-arm_64.txz", None),
    "macos-x64": ("Mac/x86_64", "postgres-darwin-x86_64.txz", None),
    "windows-x64": ("Windows/x86_64", "postgres-windows-x86_64.txz", None),
}
# Platforms whose sqlite-jdbc natives the plain jar must keep (issue 17: it ran on glibc Linux
# x86-64 only).
PLAIN_NATIVES = ["Linux/x86_64", "Linux/aarch64", "Linux-Musl/x86_64", "Linux-Musl/aarch64",
                 "Mac/x86_64", "Mac/aarch64", "Windows/x86_64", "Windows/aarch64"]
OK_LINE = "OK: all 13 rows of 4 tables arrived and verified equal."


def main():
    version = pom_version()
    plain_jar()
    for platform in NATIVES:
        archive(platform, version)
    for classifier in ["sources", "javadoc"]:
        require((BUILD / f"sqlite2pg-{version}-{classifier}.jar").is_file(), f"{classifier} jar")
    with tempfile.TemporaryDirectory(prefix="sqlite2pg-dist-") as tmp:
        tmp = Path(tmp)
        linux_x64_runs(tmp, version)
        arm64_runs(tmp, version)
        checkout_launcher(tmp)
        image(tmp)
    print("dist check: all artifacts checked")


def pom_version():
    text = (ROOT / "pom.xml").read_text(encoding="utf-8")
    return re.search(r"<artifactId>sqlite2pg</artifactId>\s*<version>([^<]+)</version>",
                     text).group(1)


def require(condition, what):
    if not condition:
        sys.exit(f"dist check FAILED: {what}")


def jar_contents(names):
    natives = {n.split("/")[3] + "/" + n.split("/")[4] for n in names
               if n.startswith("org/sqlite/native/") and not n.endswith("/")}
    postgres = {n for n in names if n.startswith("postgres-") and n.endswith(".txz")}
    return natives, postgres


def plain_jar():
    with zipfile.ZipFile(BUILD / "sqlite2pg.jar") as z:
        natives, postgres = jar_contents(z.namelist())
    missing = [p for p in PLAIN_NATIVES if p not in natives]
    require(not missing, f"plain jar lacks sqlite-jdbc natives {missing}")
    require(postgres == {"postgres-linux-x86_64.txz"}, f"plain jar PostgreSQL binaries {postgres}")
    print(f"plain jar: {len(natives)} sqlite-jdbc natives, {sorted(postgres)}")


def archive(platform, version):
    native, resource, machine = NATIVES[platform]
    base = f"sqlite2pg-{version}-{platform}"
    windows = platform.startswith("windows")
    path = DIST / (base + (".zip" if windows else ".tar.gz"))
    require(path.is_file(), f"{path} missing")
    files = read_archive(path, windows)
    for name in ["bin/sqlite2pg", "lib/sqlite2pg.jar", "LICENSE", "README.md"]:
        require(f"{base}/{name}" in files, f"{path.name} lacks {name}")
    if windows:
        require(f"{base}/bin/sqlite2pg.cmd" in files, f"{path.name} lacks bin/sqlite2pg.cmd")
    else:
        require(files[f"{base}/bin/sqlite2pg"][0] & 0o111, f"{path.name}: launcher not executable")
    optional_docs(files, base, path.name)
    with zipfile.ZipFile(io.BytesIO(files[f"{base}/lib/sqlite2pg.jar"][1])) as jar:
        natives, postgres = jar_contents(jar.namelist())
    require(natives == {native}, f"{path.name}: sqlite-jdbc natives {natives}, expected {native}")
    require(postgres == {resource}, f"{path.name}: PostgreSQL binaries {postgres}")
    java = f"{base}/runtime/bin/java" + (".exe" if windows else "")
    env_jmods = os.environ.get("JMODS_" + platform.upper().replace("-", "_"))
    if machine:
        require(java in files, f"{path.name} lacks the jlink runtime")
        found = int.from_bytes(files[java][1][18:20], "little")
        require(found == machine, f"{path.name}: runtime/bin/java is ELF machine {found}")
    elif env_jmods:
        require(java in files, f"{path.name} lacks the runtime made from {env_jmods}")
    runtime = "runtime/bin/java" if java in files else "no runtime (uses JAVA_HOME or PATH)"
    print(f"{path.name}: {native}, {resource}, {runtime}")


def optional_docs(files, base, name):
    """The cli part's generated completion and man pages, shipped when the build made them."""
    if (BUILD / "completion/sqlite2pg_completion").is_file():
        require(f"{base}/completion/sqlite2pg_completion" in files, f"{name} lacks completion")
    for page in (BUILD / "man").glob("*.1"):
        require(f"{base}/man/man1/{page.name}" in files, f"{name} lacks man page {page.name}")


def read_archive(path, windows):
    """name -> (mode, bytes) for the files that are checked by content, mode only for others."""
    wanted = re.compile(r".*/(lib/sqlite2pg\.jar|runtime/bin/java(\.exe)?)$")
    files = {}
    if windows:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                data = z.read(info) if wanted.match(info.filename) else b""
                files[info.filename] = (info.external_attr >> 16, data)
        return files
    with tarfile.open(path) as tar:
        for member in tar.getmembers():
            data = b""
            if member.isfile() and wanted.match(member.name):
                data = tar.extractfile(member).read()
            files[member.name] = (member.mode, data)
    return files


def run(cmd, what, env=None, cwd=None, expect=0, timeout=600):
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True,
                            timeout=timeout)
    out = result.stdout + result.stderr
    require(result.returncode == expect,
            f"{what}: exit {result.returncode}, expected {expect}:\n{out[-3000:]}")
    return out


def bare_env(tmp, **extra):
    """A PATH with every command of /usr/bin and /bin except java, and no JAVA_HOME: only what
    an archive brings, or what JAVA_HOME names, can run Java."""
    tools = tmp / "tools"
    if not tools.exists():
        tools.mkdir()
        for d in ["/bin", "/usr/bin"]:
            for f in Path(d).iterdir():
                if not f.name.startswith("java") and not (tools / f.name).exists():
                    (tools / f.name).symlink_to(f)
    env = {"PATH": str(tools), "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    env.update(extra)
    if "PATH" in extra:
        env["PATH"] = extra["PATH"] + ":" + str(tools)
    return env


def unpack(platform, version, tmp):
    dest = tmp / platform
    dest.mkdir()
    with tarfile.open(DIST / f"sqlite2pg-{version}-{platform}.tar.gz") as tar:
        tar.extractall(dest)
    return dest / f"sqlite2pg-{version}-{platform}"


def linux_x64_runs(tmp, version):
    home = unpack("linux-x64", version, tmp)
    on_path = tmp / "path"
    on_path.mkdir()
    (on_path / "sqlite2pg").symlink_to(home / "bin/sqlite2pg")
    # A JAVA_HOME that does not exist: the archive's own runtime must win over it.
    env = bare_env(tmp, PATH=str(on_path), JAVA_HOME="/nonexistent")
    out = run(["sqlite2pg", "--version"], "linux-x64 archive --version", env=env)
    require(out.startswith("sqlite2pg "), f"linux-x64 --version printed {out!r}")
    work = tmp / "migrate"
    work.mkdir()
    shutil.copy(SHOP, work / "shop.db")
    out = run(["sqlite2pg", "migrate", "shop.db"], "linux-x64 archive migrate", env=env, cwd=work)
    require(OK_LINE in out, f"linux-x64 archive migrate did not verify:\n{out[-2000:]}")
    print(f"linux-x64 archive from a symlink on PATH, no Java installed: {OK_LINE}")


def arm64_runs(tmp, version):
    home = unpack("linux-arm64", version, tmp)
    # Its jar on this x86-64 machine carries arm64 PostgreSQL only: one line, no data directory.
    work = tmp / "arm64-here"
    work.mkdir()
    out = run(["java", "-jar", str(home / "lib/sqlite2pg.jar"), "migrate", str(SHOP)],
              "arm64 jar on x86-64", cwd=work, expect=5)
    require(len(out.strip().splitlines()) == 1 and "pass a TARGET" in out,
            f"arm64 jar without a TARGET here: {out!r}")
    require(not (work / "sqlite2pg-data").exists(), "a data directory was made before refusing")
    print(f"linux-arm64 jar on x86-64, no TARGET: {out.strip()}")
    qemu = shutil.which("qemu-aarch64-static")
    sysroot = DEBIAN / "arm64-sysroot"
    require(qemu and sysroot.is_dir(),
            "qemu-aarch64-static or the arm64 sysroot missing: apt-get install"
            " qemu-user-static, and run dist/debian-jdk.sh")
    java = [qemu, "-L", str(sysroot), str(home / "runtime/bin/java"), "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1"]
    for label, jar in [("its own jar", home / "lib/sqlite2pg.jar"),
                       ("the plain jar", BUILD / "sqlite2pg.jar")]:
        out = run(java + ["-jar", str(jar), "--version"], f"arm64 {jar.name} --version")
        require(out.startswith("sqlite2pg "), f"arm64 --version printed {out!r}")
        out = run(java + ["-jar", str(jar), "plan", str(SHOP)], f"arm64 {jar.name} plan")
        require('CREATE TABLE "public"."orders"' in out, f"arm64 plan printed {out[-1000:]!r}")
        print(f"linux-arm64 runtime under qemu, {label}: --version and plan OK")


def checkout_launcher(tmp):
    link_dir = tmp / "links"
    link_dir.mkdir()
    (link_dir / "rel").symlink_to(os.path.relpath(ROOT / "bin/sqlite2pg", link_dir))
    (link_dir / "abs").symlink_to(link_dir / "rel")
    # A JAVA_HOME whose java leaves a mark, then runs the real one: proof that it was used.
    real_home = Path(os.path.realpath(shutil.which("java"))).parent.parent
    fake = tmp / "jdk"
    (fake / "bin").mkdir(parents=True)
    mark = tmp / "used"
    write_exec(fake / "bin/java", f'#!/bin/sh\ntouch "{mark}"\nexec "{real_home}/bin/java" "$@"\n')
    (fake / "release").write_text('JAVA_VERSION="17.0.1"\n', encoding="utf-8")
    env = bare_env(tmp, JAVA_HOME=str(fake))
    out = run([str(link_dir / "abs"), "--version"], "checkout launcher via two symlinks", env=env)
    require(out.startswith("sqlite2pg ") and mark.exists(), f"JAVA_HOME not used: {out!r}")
    (fake / "release").write_text('JAVA_VERSION="11.0.2"\n', encoding="utf-8")
    out = run([str(link_dir / "abs"), "--version"], "launcher with Java 11", env=env, expect=2)
    require("needs Java 17 or newer" in out and len(out.strip().splitlines()) == 1,
            f"Java 11 refused as {out!r}")
    out = run([str(link_dir / "abs"), "--version"], "launcher, JAVA_HOME wrong",
              env=bare_env(tmp, JAVA_HOME=str(tmp / "none")), expect=2)
    require("JAVA_HOME" in out and len(out.strip().splitlines()) == 1, f"bad JAVA_HOME: {out!r}")
    print("checkout launcher: two symlinks deep, JAVA_HOME used, Java 11 and a wrong JAVA_HOME"
          " refused in one line")


def write_exec(path, text):
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


def image(tmp):
    path = BUILD / "sqlite2pg-image.tar"
    require(path.is_file(), f"{path} missing")
    root = tmp / "image"
    with tarfile.open(path) as outer:
        manifest = json.load(outer.extractfile("manifest.json"))[0]
        config = json.load(outer.extractfile(manifest["Config"]))
        modes = {}
        for layer in manifest["Layers"]:
            with tarfile.open(fileobj=outer.extractfile(layer)) as inner:
                for m in inner.getmembers():
                    modes["/" + m.name.lstrip("./")] = m.mode
                inner.extractall(root)
    c = config["config"]
    entry = c["Entrypoint"]
    require(entry[0] == "/opt/java/bin/java" and entry[-1] == "dev.sqlite2pg.cli.Main",
            f"entrypoint {entry}")
    require(config["architecture"] == "amd64" and config["os"] == "linux", "image platform")
    require(c["User"] == "1000:1000" and c["WorkingDir"] == "/data", f"user/workdir {c}")
    for f in ["/opt/java/bin/java", "/bin/sh", "/lib64/ld-linux-x86-64.so.2"]:
        require(modes.get(f, 0) & 0o111, f"image: {f} missing or not executable")
    for f in ["/app/jib-classpath-file", "/etc/passwd", "/etc/hosts",
              "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libz.so.1",
              "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"]:
        require(f in modes, f"image lacks {f}")
    require(modes.get("/tmp", 0) & 0o777 == 0o777, "image: /tmp not writable by all")
    print(f"image: {len(manifest['Layers'])} layers, entrypoint {' '.join(entry)}, user"
          f" {c['User']}, workdir {c['WorkingDir']}")
    if os.geteuid() != 0:
        print("image: NOT run (the chroot needs root); its files and config were checked")
        return
    chroot_run(root, entry)


def chroot_run(root, entry):
    """Runs the image's entrypoint as its user in a chroot of its layers, with a /proc and the
    /dev files a container runtime gives (ld.so resolves java's $ORIGIN through /proc). Device
    files are bound one by one, never the directory: removing the temporary tree must not be able
    to reach the machine's /dev."""
    (root / "proc").mkdir(exist_ok=True)
    (root / "dev").mkdir(exist_ok=True)
    mounts = []
    try:
        subprocess.run(["mount", "-t", "proc", "proc", str(root / "proc")], check=True)
        mounts.append(root / "proc")
        for name in ["null", "zero", "random", "urandom"]:
            (root / "dev" / name).touch()
            subprocess.run(["mount", "--bind", f"/dev/{name}", str(root / "dev" / name)],
                           check=True)
            mounts.append(root / "dev" / name)
        shutil.copy(SHOP, root / "data/shop.db")
        (root / "data/shop.db").chmod(0o666)
        env = {"PATH": "/opt/java/bin:/bin", "HOME": "/home/sqlite2pg"}
        chroot = ["/usr/sbin/chroot", "--userspec=1000:1000", str(root)]
        out = run(chroot + entry + ["--version"], "image entrypoint --version", env=env)
        require(out.startswith("sqlite2pg "), f"image --version printed {out!r}")
        # The working directory is the image's /data, as docker run -v "$PWD:/data" gives it.
        shell = ["/bin/sh", "-c", 'cd /data && exec "$@"', "sh"]
        out = run(chroot + shell + entry + ["migrate", "shop.db"], "image migrate", env=env)
        require(OK_LINE in out, f"image migrate did not verify:\n{out[-2000:]}")
        print(f"image run in a chroot as uid 1000: {OK_LINE}")
    finally:
        for m in reversed(mounts):
            subprocess.run(["umount", str(m)], check=False)
        left = [m for m in mounts if os.path.ismount(m)]
        if left:
            print(f"dist check: still mounted, not removing the tree: {left}", file=sys.stderr)
            os._exit(1)


if __name__ == "__main__":
    main()
