"""Docker Hub and ghcr.io for the walkthrough: the real Distribution registry behind their names.

Pages push, pull, sign in and sign out against Docker Hub (and ghcr.io). The walkthrough runs
those commands as written, against a stand-in that speaks the same registry protocol:

- **the account registry**: Distribution (Debian's `docker-registry`, the registry Docker Hub's
  own `registry` image ships) with `htpasswd` (basic) authentication and TLS, listening on port
  443 of a small network of its own, linked to the daemon's by a veth pair (so port 443 of the
  reader's machine stays free for the pages' own servers, such as a reverse proxy that publishes
  it). The daemon's mount namespace maps
  `registry-1.docker.io`, `index.docker.io` and `ghcr.io` to it (/etc/hosts) and trusts the
  walkthrough's own certificate authority (SSL_CERT_FILE), so `docker login`, `docker push
  <your-docker-id>/web1:1.0` and `docker pull` of it go there, as they would go to Docker Hub;
- **the pull mirror** (the daemon's `registry-mirrors`), without authentication: anonymous pulls of
  public images go there first, as Docker Hub serves them to anyone. On GitHub it is a
  pull-through cache of the real Docker Hub (`proxy.remoteurl`); here, with no network, it holds
  nothing, and a public image the mirror lacks falls through to the account registry, which
  refuses it (steps that pull public images need Docker Hub: `needs: [docker-hub]`).

What differs from Docker Hub, written down once (README, "A registry for real"): basic
authentication instead of Docker Hub's token service (the client handles both the same way, and
prints the same messages); one account, `ACCOUNT`, whose password is also its access token
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
import time
from dataclasses import dataclass, field
from pathlib import Path

NAMES = ("registry-1.docker.io", "index.docker.io", "ghcr.io")
ACCOUNT = "reader"  # the Docker ID (and GitHub user) the pages' <your-docker-id> placeholders become
# The reader's own values in the pages' commands, as the placeholder form fills them in.
PLACEHOLDERS = {"<your-docker-id>": ACCOUNT, "<your-github-user>": ACCOUNT}
# Where pages tell readers to keep their access tokens (Docker Hub's, GitHub's): the stand-in
# account's password is both.
TOKEN_VARIABLES = ("DOCKER_PAT", "GHCR_TOKEN")
# The account registry's own network: a /30 from the benchmarking range (RFC 2544), which no
# Docker address pool and no usual network uses. LINK is the daemon's end of the veth pair.
ACCOUNT_IP, GATEWAY_IP, LINK = "198.18.0.2", "198.18.0.1", "dexp-registry"
ADDRESS, MIRROR_ADDRESS = f"{ACCOUNT_IP}:443", "127.0.0.1:5001"
BINARY = "/usr/bin/docker-registry"
SYSTEM_CAS = "/etc/ssl/certs/ca-certificates.crt"


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
        (folder / "san.cnf").write_text(f"subjectAltName={names},IP:{ACCOUNT_IP}\n")
        _run(["openssl", "x509", "-req", "-in", "registry.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
              "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "registry.crt"], cwd=folder)
        system = Path(SYSTEM_CAS).read_text() if Path(SYSTEM_CAS).is_file() else ""
        self.ca_bundle.write_text(system + self.ca_certificate.read_text())
        _run(["htpasswd", "-Bbc", str(folder / "htpasswd"), ACCOUNT, self.password])
        hosts = Path("/etc/hosts").read_text() if Path("/etc/hosts").is_file() else "127.0.0.1 localhost\n"
        self.hosts_file.write_text(hosts.rstrip("\n") + f"\n{ACCOUNT_IP} {' '.join(NAMES)}\n")
        for name in ("ca-bundle.crt", "ca.crt", "hosts"):
            os.chmod(folder / name, 0o644)
        (folder / "account.yml").write_text(f"""\
version: 0.1
log: {{level: warn, accesslog: {{disabled: true}}}}
storage: {{filesystem: {{rootdirectory: {folder}/account-data}}, delete: {{enabled: true}}}}
http: {{addr: "{ADDRESS}", secret: {secrets.token_hex(16)}, tls: {{certificate: {folder}/registry.crt, key: {folder}/registry.key}}}}
auth: {{htpasswd: {{realm: "Registry stand-in for Docker Hub", path: {folder}/htpasswd}}}}
""")
        proxy = "proxy: {remoteurl: https://registry-1.docker.io}\n" if self.proxy_docker_hub else ""
        (folder / "mirror.yml").write_text(f"""\
version: 0.1
log: {{level: warn, accesslog: {{disabled: true}}}}
storage: {{filesystem: {{rootdirectory: {folder}/mirror-data}}}}
http: {{addr: "{MIRROR_ADDRESS}", secret: {secrets.token_hex(16)}}}
{proxy}""")

    def start(self, in_network) -> None:
        """Both registries: the mirror in the daemon's network, the account registry in a network of
        its own linked to it (`in_network` wraps a command to run in the daemon's network)."""
        log = (self.folder / "mirror.log").open("w")
        self.processes.append(subprocess.Popen(in_network([BINARY, "serve", str(self.folder / "mirror.yml")]),
                                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        # The account registry's shell waits for its end of the link, then becomes the registry.
        script = (f"ip link set lo up && i=0 && until ip link show eth0 >/dev/null 2>&1; do i=$((i + 1)); "
                  f"[ $i -lt 200 ] || exit 1; sleep 0.05; done && ip addr add {ACCOUNT_IP}/30 dev eth0 && "
                  f"ip link set eth0 up && exec {BINARY} serve {self.folder / 'account.yml'}")
        log = (self.folder / "account.log").open("w")
        account = subprocess.Popen(in_network(["unshare", "--net", "--", "sh", "-c", script]), stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(account)
        # nsenter and unshare exec one another: once the process is the shell, its network is its own.
        for _ in range(200):
            if Path(f"/proc/{account.pid}/comm").read_text().strip() == "sh" or account.poll() is not None:
                break
            time.sleep(0.02)
        for argv in (["ip", "link", "add", LINK, "type", "veth", "peer", "name", "eth0", "netns", str(account.pid)],
                     ["ip", "addr", "add", f"{GATEWAY_IP}/30", "dev", LINK], ["ip", "link", "set", LINK, "up"]):
            _run(in_network(argv))
        probe = ("import socket, sys, time\nfor _ in range(100):\n    try:\n"
                 f"        [socket.create_connection((h, p), 1).close() for h, p in (('{ACCOUNT_IP}', 443), "
                 "('127.0.0.1', 5001))]\n"
                 "        sys.exit(0)\n    except OSError:\n        time.sleep(0.05)\nsys.exit(1)\n")
        if subprocess.run(in_network([sys.executable, "-c", probe]), check=False).returncode != 0:
            logs = " ".join((self.folder / f"{n}.log").read_text()[-200:] for n in ("account", "mirror"))
            raise RegistryError(f"the registry stand-in did not start: {logs.strip()}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)
        self.processes.clear()
