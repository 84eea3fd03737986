"""The values of Docker's flags and arguments: their parts, and whether Docker can read them.

`-p 127.0.0.1:8080:80/udp`, `-v "$PWD":/app:ro`, `--mount type=bind,src=…`, `nginx:alpine`: each
is split into the parts a beginner needs named, and refused where Docker refuses it, following
Docker's own parsers (each function names its source at Docker CLI 29.7.2: pflag's types,
go-connections/nat, internal/volumespec, opts/mount.go, distribution/reference, go-units). A value
the shell fills in (`$PWD`, `$(pwd)`) is split where it can be, never refused.

The Explain page runs the same code in JavaScript (docs/javascripts/explain-core.js), and
tests/explain/test_explain.py holds the two to the same result: plain string handling, and regular
expressions that read the same in both languages.
"""

from __future__ import annotations

import re


class ValueProblem(Exception):
    """Docker cannot read a value. `reason` names the text in assets/explain.yaml (`reasons:`)."""

    def __init__(self, reason: str, **params: str):
        super().__init__(reason)
        self.reason, self.params = reason, params


# --- pflag's types (github.com/spf13/pflag and the CLI's opts package) -------------------------

BOOLS = {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}
TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_INT = re.compile(r"^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$")
_UINT = re.compile(r"^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$")
_DECIMAL = re.compile(r"^[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?|[0-9]+/[0-9]*[1-9][0-9]*)$")
_DURATION = re.compile(r"^[+-]?(0|(([0-9]+[.]?[0-9]*|[.][0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$")
_IPV4 = re.compile(r"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$")
_HEX4 = re.compile(r"^[0-9a-fA-F]{1,4}$")
LIMITS = {"uint16": 65535, "uint32": 4294967295}
TYPED = {"int", "uint", "uint16", "uint32", "float", "decimal", "duration", "bytes", "ip"}


def _unsigned_value(text: str) -> int:
    """The number Go's strconv.ParseUint(text, 0, 64) reads: 0x hex, 0b binary, 0o or 0 octal."""
    lower = text.lower()
    if lower.startswith("0x"):
        return int(lower[2:], 16)
    if lower.startswith("0b"):
        return int(lower[2:], 2)
    if lower.startswith("0o"):
        return int(lower[2:], 8)
    if len(lower) > 1 and lower.startswith("0"):
        return int(lower[1:], 8)
    return int(lower, 10)


def is_ip(text: str) -> bool:
    """Go's net.ParseIP: dotted IPv4 without leading zeros, or IPv6 (an IPv4 tail allowed)."""
    if _IPV4.match(text):
        return True
    if ":" not in text:
        return False
    head, double, tail = text.partition("::")
    if "::" in tail:
        return False
    groups = [g for g in head.split(":")] if head else []
    rest = [g for g in tail.split(":")] if tail else []
    parts = groups + rest
    if not double and len(parts) != 8 and not (len(parts) == 7 and _IPV4.match(parts[-1])):
        return False
    size = 0
    for index, group in enumerate(parts):
        if index == len(parts) - 1 and _IPV4.match(group):
            size += 2
        elif _HEX4.match(group):
            size += 1
        else:
            return False
    return size == 8 if not double else size < 8


def check_type(kind: str, value: str, flag: str) -> None:
    """pflag's reading of a typed flag's value; raises ValueProblem with the type as reason."""
    if kind == "bool":
        ok = value in BOOLS
    elif kind == "int":
        ok = bool(_INT.match(value))
    elif kind in ("uint", "uint16", "uint32"):
        ok = bool(_UINT.match(value)) and (kind == "uint" or _unsigned_value(value) <= LIMITS[kind])
    elif kind == "float":
        ok = bool(_FLOAT.match(value))
    elif kind == "decimal":
        ok = bool(_DECIMAL.match(value))
    elif kind == "duration":
        ok = bool(_DURATION.match(value))
    elif kind == "bytes":
        ok = (flag == "--memory-swap" and value == "-1") or _is_size(value)
    elif kind == "ip":
        ok = is_ip(value.strip(" \t"))
    else:
        return
    if not ok:
        raise ValueProblem(kind)


def _is_size(text: str) -> bool:
    """go-units RAMInBytes (opts.MemBytes): a number, an optional space, and b, k, m, g, t or p
    with an optional "b" or "ib"."""
    sep = max(text.rfind(c) for c in "0123456789. ")
    if sep == -1:
        return False
    number, suffix = (text[:sep + 1], text[sep + 1:]) if text[sep] != " " else (text[:sep], text[sep + 1:])
    if not _FLOAT.match(number) or number.startswith("-") or number.lower().lstrip("+") in ("nan",):
        return False
    if not suffix:
        return True
    if len(suffix) > 3:
        return False
    suffix = suffix.lower()
    if suffix[0] == "b":
        return len(suffix) == 1
    if suffix[0] not in "kmgtp":
        return False
    return len(suffix) == 1 or (len(suffix) == 2 and suffix[1] == "b") or (len(suffix) == 3 and suffix[1:] == "ib")


# --- image references (github.com/distribution/reference, normalize.go and regexp.go) -------------

_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = (rf"(?:{_DOMAIN_COMPONENT}(?:[.]{_DOMAIN_COMPONENT})*|\[(?:[a-fA-F0-9:]+)\])(?::[0-9]+)?")
_REFERENCE = re.compile(rf"^((?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*)"
                        r"(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
                        r"(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$")
_IDENTIFIER = re.compile(r"^[a-f0-9]{64}$")
DEFAULT_REGISTRY = "docker.io"
OFFICIAL_NAMESPACE = "library"


def image_reference(text: str) -> dict:
    """reference.ParseNormalizedNamed: registry, namespace, repository, tag and digest, with
    Docker Hub's defaults filled in and named in `filled`."""
    if _IDENTIFIER.match(text):
        raise ValueProblem("image-hex")
    first, slash, rest = text.partition("/")
    registry_written = True
    if not slash:
        domain, remainder, registry_written = DEFAULT_REGISTRY, text, False
    elif first == "localhost":
        domain, remainder = first, rest
    elif first == "index.docker.io":
        domain, remainder = DEFAULT_REGISTRY, rest
    elif "." in first or ":" in first or first.lower() != first:
        domain, remainder = first, rest
    else:
        domain, remainder, registry_written = DEFAULT_REGISTRY, text, False
    filled = [] if registry_written else ["registry"]
    if domain == DEFAULT_REGISTRY and "/" not in remainder:
        remainder = f"{OFFICIAL_NAMESPACE}/{remainder}"
        filled.append("namespace")
    remote = remainder.split(":", 1)[0]
    if remote.lower() != remote:
        raise ValueProblem("image-uppercase")
    match = _REFERENCE.match(f"{domain}/{remainder}")
    if not match:
        raise ValueProblem("image-format")
    name, tag, digest = match.group(1), match.group(2) or "", match.group(3) or ""
    path = name[len(domain) + 1:]
    if len(path) > 255:
        raise ValueProblem("image-long")
    if digest:
        algorithm, _, hexadecimal = digest.partition(":")
        if (algorithm, len(hexadecimal)) not in (("sha256", 64), ("sha384", 96), ("sha512", 128)) \
                or hexadecimal.lower() != hexadecimal:
            raise ValueProblem("image-digest")
    if not tag and not digest:
        tag = "latest"
        filled.append("tag")
    namespace, _, repository = path.rpartition("/")
    return {"registry": domain, "namespace": namespace, "repository": repository, "tag": tag, "digest": digest,
            "filled": filled}


# --- -p / --publish (go-connections/nat ParsePortSpec; convertToStandardNotation in opts.go) ------

def _port_range(text: str) -> tuple[int, int]:
    start, dash, end = text.partition("-")
    first = _port_number(start)
    if not dash or start == end:
        return first, first
    last = _port_number(end)
    if last < first:
        raise ValueProblem("port-range")
    return first, last


def _port_number(text: str) -> int:
    if not re.match(r"^[+-]?[0-9]+$", text) or not 0 <= int(text) <= 65535:
        raise ValueProblem("port-range")
    return int(text)


def publish(value: str) -> dict:
    if "=" in value:  # the long syntax: published=8080,target=80,protocol=udp
        params = {"protocol": "tcp"}
        for param in value.split(","):
            key, equals, val = param.partition("=")
            if not equals or not key:
                raise ValueProblem("port-missing")
            params[key] = val
        value = f"{params.get('published', '')}:{params.get('target', '')}/{params['protocol']}"
    parts = value.split(":")
    if len(parts) == 1:
        host_ip, host_port, container = "", "", parts[0]
    elif len(parts) == 2:
        host_ip, host_port, container = "", parts[0], parts[1]
    else:
        host_ip, host_port, container = ":".join(parts[:-2]), parts[-2], parts[-1]
    port, _, protocol = container.partition("/")
    if not port:
        raise ValueProblem("port-missing")
    protocol = (protocol or "tcp").lower()
    if protocol not in ("tcp", "udp", "sctp"):
        raise ValueProblem("port-protocol")
    shown_ip = host_ip
    if host_ip.startswith("["):
        if not host_ip.endswith("]"):
            raise ValueProblem("port-ip")
        host_ip = host_ip[1:-1]
    if host_ip and not is_ip(host_ip):
        raise ValueProblem("port-ip")
    start, end = _port_range(port)
    if host_port:
        host_start, host_end = _port_range(host_port)
        if end - start != host_end - host_start and end != start:
            raise ValueProblem("port-ranges")
    return {"host_ip": shown_ip, "host_port": host_port, "container_port": port, "protocol": protocol,
            "all_interfaces": host_ip in ("", "0.0.0.0", "::")}


def expose(value: str) -> dict:
    port, _, protocol = value.partition("/")
    protocol = (protocol or "tcp").lower()
    if protocol not in ("tcp", "udp", "sctp"):
        raise ValueProblem("port-protocol")
    _port_range(port)
    return {"container_port": port, "protocol": protocol}


# --- -v / --volume (internal/volumespec Parse) ------------------------------------------------------

def _windows_drive(buffer: str, char: str) -> bool:
    return char == ":" and len(buffer) == 1 and buffer.isascii() and buffer.isalpha()


# What a shell replaces with a folder: $PWD, $(pwd), %cd%, ${PWD} in PowerShell…
_SHELL_PATH = re.compile(r"^([$][{(]?(PWD|pwd|HOME|home)[})]?|`pwd`|%(cd|CD|USERPROFILE)%|[$]env:USERPROFILE)")


def _is_file_path(source: str) -> bool:
    if source[0] in "./~" or _SHELL_PATH.match(source):
        return True
    if len(source) == 1:
        return False
    if source.startswith("\\\\"):
        return True
    return _windows_drive(source[0], source[1])


def volume(value: str, dynamic: bool = False) -> dict:
    if value == "":
        raise ValueProblem("volume-empty")
    if len(value) <= 2:
        return {"source": "", "target": value, "options": [], "type": "anonymous"}
    fields: list[str] = []
    buffer = ""
    for char in value + "\0":
        if _windows_drive(buffer, char):
            buffer += char
        elif char in (":", "\0"):
            if buffer == "":
                raise ValueProblem("volume-empty")
            if len(fields) == 3 or (len(fields) == 2 and char == ":"):
                raise ValueProblem("volume-colons")
            fields.append(buffer)
            buffer = ""
        else:
            buffer += char
    if len(fields) == 1:
        source, target, options = "", fields[0], ""
    else:
        source, target, options = fields[0], fields[1], fields[2] if len(fields) == 3 else ""
    absolute = target.startswith("/") or (len(target) > 2 and _windows_drive(target[0], target[1])
                                          and target[2] in "\\/") or target.startswith("\\\\")
    if not absolute and not dynamic:
        raise ValueProblem("volume-target")
    kind = "anonymous" if not source else ("bind" if _is_file_path(source) else "volume")
    return {"source": source, "target": target, "options": [o for o in options.split(",") if o], "type": kind}


# --- --mount (opts/mount.go MountOpt.Set, opts/mount_utils.go) ---------------------------------------

MOUNT_KEYS = {"type": "type", "source": "source", "src": "source", "target": "target", "dst": "target",
              "destination": "target", "readonly": "readonly", "ro": "readonly", "consistency": "consistency",
              "bind-propagation": "bind-propagation", "bind-recursive": "bind-recursive",
              "bind-create-src": "bind-create-src", "volume-subpath": "volume-subpath",
              "volume-nocopy": "volume-nocopy", "volume-label": "volume-label", "volume-driver": "volume-driver",
              "volume-opt": "volume-opt", "image-subpath": "image-subpath", "tmpfs-size": "tmpfs-size",
              "tmpfs-mode": "tmpfs-mode"}
_ALONE = {"readonly", "ro", "volume-nocopy", "bind-nonrecursive", "bind-create-src"}
_MOUNT_BOOLS = {"readonly", "ro", "volume-nocopy", "bind-create-src"}
MOUNT_TYPES = {"bind", "volume", "tmpfs", "npipe", "cluster", "image"}


def csv_fields(value: str) -> list[str]:
    """Go's encoding/csv, one record: commas split, a field in double quotes may hold commas."""
    fields: list[str] = []
    index = 0
    while True:
        if index < len(value) and value[index] == '"':
            field, index = "", index + 1
            while index < len(value):
                if value[index] == '"':
                    if index + 1 < len(value) and value[index + 1] == '"':
                        field, index = field + '"', index + 2
                        continue
                    index += 1
                    break
                field, index = field + value[index], index + 1
            end = value.find(",", index)
            field += value[index:] if end == -1 else value[index:end]
        else:
            end = value.find(",", index)
            field = value[index:] if end == -1 else value[index:end]
        fields.append(field)
        if end == -1:
            return fields
        index = end + 1


def mount(value: str) -> dict:
    value = value.strip(" \t")
    if not value:
        raise ValueProblem("mount-pair")
    parts: list[list[str]] = []
    mount_type = "volume"
    source = target = ""
    for field in csv_fields(value):
        key, equals, val = field.partition("=")
        if key.strip(" \t") != key or (equals and val.strip(" \t") != val):
            raise ValueProblem("mount-pair")
        if equals and val == "":
            raise ValueProblem("mount-empty", key=key)
        key = key.lower()
        if not equals and key not in _ALONE:
            raise ValueProblem("mount-pair")
        if key == "bind-nonrecursive":
            raise ValueProblem("mount-nonrecursive")
        if key not in MOUNT_KEYS:
            raise ValueProblem("mount-key", key=key)
        if key in _MOUNT_BOOLS and equals and val not in ("1", "true", "0", "false"):
            raise ValueProblem("mount-bool", key=key)
        if (key == "tmpfs-size" and not _is_size(val)) or (key == "tmpfs-mode" and not re.match(r"^[0-7]+$", val)):
            raise ValueProblem("mount-pair")
        name = MOUNT_KEYS[key]
        if name == "type":
            mount_type = val.lower()
        elif name == "source":
            source = val
        elif name == "target":
            target = val
        parts.append([name, val if equals else "true"])
    if mount_type not in MOUNT_TYPES:
        raise ValueProblem("mount-type")
    for name, _ in parts:
        kind = name.split("-", 1)[0]
        if "-" in name and kind in MOUNT_TYPES and kind != mount_type:
            raise ValueProblem("mount-mix", key=name, kind=kind, type=mount_type)
    if not target:
        raise ValueProblem("mount-target")
    return {"type": mount_type, "source": source, "target": target, "options": parts}


# --- --restart (opts.ParseRestartPolicy; the daemon checks the name) ---------------------------------

def restart(value: str) -> dict:
    name, colon, count = value.partition(":")
    if colon and not name:
        raise ValueProblem("restart-policy")
    if count and not re.match(r"^[+-]?[0-9]+$", count):
        raise ValueProblem("restart-count")
    if name not in ("no", "always", "unless-stopped", "on-failure"):
        raise ValueProblem("restart-policy")
    if count and (name != "on-failure" or int(count) < 0):
        raise ValueProblem("restart-count")
    return {"policy": name, "retries": count}


# --- the others ------------------------------------------------------------------------------------

def env(value: str) -> dict:
    name, equals, val = value.partition("=")
    return {"name": name, "value": val, "from_host": not equals}


def pair(value: str) -> dict:
    name, equals, val = value.partition("=")
    return {"name": name, "value": val if equals else ""}


def network(value: str) -> dict:
    mode, _, container = value.partition(":")
    if mode in ("host", "none", "bridge", "default"):
        return {"mode": mode, "name": value}
    if mode == "container" and container:
        return {"mode": "container", "name": container}
    return {"mode": "user-defined", "name": value}


def namespace(value: str) -> dict:
    mode, _, container = value.partition(":")
    return {"mode": mode, "container": container}


def platform(value: str) -> dict:
    found = []
    for item in value.split(","):
        pieces = item.split("/")
        found.append({"os": pieces[0], "architecture": pieces[1] if len(pieces) > 1 else "",
                      "variant": "/".join(pieces[2:])})
    return {"platforms": found}


def add_host(value: str) -> dict:
    host, equals, ip = value.partition("=")
    if not equals:
        host, colon, ip = value.partition(":")
        if not colon:
            raise ValueProblem("add-host")
    if not host or ":" in host:
        raise ValueProblem("add-host")
    address = ip[1:-1] if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]" else ip
    if address != "host-gateway" and not is_ip(address.strip(" \t")):
        raise ValueProblem("add-host")
    return {"host": host, "ip": ip}


def device(value: str) -> dict:
    pieces = value.split(":")
    return {"host": pieces[0], "container": pieces[1] if len(pieces) > 1 else pieces[0],
            "permissions": pieces[2] if len(pieces) > 2 else "rwm"}


ULIMITS = {"core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss",
           "rtprio", "rttime", "sigpending", "stack"}


def ulimit(value: str) -> dict:
    name, equals, limits = value.partition("=")
    if not equals or name not in ULIMITS:
        raise ValueProblem("ulimit")
    pieces = limits.split(":")
    if len(pieces) > 2 or not all(re.match(r"^[+-]?[0-9]+$", p) for p in pieces):
        raise ValueProblem("ulimit")
    soft, hard = int(pieces[0]), int(pieces[-1])
    if hard != -1 and (soft == -1 or soft > hard):
        raise ValueProblem("ulimit")
    return {"name": name, "soft": pieces[0], "hard": pieces[-1]}


def gpus(value: str) -> dict:
    seen: set[str] = set()
    found = []
    for field in csv_fields(value):
        key, equals, val = field.partition("=")
        if key in seen:
            raise ValueProblem("gpus")
        seen.add(key)
        if not equals:
            if key != "all" and not re.match(r"^[+-]?[0-9]+$", key):
                raise ValueProblem("gpus")
            found.append(["count", key])
            continue
        if key not in ("driver", "count", "device", "capabilities", "options"):
            raise ValueProblem("gpus")
        if key == "count" and val != "all" and not re.match(r"^[+-]?[0-9]+$", val):
            raise ValueProblem("gpus")
        found.append([key, val])
    return {"options": found}


def csv_pairs(value: str) -> dict:
    found = []
    for field in csv_fields(value):
        key, equals, val = field.partition("=")
        found.append([key, val] if equals else ["", key])
    return {"options": found}


FORMATS = {
    "publish": publish, "expose": expose, "mount": mount, "restart": restart, "env": env, "pair": pair,
    "network": network, "namespace": namespace, "platform": platform, "add-host": add_host,
    "device": device, "ulimit": ulimit, "gpus": gpus, "csv": csv_pairs,
}


def read_value(format_name: str, value: str, dynamic: bool = False) -> dict:
    """The parts of a flag's value in one of the FORMATS (and `volume`, `image`). A value the shell
    fills in is split but not refused: what Docker will see is not known yet."""
    try:
        if format_name == "volume":
            return volume(value, dynamic)
        if format_name == "image":
            return image_reference(value)
        return FORMATS[format_name](value)
    except ValueProblem:
        if dynamic:
            return {"unknown": True}
        raise
