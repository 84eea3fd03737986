"""A private Docker Engine for the walkthrough, and proof that it leaves nothing behind.

The engine runs as Docker's packages run it: containerd as a service of its own (with the usual
umask, 022, which `docker container exec` processes inherit), and dockerd connected to it. Both get
their own socket, data root, exec root, state folders, pidfiles and cgroup parent, all in one run
folder (/tmp/dexp-XXXXXX), and run in a private mount namespace with a fresh /run: their mounts,
and what they keep in /run (containerd's shim sockets, runc's state), vanish with them. By default
they also get their own network namespace: docker0, the containers' bridges, the firewall rules
and the sysctls dockerd sets live and die there, and the reader's commands and browser join it, so
`localhost:5000` is the published port. `isolation="host"` (for throwaway CI machines, which must
reach Docker Hub) uses the host's network instead and puts the firewall, links and sysctls back.

It never talks to another daemon: its commands name its own socket and a private client
configuration, and it refuses to start while any other dockerd runs.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# Host settings dockerd changes: forwarding and bridge filtering (per network namespace on current
# kernels), and the kernel keyring limits it raises (host-wide).
SYSCTLS = (
    "net/ipv4/ip_forward",
    "net/ipv6/conf/all/forwarding",
    "net/ipv6/conf/default/forwarding",
    "net/ipv4/conf/all/route_localnet",
    "net/bridge/bridge-nf-call-iptables",
    "net/bridge/bridge-nf-call-ip6tables",
    "kernel/keys/root_maxkeys",
    "kernel/keys/root_maxbytes",
)
# Where an engine started the usual way leaves files on the host; the private /run and the
# configuration below keep every one of them away, and the leftover check looks at all of them.
HOST_PATHS = ("/run/containerd", "/run/docker", "/run/runc", "/run/netns", "/run/docker.sock", "/run/xtables.lock",
              "/run/mount", "/opt/containerd", "/etc/docker", "/etc/containerd", "/var/lib/docker",
              "/var/lib/containerd", "/var/lib/docker-bootstrap")
PREFIX = "dexp-"
_LINK_PREFIXES = ("docker", "br-", "veth")
_ICMP = (("ipv4/icmp_ratelimit", "0"), ("ipv6/icmp/ratelimit", "0"), ("ipv4/icmp_msgs_per_sec", "100000"),
         ("ipv4/icmp_msgs_burst", "100000"))


class DaemonError(Exception):
    """The daemon cannot be started or stopped; str() says why in one line."""


def _run(argv: list[str], check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)
    if check and result.returncode != 0:
        raise DaemonError(f"{' '.join(argv[:4])} failed: {(result.stderr or result.stdout).strip()[-300:]}")
    return result


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def dockerd_pids() -> list[int]:
    """Every running dockerd on this machine (any namespace)."""
    return [int(entry.name) for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and _read(entry / "comm") == "dockerd"]


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def _iptables_dumps() -> dict[str, str] | None:
    """`iptables-save` and `ip6tables-save` of the host, or None without iptables."""
    if shutil.which("iptables-save") is None or shutil.which("ip6tables-save") is None:
        return None
    return {tool: _run([f"{tool}-save"], check=False).stdout for tool in ("iptables", "ip6tables")}


def _rules(dumps: dict[str, str] | None) -> str | None:
    """The rules of the dumps without counters and comments, to compare."""
    if dumps is None:
        return None
    return "\n".join(line.split(" [")[0] for text in dumps.values() for line in text.splitlines()
                     if line and not line.startswith("#"))


def _nameservers() -> list[str]:
    """The host's DNS servers, and the public ones Docker falls back to when the host's are local."""
    servers = ["8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844"]
    for line in (_read(Path("/etc/resolv.conf")) or "").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "nameserver" and not parts[1].startswith(("127.", "::1")):
            servers.insert(0, parts[1].split("%")[0])
    return list(dict.fromkeys(servers))


def fresh_run(keep: Path) -> list[str]:
    """Shell lines that mount an empty /run for this mount namespace, keeping the host's DNS
    configuration where /etc/resolv.conf points into /run (systemd-resolved on Ubuntu)."""
    run = os.path.realpath("/var/run")
    wanted = {"/run/systemd/resolve", os.path.dirname(os.path.realpath("/etc/resolv.conf"))}
    keepers = sorted(p for p in wanted if p.startswith(run + "/") and os.path.isdir(p))
    lines = [f'mkdir -p "{keep}/{i}" && mount -n --rbind "{path}" "{keep}/{i}"' for i, path in enumerate(keepers)]
    lines.append(f'mount -n -t tmpfs -o mode=755 tmpfs "{run}"')
    lines += [f'mkdir -p "{path}" && mount -n --move "{keep}/{i}" "{path}"' for i, path in enumerate(keepers)]
    return lines


def _links() -> set[str]:
    result = _run(["ip", "-o", "link", "show"], check=False)
    return {line.split(":")[1].strip().split("@")[0] for line in result.stdout.splitlines() if ":" in line}


def _cgroup_roots() -> list[Path]:
    base = Path("/sys/fs/cgroup")
    if (base / "cgroup.controllers").exists():  # cgroup v2: one hierarchy
        return [base]
    return [p for p in base.iterdir() if p.is_dir() and not p.is_symlink()]


def _remove_cgroup(top: Path) -> str | None:
    for directory in sorted((p for p in top.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        try:
            directory.rmdir()
        except OSError:
            pass
    try:
        top.rmdir()
    except OSError as error:
        return f"cannot remove cgroup {top}: {error.strerror}"
    return None


@dataclass
class HostState:
    sysctls: dict[str, str | None]
    links: set[str]
    dumps: dict[str, str] | None
    paths: set[str]

    @property
    def rules(self) -> str | None:
        return _rules(self.dumps)

    @classmethod
    def capture(cls) -> HostState:
        return cls(sysctls={key: _read(Path("/proc/sys") / key) for key in SYSCTLS}, links=_links(),
                   dumps=_iptables_dumps(), paths={p for p in HOST_PATHS if os.path.lexists(p)})


@dataclass
class PrivateDaemon:
    engine_bin: Path  # dockerd, docker-proxy, containerd, containerd-shim-runc-v2, runc
    docker: Path  # the CLI
    cli_plugins: list[Path]  # docker-buildx, docker-compose
    isolation: str = "netns"  # or "host"
    offline: bool = True  # pulls fail at once (Docker Hub is unreachable): proxy to a closed port
    reader_uid: int = 1000
    reader_gid: int = 1000
    lock_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()))
    # Names the daemon (and the reader) resolve otherwise (an /etc/hosts for their mount namespace),
    # the certificate authorities the daemon trusts, and its pull mirrors: the registry stand-in's.
    hosts_file: Path | None = None
    ca_bundle: Path | None = None
    registry_mirrors: list[str] = field(default_factory=list)
    no_proxy: list[str] = field(default_factory=list)
    lock_wait: float = 0  # seconds to wait for another walkthrough's daemon to stop (never two at once)
    run_dir: Path = field(init=False)
    name: str = field(init=False)
    process: subprocess.Popen | None = field(init=False, default=None)
    problems: list[str] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        if self.isolation not in ("netns", "host"):
            raise DaemonError(f"isolation must be netns or host, not {self.isolation}")
        self.run_dir = Path(tempfile.mkdtemp(prefix=PREFIX, dir="/tmp"))
        self.name = self.run_dir.name
        self._lock = None
        self._before: HostState | None = None

    # Paths ---------------------------------------------------------------------------------------
    @property
    def socket(self) -> Path:
        return self.run_dir / "docker.sock"

    @property
    def bin_dir(self) -> Path:
        """The reader's copy of the CLI (the cache under /root is not theirs to read)."""
        return self.run_dir / "bin"

    @property
    def config_dir(self) -> Path:
        return self.run_dir / "config"

    @property
    def home(self) -> Path:
        return self.run_dir / "home"

    @property
    def log(self) -> Path:
        return self.run_dir / "dockerd.log"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of the harness's own docker commands: this daemon, a private config."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("DOCKER_", "BUILDX_", "COMPOSE_")) and key.upper() not in ("HTTP_PROXY", "HTTPS_PROXY")}
        env.update(DOCKER_HOST=f"unix://{self.socket}", DOCKER_CONFIG=str(self.config_dir),
                   PATH=f"{self.bin_dir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        env.update(extra)
        return env

    def in_network(self, argv: list[str]) -> list[str]:
        """argv run in the daemon's network (where its published ports are)."""
        if self.isolation == "netns" and self.process is not None:
            return ["nsenter", f"--net=/proc/{self.process.pid}/ns/net", "--", *argv]
        return argv

    def as_reader(self, argv: list[str]) -> list[str]:
        """argv run as the reader: an unprivileged user in the daemon's network, whose machine has
        this daemon's socket at the usual /var/run/docker.sock (in a private mount of a fresh /run,
        so the host's /run is neither seen nor changed) and no DOCKER_* settings."""
        run = os.path.realpath("/var/run")
        hosts = [f'mount -n --bind "{self.hosts_file}" /etc/hosts'] if self.hosts_file is not None else []
        script = " && ".join([
            *fresh_run(self.run_dir / "keep-reader"), *hosts, f'touch "{run}/docker.sock"',
            f'mount -n --bind "{self.socket}" "{run}/docker.sock"', "umask 022",
            f'exec setpriv --reuid={self.reader_uid} --regid={self.reader_gid} --clear-groups -- "$@"'])
        return self.in_network(["unshare", "--mount", "--propagation", "slave", "--", "sh", "-c", script, "sh", *argv])

    def docker_cmd(self, *args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
        """A docker command of the harness itself (as root, never the reader's)."""
        result = subprocess.run([str(self.bin_dir / "docker"), *args], capture_output=True, text=True,
                                env=self.env(), timeout=timeout, check=False)
        if check and result.returncode != 0:
            raise DaemonError(f"docker {' '.join(args[:3])} failed: {(result.stderr or result.stdout).strip()[-400:]}")
        return result

    # Start ---------------------------------------------------------------------------------------
    def start(self, timeout: float = 60) -> None:
        if os.geteuid() != 0:
            raise DaemonError("starting dockerd needs root")
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.lock_dir / "walkthrough-daemon.lock", "w")  # noqa: SIM115 (held until stop)
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    if not getattr(self, "_said_waiting", False):
                        print("walkthrough: another walkthrough is running; waiting for it to finish", flush=True)
                        self._said_waiting = True
                    time.sleep(2)
                    continue
                self._lock.close()
                self._lock = None
                shutil.rmtree(self.run_dir, ignore_errors=True)
                raise DaemonError("another walkthrough is running (its lock is held): never two daemons at once") from None
        cleanup_stale(exclude=self.name)
        if others := dockerd_pids():
            self._release_lock()
            shutil.rmtree(self.run_dir, ignore_errors=True)
            raise DaemonError(f"a dockerd is already running (pid {', '.join(map(str, others))}): the walkthrough "
                              "never starts a second daemon nor uses one it did not start")
        self._before = HostState.capture()
        try:
            self._prepare_files()
            self._spawn()
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def _prepare_files(self) -> None:
        self.run_dir.chmod(0o750)
        os.chown(self.run_dir, 0, self.reader_gid)
        self.bin_dir.mkdir()
        plugins = self.run_dir / "cli-plugins"
        plugins.mkdir()
        for source, target in [(self.docker, self.bin_dir / "docker"),
                               *[(p, plugins / p.name) for p in self.cli_plugins]]:
            shutil.copy2(source, target)
        self.config_dir.mkdir()
        (self.config_dir / "config.json").write_text(f'{{"cliPluginsExtraDirs": ["{plugins}"]}}\n')
        self.home.mkdir()
        # The reader's own client configuration, where the CLI looks by default (~/.docker).
        (self.home / ".docker").mkdir()
        shutil.copy2(self.config_dir / "config.json", self.home / ".docker" / "config.json")
        for path in (self.home, self.home / ".docker", self.home / ".docker" / "config.json"):
            os.chown(path, self.reader_uid, self.reader_gid)
        containerd = self.run_dir / "containerd"
        containerd.mkdir()
        # As Docker's containerd.io package configures it (no Kubernetes CRI), with every path here.
        (self.run_dir / "containerd.toml").write_text(f"""\
version = 3
root = "{containerd}/root"
state = "{containerd}/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.images", "io.containerd.cri.v1.runtime"]

[grpc]
  address = "{containerd}/containerd.sock"

[ttrpc]
  address = "{containerd}/containerd.sock.ttrpc"

[plugins."io.containerd.internal.v1.opt"]
  path = "{containerd}/opt"
""")
        # Never the host's /etc/docker/daemon.json.
        config = {"registry-mirrors": self.registry_mirrors} if self.registry_mirrors else {}
        (self.run_dir / "daemon.json").write_text(json.dumps(config) + "\n")

    def _spawn(self) -> None:
        run, keep = self.run_dir, self.run_dir / "cgroup"
        keep.mkdir()
        lines = ["umask 022"]
        if self.isolation == "netns":
            lines += ["ip link set lo up"]
            # The host's DNS servers cannot be reached from this network. Made local addresses with
            # nothing listening, they refuse at once, so a lookup of a name such as `redis` on the
            # default bridge fails fast, as a reader's resolver answers "no such name"; the kernel
            # must not rate-limit those refusals (ICMP errors) in this namespace.
            for server in _nameservers():
                family, prefix = ("-6", "/128") if ":" in server else ("-4", "/32")
                lines.append(f"ip {family} addr add {server}{prefix} dev lo || true")
            lines += [f"echo {value} > /proc/sys/net/{key} || true" for key, value in _ICMP]
            # A new /sys for the new network, with the cgroup hierarchies dockerd needs moved onto it.
            lines += [f'mount -n --rbind /sys/fs/cgroup "{keep}"', "mount -n -t sysfs sysfs /sys",
                      f'mount -n --move "{keep}" /sys/fs/cgroup']
        if self.hosts_file is not None:
            lines.append(f'mount -n --bind "{self.hosts_file}" /etc/hosts')
        lines += [
            # What the engine keeps in /run (shim sockets, runc state, plugin sockets) stays private.
            *fresh_run(run / "keep-daemon"),
            f'containerd --config "{run}/containerd.toml" > "{run}/containerd.log" 2>&1 &',
            f'echo $! > "{run}/containerd.pid"',
            f'i=0; until [ -S "{run}/containerd/containerd.sock" ]; do i=$((i + 1)); '
            f'[ $i -lt 200 ] || {{ echo "containerd did not start" >&2; exit 1; }}; sleep 0.05; done',
            'exec dockerd "$@"',
        ]
        dockerd = [
            "--host", f"unix://{self.socket}", "--containerd", f"{run}/containerd/containerd.sock",
            "--config-file", f"{run}/daemon.json", "--data-root", f"{run}/data", "--exec-root", f"{run}/exec",
            "--pidfile", f"{run}/dockerd.pid", "--cgroup-parent", f"/{self.name}", "--group", str(self.reader_gid),
        ]
        namespaces = ["--net", "--mount"] if self.isolation == "netns" else ["--mount"]
        argv = ["unshare", *namespaces, "--propagation", "slave", "--", "sh", "-ec", "\n".join(lines), "sh", *dockerd]
        env = {"PATH": f"{self.engine_bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
               "HOME": str(run)}
        if self.offline:
            env.update(HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9")
        if self.no_proxy:
            env.update(NO_PROXY=",".join(self.no_proxy))
        if self.ca_bundle is not None:
            env.update(SSL_CERT_FILE=str(self.ca_bundle))
        with self.log.open("w") as log:
            self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            env=env, start_new_session=True)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DaemonError(f"dockerd exited at start: {self._log_tail()}")
            if self.socket.exists():
                result = self.docker_cmd("version", "--format", "{{.Server.Version}}", check=False, timeout=10)
                if result.returncode == 0:
                    return
            time.sleep(0.2)
        raise DaemonError(f"dockerd did not answer within {timeout:.0f} s: {self._log_tail()}")

    def _log_tail(self) -> str:
        lines = [*(_read(self.log) or "").splitlines(), *(_read(self.run_dir / "containerd.log") or "").splitlines()[-2:]]
        return " | ".join(lines[-3:]) or "no output"

    # Stop ----------------------------------------------------------------------------------------
    def stop(self) -> list[str]:
        """Stop everything this daemon started and put the host back; return what could not be undone."""
        if self.process is not None and self.process.poll() is None:
            try:
                ids = self.docker_cmd("container", "ls", "--all", "--quiet", timeout=30, check=False).stdout.split()
                if ids:
                    self.docker_cmd("container", "rm", "--force", "--volumes", *ids, timeout=120, check=False)
            except (subprocess.TimeoutExpired, OSError) as error:
                self.problems.append(f"removing containers failed: {error}")
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.problems.append("dockerd did not stop within 30 s of SIGTERM; killed")
                self.process.kill()
                self.process.wait(timeout=10)
        containerd = _read(self.run_dir / "containerd.pid")
        if containerd and containerd.isdigit() and any(str(self.run_dir) in a for a in _cmdline(int(containerd))):
            os.kill(int(containerd), signal.SIGTERM)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and _alive(int(containerd)):
                time.sleep(0.1)
        self._kill_processes()
        for top in self._cgroup_dirs():
            if problem := _remove_cgroup(top):
                self.problems.append(problem)
        self._restore_host()
        self._remove_run_dir()
        self._release_lock()
        return self.problems

    def _our_processes(self) -> list[int]:
        marker = str(self.run_dir)
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid() or not _alive(int(entry.name)):
                continue
            pid = int(entry.name)
            cgroups = _read(entry / "cgroup") or ""
            if any(marker in arg for arg in _cmdline(pid)) or any(
                    line.endswith((f"/{self.name}", f"/{self.name}/")) or f"/{self.name}/" in line
                    for line in cgroups.splitlines()):
                found.append(pid)
        return found

    def _kill_processes(self) -> None:
        pids = self._our_processes()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in pids):
            time.sleep(0.1)

    def _cgroup_dirs(self) -> list[Path]:
        return [root / self.name for root in _cgroup_roots() if (root / self.name).is_dir()]

    def _restore_host(self) -> None:
        if self._before is None:
            return
        for key, value in self._before.sysctls.items():
            now = _read(Path("/proc/sys") / key)
            if value is not None and now != value:
                try:
                    (Path("/proc/sys") / key).write_text(value)
                except OSError as error:
                    self.problems.append(f"cannot restore sysctl {key}: {error.strerror}")
        if self.isolation == "host":
            for link in sorted(_links() - self._before.links):
                if link.startswith(_LINK_PREFIXES):
                    _run(["ip", "link", "delete", link], check=False)
            if self._before.dumps is not None and _rules(_iptables_dumps()) != self._before.rules:
                # Docker's chains and rules go; the rules from before the run come back as they were.
                for tool, text in self._before.dumps.items():
                    for table in ("filter", "nat", "mangle", "raw"):
                        _run([tool, "-t", table, "-F"], check=False)
                        _run([tool, "-t", table, "-X"], check=False)
                        if f"*{table}" not in text:
                            for chain in ("INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING"):
                                _run([tool, "-t", table, "-P", chain, "ACCEPT"], check=False)
                    _run([f"{tool}-restore"], check=False, input=text)

    def _remove_run_dir(self) -> None:
        if not self.run_dir.exists():
            return
        for line in reversed((_read(Path("/proc/self/mountinfo")) or "").splitlines()):
            point = line.split()[4]
            if point.startswith(str(self.run_dir)):
                _run(["umount", "--lazy", point], check=False)
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def _release_lock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    # Proof ---------------------------------------------------------------------------------------
    def leftovers(self) -> list[str]:
        """Everything of this run still on the host, one line each: empty when all is clean."""
        found = [f"process {pid} ({' '.join(_cmdline(pid))[:80]})" for pid in self._our_processes()]
        found += [f"a dockerd is running (pid {pid})" for pid in dockerd_pids()]
        for line in (_read(Path("/proc/self/mountinfo")) or "").splitlines():
            if str(self.run_dir) in line:
                found.append(f"mount {line.split()[4]}")
        found += [f"cgroup {path}" for path in self._cgroup_dirs()]
        if self.run_dir.exists():
            found.append(f"run folder {self.run_dir}")
        if self._before is not None:
            after = HostState.capture()
            for key, value in self._before.sysctls.items():
                if after.sysctls[key] != value:
                    found.append(f"sysctl {key.replace('/', '.')} is {after.sysctls[key]}, was {value}")
            found += [f"network link {link}" for link in sorted(after.links - self._before.links)
                      if link.startswith(_LINK_PREFIXES)]
            if after.rules != self._before.rules:
                found.append("firewall rules differ from before the run")
            found += [f"{path} exists, and did not before the run" for path in sorted(after.paths - self._before.paths)]
        return found


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting for its parent."""
    stat = _read(Path(f"/proc/{pid}/stat"))
    return bool(stat) and stat.rsplit(") ", 1)[-1][:1] != "Z"


def cleanup_stale(exclude: str | None = None) -> list[str]:
    """Remove what an earlier run that was killed left behind: its processes, cgroups and folder."""
    cleaned = []
    for folder in sorted(Path("/tmp").glob(f"{PREFIX}*")):
        if folder.name == exclude:
            continue
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and any(str(folder) in arg for arg in _cmdline(int(entry.name))):
                try:
                    os.kill(int(entry.name), signal.SIGKILL)
                except ProcessLookupError:
                    pass
        time.sleep(0.5)
        for root in _cgroup_roots():
            if (root / folder.name).is_dir():
                _remove_cgroup(root / folder.name)
        for line in reversed((_read(Path("/proc/self/mountinfo")) or "").splitlines()):
            if line.split()[4].startswith(str(folder)):
                _run(["umount", "--lazy", line.split()[4]], check=False)
        shutil.rmtree(folder, ignore_errors=True)
        cleaned.append(folder.name)
    return cleaned
