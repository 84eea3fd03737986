"""Programs a page installs with a command the walkthrough cannot run (`sudo apt-get install …`).

The walkthrough never installs anything on its host while it runs. A page's install step is
illustrated (`how: illustrate`) and names what it puts on the reader's PATH (`provides:`); the
walkthrough then copies those programs, taken from the same Debian or Ubuntu package without
installing it, into a folder on the reader's PATH, at that step and not before. So what the CLI
does before the install (no credential helper: the "stored unencrypted" warning) and after it
(the helper found on the PATH) both happen, as on a reader's computer.

- docker-credential-pass: from `golang-docker-credential-helpers` (`apt-get download`, then
  `dpkg-deb --extract`; the package's other dependencies are for its secretservice helper).
  Its `pass` must be installed on the host (python3 dev.py walkthrough installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PACKAGES = {"docker-credential-pass": "golang-docker-credential-helpers"}


class ToolError(Exception):
    """A program cannot be provided; str() says why in one line."""


def ensure(cache: Path) -> dict[str, Path]:
    """Every program pages may install, unpacked once into the cache: name -> path."""
    provided = {}
    for name, package in PACKAGES.items():
        folder = cache / "tools" / package
        binary = folder / "usr" / "bin" / name
        if not binary.exists():
            if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
                raise ToolError(f"{name} comes from the {package} package, which needs apt-get and dpkg-deb to unpack")
            with tempfile.TemporaryDirectory(prefix="tools-") as tmp:
                downloaded = subprocess.run(["apt-get", "download", "--quiet", "--quiet", package], cwd=tmp,
                                            capture_output=True, text=True, check=False)
                debs = sorted(Path(tmp).glob("*.deb"))
                if downloaded.returncode != 0 or not debs:
                    raise ToolError(f"apt-get download {package} failed: "
                                    f"{(downloaded.stderr or downloaded.stdout).strip()[-200:]}")
                partial = folder.with_suffix(".partial")
                shutil.rmtree(partial, ignore_errors=True)
                partial.mkdir(parents=True)
                extracted = subprocess.run(["dpkg-deb", "--extract", str(debs[0]), str(partial)],
                                           capture_output=True, text=True, check=False)
                if extracted.returncode != 0:
                    raise ToolError(f"dpkg-deb --extract {debs[0].name} failed: {extracted.stderr.strip()[-200:]}")
                shutil.rmtree(folder, ignore_errors=True)
                partial.rename(folder)
        provided[name] = binary
    return provided
