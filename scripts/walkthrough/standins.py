"""Stand-ins for the images the pages pull, for machines that cannot reach Docker Hub.

Each stand-in is built from Debian's packages (mmdebstrap, then `docker image import`), tagged
with the exact names the pages use, and cached as a `docker image save` archive keyed by a hash of
its recipe (this file) and of the example's requirements, so later runs only `docker image load`.
The walkthrough loads a stand-in the moment a command would pull it, so `docker image ls` lists
what a reader would have pulled by then, and nothing else.

What differs from the real images, and why, is in scripts/walkthrough/differences.yaml:

- python:3.14-slim, python:3.13-slim, python:3.14-alpine, python:3.14: Debian 12 with its Python
  3.11 and pip. pip installs from a wheelhouse of examples/counter/requirements.txt baked into the
  image (PIP_NO_INDEX and PIP_FIND_LINKS in the image's environment, which a build secret mounted
  over /etc/pip.conf cannot hide), so the pages' own `pip install` runs with no network.
- redis:8.10-alpine: Debian's redis-server 7.0 and redis-cli, with an entrypoint like the official
  image's (drops to the redis user, UID 999 and GID 1000 as in the Alpine image; protected mode
  off) and BusyBox's ping, whose output is Alpine's.
- alpine:3.22: BusyBox (static) with its applets, which is what Alpine's shell and tools are.
- hello-world: BusyBox's shell printing hello-world's message.
- postgres:18: Debian 12's PostgreSQL 15 server and client, laid out as the official image (the
  postgres user as UID and GID 999, the data in /var/lib/postgresql/18/docker under the volume
  /var/lib/postgresql, STOPSIGNAL SIGINT), with an entrypoint of this project's own
  (standin_images/postgres/): initdb on an empty volume with POSTGRES_PASSWORD, POSTGRES_USER and
  POSTGRES_DB (or their _FILE forms), the /docker-entrypoint-initdb.d scripts, and the official
  image's messages and log lines where the pages quote them (messages.yaml, with their source).
- nginx:1.30-alpine: Debian 12's nginx 1.22 with this project's own entrypoint, template script,
  nginx.conf and default.conf (standin_images/nginx/), which do what the official image's do in
  the pages' steps: the nginx user as UID 101, logs to the container's output, STOPSIGNAL SIGQUIT.
  standin_images/README.md lists the steps and how each was checked against the official files.
- busybox:1.37: an image index with a linux/amd64 and a linux/arm64 variant, each BusyBox
  (static) from Debian's package for that CPU, so a page can build and push an image for another
  processor (no RUN step needs to run there) and see it fail to run here.
"""

from __future__ import annotations

import gzip
import hashlib
import inspect
import io
import json
import os
import re
import shutil
import ssl
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.walkthrough.daemon import PrivateDaemon
from sitekit.project import ROOT

# The stand-ins' own entrypoints, scripts, configuration and message texts (written for this project).
FILES = Path(__file__).resolve().with_name("standin_images")
REQUIREMENTS = ROOT / "examples" / "counter" / "requirements.txt"
SUITE = "bookworm"
ENV_PATH = "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class StandInError(Exception):
    """A stand-in cannot be built or loaded; str() says why in one line."""


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise StandInError(f"{' '.join(argv[:3])} failed: {tail[0]}")
    return result


def _mmdebstrap(target: Path, packages: list[str], variant: str = "minbase") -> None:
    if shutil.which("mmdebstrap") is None:
        raise StandInError("mmdebstrap is missing (apt-get install mmdebstrap; dev.py test installs it)")
    # mmdebstrap's mounts make util-linux create /run/mount on the host: remove it again if new.
    utab = Path("/run/mount")
    existed = utab.exists()
    try:
        _run(["mmdebstrap", f"--variant={variant}", f"--include={','.join(packages)}",
              "--aptopt=Acquire::Languages \"none\"", "--dpkgopt=path-exclude=/usr/share/doc/*",
              "--dpkgopt=path-exclude=/usr/share/man/*",
              SUITE, str(target)], timeout=900)
    finally:
        if not existed and utab.is_dir() and not any(utab.iterdir()):
            utab.rmdir()


def _ca_bundle() -> Path:
    for candidate in (os.environ.get("PIP_CERT"), os.environ.get("SSL_CERT_FILE"),
                      ssl.get_default_verify_paths().cafile, "/etc/ssl/certs/ca-certificates.crt"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise StandInError("no CA certificate bundle to let pip reach PyPI from the stand-in")


def _python(work: Path) -> Path:
    root = work / "python"
    _mmdebstrap(root, ["python3", "python3-pip", "python-is-python3"])
    for marker in root.glob("usr/lib/python3*/EXTERNALLY-MANAGED"):
        marker.unlink()  # pip installs into the image's Python, as in the official image
    # The stand-in's own pip resolves the wheelhouse, so environment markers (Debian's Python is
    # 3.11.2: redis needs async-timeout below 3.11.3) are evaluated for the Python that installs.
    shutil.copy2(_ca_bundle(), root / "tmp" / "ca.pem")
    shutil.copy2(REQUIREMENTS, root / "tmp" / "requirements.txt")
    shutil.copy2("/etc/resolv.conf", root / "etc" / "resolv.conf")
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/root", "LANG": "C.UTF-8",
           **{k: v for k, v in os.environ.items() if k.lower() in ("http_proxy", "https_proxy", "no_proxy")}}
    _run([shutil.which("chroot") or "/usr/sbin/chroot", str(root), "python3", "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
          "--cert", "/tmp/ca.pem", "--dest", "/wheels", "--requirement", "/tmp/requirements.txt"],
         env=env, timeout=600)
    for leftover in ("tmp/ca.pem", "tmp/requirements.txt", "etc/resolv.conf"):
        (root / leftover).unlink()
    return root


REDIS_ENTRYPOINT = """\
#!/bin/sh
# Like the official redis image's entrypoint: options alone mean redis-server, and redis-server
# started as root drops to the redis user after taking over /data.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
    set -- redis-server "$@"
fi
if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
    find . \\! -user redis -exec chown redis '{}' +
    exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi
if [ "$1" = 'redis-server' ]; then
    # The official image builds Redis with protected mode off, so other containers can connect.
    case " $* " in *" --protected-mode "*) ;; *) set -- "$@" --protected-mode no ;; esac
fi
um="$(umask)"
if [ "$um" = '0022' ]; then
    umask 0077
fi
exec "$@"
"""


def _redis(work: Path) -> Path:
    root = work / "redis"
    _mmdebstrap(root, ["redis-server", "redis-tools", "busybox-static"])
    # The Alpine image's redis user and group: UID 999, GID 1000 (the pages show these numbers).
    _run(["chroot", str(root), "groupmod", "--gid", "1000", "redis"])
    _run(["chroot", str(root), "usermod", "--uid", "999", "--gid", "1000", "redis"])
    (root / "data").mkdir()
    os.chown(root / "data", 999, 1000)
    (root / "usr" / "local" / "bin" / "ping").symlink_to("/bin/busybox")
    entrypoint = root / "usr" / "local" / "bin" / "docker-entrypoint.sh"
    entrypoint.write_text(REDIS_ENTRYPOINT)
    entrypoint.chmod(0o755)
    return root


def _busybox(work: Path) -> Path:
    extract = work / "busybox-deb"
    if not (extract / "bin" / "busybox").exists():
        _mmdebstrap(extract, ["busybox-static"], variant="extract")
    return extract / "bin" / "busybox"


def _busybox_root(work: Path, name: str) -> Path:
    root = work / name
    for folder in ("bin", "etc", "root", "tmp"):
        (root / folder).mkdir(parents=True)
    (root / "tmp").chmod(0o1777)
    busybox = root / "bin" / "busybox"
    shutil.copy2(_busybox(work), busybox)
    (root / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n")
    (root / "etc" / "group").write_text("root:x:0:root\nnobody:x:65534:\n")
    return root


def _alpine(work: Path) -> Path:
    root = _busybox_root(work, "alpine")
    applets = _run([str(root / "bin" / "busybox"), "--list"]).stdout.split()
    for applet in applets:
        if applet != "busybox":
            (root / "bin" / applet).symlink_to("busybox")
    return root


def _postgres(work: Path) -> Path:
    """Debian's PostgreSQL, laid out as the official image lays out its own (its Dockerfile, 18/trixie)."""
    root = work / "postgres"
    _mmdebstrap(root, ["postgresql-15", "gosu", "locales", "xz-utils", "zstd"])
    # Debian's package made a cluster at install; the official image makes none until a container
    # starts on an empty volume.
    shutil.rmtree(root / "var" / "lib" / "postgresql" / "15", ignore_errors=True)
    shutil.rmtree(root / "etc" / "postgresql" / "15", ignore_errors=True)
    (root / "etc" / "postgresql-common" / "createcluster.conf").write_text("create_main_cluster = false\n")
    # The official image's postgres user and group: 999.
    _run(["chroot", str(root), "groupmod", "--gid", "999", "postgres"])
    _run(["chroot", str(root), "usermod", "--uid", "999", "--gid", "999", "postgres"])
    _run(["chroot", str(root), "localedef", "-i", "en_US", "-c", "-f", "UTF-8", "-A",
          "/usr/share/locale/locale.alias", "en_US.UTF-8"])
    # Like the official image, the server listens on every address once it runs for real.
    sample = root / "usr" / "share" / "postgresql" / "15" / "postgresql.conf.sample"
    sample.write_text(re.sub(r"(?m)^#?(listen_addresses)\s*=\s*\S+.*$", r"\1 = '*'", sample.read_text()))
    for folder, mode in (("docker-entrypoint-initdb.d", 0o755), ("var/lib/postgresql", 0o1777),
                         ("run/postgresql", 0o3777)):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder).chmod(mode)
    for folder in ("var/lib/postgresql", "run/postgresql"):
        os.chown(root / folder, 999, 999)
    wording = root / "usr" / "local" / "share" / "postgres-standin"
    wording.mkdir(parents=True)
    for name, message in yaml.safe_load((FILES / "postgres" / "messages.yaml").read_text())["messages"].items():
        (wording / f"{name}.txt").write_text(message["text"] + "\n")
    entrypoint = root / "usr" / "local" / "bin" / "docker-entrypoint.sh"
    shutil.copy2(FILES / "postgres" / "docker-entrypoint.sh", entrypoint)
    entrypoint.chmod(0o755)
    return root


def _nginx(work: Path) -> Path:
    """Debian's nginx, laid out as the official Alpine image lays out its own (stable/alpine-slim)."""
    root = work / "nginx"
    _mmdebstrap(root, ["nginx", "gettext-base", "procps"])
    _run(["chroot", str(root), "groupadd", "--system", "--gid", "101", "nginx"])
    _run(["chroot", str(root), "useradd", "--system", "--no-create-home", "--uid", "101", "--gid", "101",
          "--home-dir", "/var/cache/nginx", "--shell", "/sbin/nologin", "nginx"])
    nginx = root / "etc" / "nginx"
    for leftover in ("sites-enabled", "sites-available"):
        shutil.rmtree(nginx / leftover, ignore_errors=True)
    shutil.copy2(FILES / "nginx" / "nginx.conf", nginx / "nginx.conf")
    (nginx / "conf.d").mkdir(exist_ok=True)
    shutil.copy2(FILES / "nginx" / "default.conf", nginx / "conf.d" / "default.conf")
    html = root / "usr" / "share" / "nginx" / "html"
    html.mkdir(parents=True, exist_ok=True)
    for page in ("index.html", "50x.html"):
        (html / page).write_text(f"<!DOCTYPE html>\n<title>Welcome to nginx!</title>\n<h1>{page}</h1>\n")
    (root / "var" / "cache" / "nginx").mkdir(parents=True, exist_ok=True)
    logs = root / "var" / "log" / "nginx"
    for name, target in (("access.log", "/dev/stdout"), ("error.log", "/dev/stderr")):
        (logs / name).unlink(missing_ok=True)
        (logs / name).symlink_to(target)
    setup = root / "docker-entrypoint.d"
    setup.mkdir()
    shutil.copy2(FILES / "nginx" / "20-envsubst-on-templates.sh", setup / "20-envsubst-on-templates.sh")
    (setup / "20-envsubst-on-templates.sh").chmod(0o755)
    shutil.copy2(FILES / "nginx" / "docker-entrypoint.sh", root / "docker-entrypoint.sh")
    (root / "docker-entrypoint.sh").chmod(0o755)
    return root


HELLO = """\

Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

"""


def _hello(work: Path) -> Path:
    root = _busybox_root(work, "hello-world")
    (root / "bin" / "sh").symlink_to("busybox")
    hello = root / "hello"
    hello.write_text("#!/bin/sh\ncat <<'EOF'\n" + HELLO + "EOF\n")
    hello.chmod(0o755)
    return root


BUSYBOX_INDEX = {"amd64": None, "arm64": "v8"}  # the platforms of the busybox stand-in, with their variants


def _blob(blobs: dict[str, bytes], data: bytes, media_type: str, **extra) -> dict:
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    blobs[digest] = data
    return {"mediaType": media_type, "digest": digest, "size": len(data), **extra}


def _layer(root: Path) -> bytes:
    """The folder as an uncompressed layer: sorted, owned by root, dated 0, so its digest is stable."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(root.rglob("*")):
            info = tar.gettarinfo(str(path), arcname=str(path.relative_to(root)))
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = 0
            if info.isfile():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    return buffer.getvalue()


def _busybox_index(work: Path) -> Path:
    """An OCI archive of busybox:1.37 with an amd64 and an arm64 variant, as Docker Hub's is an index.

    Each variant is BusyBox (static) from Debian's package for that CPU; the arm64 one is only
    unpacked (mmdebstrap's extract variant runs nothing), so no emulator is needed to make it."""
    applets = _run([str(_busybox(work)), "--list"]).stdout.split()
    blobs: dict[str, bytes] = {}
    manifests = []
    for architecture, variant in BUSYBOX_INDEX.items():
        extract = work / f"busybox-{architecture}-deb"
        # Only unpacked (the extract variant runs nothing), so another CPU's package needs no emulator.
        _run(["mmdebstrap", "--variant=extract", "--include=busybox-static", f"--architectures={architecture}",
              SUITE, str(extract)], timeout=900)
        root = work / f"busybox-{architecture}"
        for folder in ("bin", "etc", "root", "tmp"):
            (root / folder).mkdir(parents=True)
        (root / "tmp").chmod(0o1777)
        shutil.copy2(extract / "bin" / "busybox", root / "bin" / "busybox")
        for applet in applets:
            if applet != "busybox":
                (root / "bin" / applet).symlink_to("busybox")
        (root / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\n"
                                             "nobody:x:65534:65534:nobody:/home:/bin/false\n")
        (root / "etc" / "group").write_text("root:x:0:\nnobody:x:65534:\n")
        layer = _layer(root)
        platform = {"architecture": architecture, "os": "linux", **({"variant": variant} if variant else {})}
        config = json.dumps({
            **platform, "created": "1970-01-01T00:00:00Z",
            "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["sh"]},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
            "history": [{"created": "1970-01-01T00:00:00Z",
                         "created_by": "docker-explained stand-in: BusyBox from Debian's busybox-static"}],
        }, sort_keys=True).encode()
        manifest = json.dumps({
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": _blob(blobs, config, "application/vnd.oci.image.config.v1+json"),
            "layers": [_blob(blobs, gzip.compress(layer, mtime=0), "application/vnd.oci.image.layer.v1.tar+gzip")],
        }, sort_keys=True).encode()
        manifests.append(_blob(blobs, manifest, "application/vnd.oci.image.manifest.v1+json", platform=platform))
    index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                        "manifests": manifests}, sort_keys=True).encode()
    top = _blob(blobs, index, "application/vnd.oci.image.index.v1+json",
                annotations={"io.containerd.image.name": "docker.io/library/busybox:1.37",
                             "org.opencontainers.image.ref.name": "1.37"})
    archive = work / "busybox.tar"
    with tarfile.open(archive, "w") as tar:
        files = {"oci-layout": b'{"imageLayoutVersion": "1.0.0"}',
                 "index.json": json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                                           "manifests": [top]}).encode(),
                 **{f"blobs/sha256/{digest.removeprefix('sha256:')}": data for digest, data in blobs.items()}}
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive


@dataclass(frozen=True)
class StandIn:
    name: str
    tags: tuple[str, ...]
    build: Callable[[Path], Path]
    changes: tuple[str, ...]
    inputs: tuple[Path, ...] = ()

    def key(self) -> str:
        """A hash of everything the image is made from: its recipe, its settings, its input files."""
        recipe = [inspect.getsource(f) for f in (self.build, _mmdebstrap, _busybox, _busybox_root)]
        if self.build is _busybox_index:
            recipe += [inspect.getsource(_layer), inspect.getsource(_blob), repr(BUSYBOX_INDEX)]
        digest = hashlib.sha256("\n".join([SUITE, *recipe, REDIS_ENTRYPOINT, HELLO, *self.tags, *self.changes]).encode())
        for path in self.inputs:
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]


STAND_INS = (
    StandIn("hello-world", ("hello-world:latest",), _hello, ('CMD ["/hello"]',)),
    StandIn("alpine", ("alpine:3.22",), _alpine, (ENV_PATH, 'CMD ["/bin/sh"]')),
    StandIn("python", ("python:3.14-slim", "python:3.13-slim", "python:3.14-alpine", "python:3.14"), _python,
            (ENV_PATH, "ENV LANG=C.UTF-8", "ENV PIP_NO_INDEX=1", "ENV PIP_FIND_LINKS=/wheels", 'CMD ["python3"]'),
            (REQUIREMENTS,)),
    StandIn("redis", ("redis:8.10-alpine",), _redis,
            (ENV_PATH, "WORKDIR /data", "VOLUME /data", 'ENTRYPOINT ["docker-entrypoint.sh"]', "EXPOSE 6379",
             'CMD ["redis-server"]')),
    StandIn("postgres", ("postgres:18",), _postgres,
            ("ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/15/bin",
             "ENV LANG=en_US.utf8", "ENV PG_MAJOR=18", "ENV PGDATA=/var/lib/postgresql/18/docker",
             "VOLUME /var/lib/postgresql", 'ENTRYPOINT ["docker-entrypoint.sh"]', "STOPSIGNAL SIGINT", "EXPOSE 5432",
             'CMD ["postgres"]'),
            tuple(sorted((FILES / "postgres").iterdir()))),
    StandIn("nginx", ("nginx:1.30-alpine",), _nginx,
            (ENV_PATH, "ENV NGINX_VERSION=1.30.0", 'ENTRYPOINT ["/docker-entrypoint.sh"]', "EXPOSE 80",
             "STOPSIGNAL SIGQUIT", 'CMD ["nginx", "-g", "daemon off;"]'),
            tuple(sorted((FILES / "nginx").iterdir()))),
    StandIn("busybox", ("busybox:1.37",), _busybox_index, ()),
)


def build_bases(dockerfile: str, build_args: dict[str, str] | None = None) -> list[str]:
    """The images a Dockerfile's FROM lines pull, as the builder reads them: ARG defaults (before
    the first FROM) overridden by --build-arg, and no earlier stage's name."""
    values = dict(re.findall(r"(?m)^\s*ARG\s+(\w+)=(\S+)", dockerfile))
    values.update(build_args or {})
    images, stages = [], set()
    for match in re.finditer(r"(?im)^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?", dockerfile):
        image = re.sub(r"\$\{?(\w+)\}?", lambda m: values.get(m.group(1), ""), match.group(1))
        if image.lower() not in stages and image != "scratch":
            images.append(image)
        if match.group(2):
            stages.add(match.group(2).lower())
    return images


def normalize(reference: str) -> str:
    """`hello-world` → `hello-world:latest`; `docker.io/library/x:1` → `x:1`."""
    reference = reference.removeprefix("docker.io/").removeprefix("library/")
    last = reference.rsplit("/", 1)[-1]
    return reference if ":" in last or "@" in last else f"{reference}:latest"


class StandIns:
    """The stand-ins of one run: built or taken from the cache, loaded into the daemon on demand."""

    def __init__(self, daemon: PrivateDaemon, cache: Path, say: Callable[[str], None] = print):
        self.daemon = daemon
        self.cache = cache / "standins"
        self.say = say
        self.by_tag = {tag: stand_in for stand_in in STAND_INS for tag in stand_in.tags}
        self.loaded: list[str] = []

    def archive(self, stand_in: StandIn) -> Path:
        return self.cache / f"{stand_in.name}-{stand_in.key()}.tar"

    def prepare(self) -> list[str]:
        """Build every stand-in that is not cached yet; return the names built."""
        self.cache.mkdir(parents=True, exist_ok=True)
        built = []
        missing = [s for s in STAND_INS if not self.archive(s).exists()]
        if not missing:
            return built
        with tempfile.TemporaryDirectory(prefix="standins-", dir=self.cache) as tmp:
            work = Path(tmp)
            for stand_in in missing:
                self.say(f"building the stand-in for {', '.join(stand_in.tags)}")
                root = stand_in.build(work)
                if root.is_file():  # an archive made directly (an index of several platforms)
                    shutil.move(root, self.archive(stand_in))
                    continue
                self._import_and_save(stand_in, root)
                shutil.rmtree(root, ignore_errors=True)
                built.append(stand_in.name)
        # Older recipes of these stand-ins go; archives of stand-ins this checkout does not know
        # (another branch's, sharing the cache) stay.
        names = {s.name for s in STAND_INS}
        for old in self.cache.glob("*.tar"):
            if old.stem.rsplit("-", 1)[0] in names and old not in {self.archive(s) for s in STAND_INS}:
                old.unlink()
        return built

    def _import_and_save(self, stand_in: StandIn, root: Path) -> None:
        docker = str(self.daemon.bin_dir / "docker")
        env = self.daemon.env()
        first, *others = stand_in.tags
        command = [docker, "image", "import", "--message",
                   f"docker-explained stand-in for {', '.join(stand_in.tags)} (Docker Hub unreachable)"]
        for change in stand_in.changes:
            command += ["--change", change]
        tar = subprocess.Popen(["tar", "--numeric-owner", "-C", str(root), "-c", "."], stdout=subprocess.PIPE)
        result = subprocess.run([*command, "-", first], stdin=tar.stdout, capture_output=True, text=True, env=env,
                                check=False)
        tar.stdout.close()
        tar.wait()
        if result.returncode != 0 or tar.returncode != 0:
            raise StandInError(f"importing {first} failed: {result.stderr.strip()[-300:]}")
        for tag in others:
            _run([docker, "image", "tag", first, tag], env=env)
        partial = self.archive(stand_in).with_suffix(".partial")
        _run([docker, "image", "save", "--output", str(partial), *stand_in.tags], env=env, timeout=300)
        partial.rename(self.archive(stand_in))
        _run([docker, "image", "rm", *stand_in.tags], env=env)

    def references(self, text: str) -> list[str]:
        """The stand-in tags that a command line or a Dockerfile names."""
        found = []
        for tag in self.by_tag:
            name, version = tag.rsplit(":", 1)
            spelled = [tag] + ([name] if version == "latest" else [])
            for spelling in spelled:
                if re.search(rf"(?<![\w./:@-]){re.escape(spelling)}(?![\w.:/@-])", text):
                    found.append(tag)
                    break
        return found

    def present(self) -> set[str]:
        out = self.daemon.docker_cmd("image", "ls", "--format", "{{.Repository}}:{{.Tag}}").stdout
        return {line.strip() for line in out.splitlines() if line.strip()}

    def ensure(self, tags: list[str]) -> list[str]:
        """Put these stand-ins into the daemon as a pull would; return the tags that were missing."""
        wanted = [normalize(t) for t in tags if normalize(t) in self.by_tag]
        if not wanted:
            return []
        present = self.present()
        added = []
        for tag in wanted:
            if tag in present:
                continue
            stand_in = self.by_tag[tag]
            sibling = next((t for t in stand_in.tags if t in present), None)
            if sibling:
                self.daemon.docker_cmd("image", "tag", sibling, tag)
            else:
                self.daemon.docker_cmd("image", "load", "--quiet", "--input", str(self.archive(stand_in)), timeout=300)
                extra = [t for t in stand_in.tags if t != tag and t not in present]
                if extra:
                    self.daemon.docker_cmd("image", "rm", *extra)
            present.add(tag)
            added.append(tag)
            self.loaded.append(tag)
        return added
