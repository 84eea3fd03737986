"""Docker Hub and ghcr.io for the walkthrough: the real Distribution registry behind their names.

Pages push, pull, sign in and sign out against Docker Hub (and ghcr.io). The walkthrough runs
those commands as written, against a stand-in that speaks the same registry protocol:

- **the account registry**: Distribution (Debian's `docker-registry`, the registry Docker Hub's
  own `registry` image ships) with `htpasswd` (basic) authentication and TLS, listening on
  loopback in the daemon's network. The daemon's mount namespace maps
  `registry-1.docker.io`, `index.docker.io` and `ghcr.io` to it (/etc/hosts: 127.0.0.2, port 443
  redirected to the registry's own port, so pages can publish 443 themselves) and trusts the
  walkthrough's own certificate authority (SSL_CERT_FILE), so `docker login`, `docker push
  <your-docker-id>/web1:1.0` and `docker pull` of it go there, as they would go to Docker Hub;
- **the pull mirror** (the daemon's `registry-mirrors`), without authentication: anonymous pulls of
  public images go there first, as Docker Hub serves them to anyone. On GitHub it is a
  pull-through cache of the real Docker Hub (`proxy.remoteurl`); here, with no network, it holds
  nothing, and a public image the mirror lacks falls through to the account registry, which
  refuses it (steps that pull public images need Docker Hub: `needs: [docker-hub]`).

What differs from Docker Hub, written down once (README, "A registry for real"): basic
authentication instead of Docker Hub's token service (the client handles both, but a refused
sign-in or push is worded differently, as the README lists); one account, `ACCOUNT`, whose password is also its access token
(readers' pages use `$DOCKER_PAT`, which the reader's shell holds); no web-based sign-in
(`docker login` without `--username` opens Docker's device-code page, which cannot be served
here); no rate limits; no search.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

NAMES = ("registry-1.docker.io", "index.docker.io", "ghcr.io")
ACCOUNT = "reader"  # the Docker ID (and GitHub user) the pages' <your-docker-id> placeholders become
# The reader's own values in the pages' commands, as the placeholder form fills them in.
PLACEHOLDERS = {"<your-docker-id>": ACCOUNT, "<your-github-user>": ACCOUNT}
# Where pages tell readers to keep their access tokens (Docker Hub's, GitHub's): the stand-in
# account's password is both.
TOKEN_VARIABLES = ("DOCKER_PAT", "GHCR_TOKEN")


def fill(text: str) -> str:
    """The page's text with the reader's own values in place of its placeholders."""
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    return text
# On loopback, but never where a page publishes a port: 127.0.0.2 on ports no page uses, and
# the daemon's connections to 127.0.0.2:443 are sent to the account registry (a DNAT rule in the
# daemon's network), so the names work without a port, as Docker Hub's do.
IP = "127.0.0.2"
ADDRESS, MIRROR_ADDRESS = f"{IP}:10443", f"{IP}:10500"
REDIRECT = ["--destination", f"{IP}/32", "--protocol", "tcp", "--dport", "443",
            "--jump", "DNAT", "--to-destination", ADDRESS, "--match", "comment", "--comment", "walkthrough registry"]
BINARY = "/usr/bin/docker-registry"
SYSTEM_CAS = "/etc/ssl/certs/ca-certificates.crt"


def _iptables(action: str) -> list[str]:
    """Insert (-I) or delete (-D) the redirect in the nat table's OUTPUT chain."""
    return ["iptables", "--wait", "-t", "nat", action, "OUTPUT", *REDIRECT]


class RegistryError(Exception):
    pass


def _run(argv: list[str], cwd: Path | None = None) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, check=False)
    if result.returncode != 0:
        raise RegistryError(f"{argv[0]} failed: {(result.stderr or result.stdout).strip()[-300:]}")


@dataclass
class RegistryStandIn:
    folder: Path  # under the daemon's run folder
    proxy_docker_hub: bool = False  # the mirror pulls through from the real Docker Hub (GitHub)
    password: str = field(default_factory=lambda: "dckr_pat_" + secrets.token_urlsafe(24))
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def hosts_file(self) -> Path:
        return self.folder / "hosts"

    @property
    def ca_bundle(self) -> Path:
        return self.folder / "ca-bundle.crt"

    @property
    def ca_certificate(self) -> Path:
        return self.folder / "ca.crt"

    @property
    def mirror(self) -> str:
        return f"http://{MIRROR_ADDRESS}"

    def prepare(self) -> None:
        """Certificates, the account, the configurations and the names, before the daemon starts."""
        for tool in (BINARY, shutil.which("openssl"), shutil.which("htpasswd")):
            if not tool or not Path(tool).exists():
                raise RegistryError("the registry stand-in needs Debian's docker-registry, openssl and "
                                    "apache2-utils (htpasswd): python3 dev.py walkthrough installs them")
        self.folder.mkdir(parents=True, exist_ok=True)
        folder = self.folder
        names = ",".join(f"DNS:{name}" for name in NAMES)
        _run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
              "/CN=docker-explained walkthrough CA", "-keyout", "ca.key", "-out", "ca.crt"], cwd=folder)
        _run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={NAMES[0]}",
              "-keyout", "registry.key", "-out", "registry.csr"], cwd=folder)
        (folder / "san.cnf").write_text(f"subjectAltName={names},IP:{IP}\n")
        _run(["openssl", "x509", "-req", "-in", "registry.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
              "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "registry.crt"], cwd=folder)
        system = Path(SYSTEM_CAS).read_text() if Path(SYSTEM_CAS).is_file() else ""
        self.ca_bundle.write_text(system + self.ca_certificate.read_text())
        _run(["htpasswd", "-Bbc", str(folder / "htpasswd"), ACCOUNT, self.password])
        hosts = Path("/etc/hosts").read_text() if Path("/etc/hosts").is_file() else "127.0.0.1 localhost\n"
        self.hosts_file.write_text(hosts.rstrip("\n") + f"\n{IP} {' '.join(NAMES)}\n")
        for name in ("ca-bundle.crt", "ca.crt", "hosts"):
            os.chmod(folder / name, 0o644)
        # The blob descriptor cache, as in the official registry image's own configuration: without
        # it, Distribution 2.8 reads a layer's link file for every check, and its filesystem driver
        # rewrites that file in place (truncate, then write) when a second upload of the layer ends.
        # BuildKit pushes an image and its cache to the same repository at once, both uploading the
        # shared layers, so a manifest checked in that moment was refused ("blob unknown to
        # registry"), about one push in a dozen on a loaded machine. With the cache, a committed
        # layer is answered from memory. (The in-memory storage driver avoids the race too, but
        # copies a growing layer on each 32 KiB write: 25 s to push the example app.)
        (folder / "account.yml").write_text(f"""\
version: 0.1
log: {{level: warn, accesslog: {{disabled: true}}}}
storage: {{filesystem: {{rootdirectory: {folder}/account-data}}, cache: {{blobdescriptor: inmemory}}, delete: {{enabled: true}}}}
http: {{addr: "{ADDRESS}", secret: {secrets.token_hex(16)}, tls: {{certificate: {folder}/registry.crt, key: {folder}/registry.key}}}}
auth: {{htpasswd: {{realm: "Registry stand-in for Docker Hub", path: {folder}/htpasswd}}}}
""")
        proxy = "proxy: {remoteurl: https://registry-1.docker.io}\n" if self.proxy_docker_hub else ""
        (folder / "mirror.yml").write_text(f"""\
version: 0.1
log: {{level: warn, accesslog: {{disabled: true}}}}
storage: {{filesystem: {{rootdirectory: {folder}/mirror-data}}, cache: {{blobdescriptor: inmemory}}}}
http: {{addr: "{MIRROR_ADDRESS}", secret: {secrets.token_hex(16)}}}
{proxy}""")

    def start(self, in_network) -> None:
        """Both registries, in the daemon's network (`in_network` wraps a command to run there)."""
        self.in_network = in_network
        _run(in_network(_iptables("-I")))
        for name in ("account", "mirror"):
            log = (self.folder / f"{name}.log").open("w")
            self.processes.append(subprocess.Popen(in_network([BINARY, "serve", str(self.folder / f"{name}.yml")]),
                                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        probe = ("import socket, sys, time\nfor _ in range(100):\n    try:\n"
                 f"        [socket.create_connection(('{IP}', p), 1).close() for p in (443, 10443, 10500)]\n"
                 "        sys.exit(0)\n    except OSError:\n        time.sleep(0.05)\nsys.exit(1)\n")
        if subprocess.run(in_network([sys.executable, "-c", probe]), check=False).returncode != 0:
            logs = " ".join((self.folder / f"{n}.log").read_text()[-200:] for n in ("account", "mirror"))
            raise RegistryError(f"the registry stand-in did not start: {logs.strip()}")

    def stop(self) -> None:
        in_network = getattr(self, "in_network", None)
        if in_network is not None:
            subprocess.run(in_network(_iptables("-D")), capture_output=True, check=False)
            self.in_network = None
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)
        self.processes.clear()


def attach(daemon, proxy_docker_hub: bool = False) -> RegistryStandIn:
    """A stand-in for a daemon that has not started yet: prepared, and the daemon configured to
    find it (names, certificate authority, pull mirror). Start it once the daemon runs."""
    registry = RegistryStandIn(daemon.run_dir / "registry", proxy_docker_hub=proxy_docker_hub)
    registry.prepare()
    daemon.hosts_file, daemon.ca_bundle = registry.hosts_file, registry.ca_bundle
    daemon.registry_mirrors = [registry.mirror]
    daemon.no_proxy = ["localhost", "127.0.0.1", IP, *NAMES]
    return registry
