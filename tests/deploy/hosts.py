"""Hosts on one machine: Linux network namespaces joined by a bridge.

Each host is a network namespace with one veth interface on a bridge that lives in a
namespace of its own (the "switch"), so nothing here is wired to the machine's own
network: the hosts reach each other and nothing else, and the machine's firewall rules
(Docker's, say) never see their packets. Addresses come from 198.18.0.0/15, the range
RFC 2544 reserves for benchmarking networks, so they cannot collide with a real one.

A process runs "on" a host through ``ip netns exec``; a thread of the test itself can
enter a host's namespace with ``setns`` (a network namespace is per thread), which is how
the test's HTTP client sits on its own client host and talks to the proxy only.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

SUBNET = "198.18.21"
CLONE_NEWNET = 0x40000000


def namespaces_unavailable() -> str | None:
    """Why hosts cannot be built here, or None when they can."""
    if os.geteuid() != 0:
        return "building network namespaces needs root"
    if shutil.which("ip") is None:
        return "iproute2's `ip` is not installed"
    probe = f"cpprobe{os.getpid()}"
    result = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True, check=False)  # noqa: S607
    if result.returncode != 0:
        return f"`ip netns add` is refused here: {result.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], check=False)  # noqa: S607
    return None


def _ip(*args: str, netns: str | None = None) -> None:
    command = ["ip", *(["-n", netns] if netns else []), *args]
    subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603


@dataclass
class Host:
    name: str
    address: str
    netns: str
    processes: list[subprocess.Popen] = field(default_factory=list)

    def popen(self, command: list[str], *, env: dict, log: Path, cwd: Path | None = None, user: str | None = None):
        """Start a long-running process on this host, its output in ``log``."""
        prefix = ["ip", "netns", "exec", self.netns]
        if user:
            prefix += ["runuser", "-u", user, "--"]
        handle = log.open("ab")
        process = subprocess.Popen(  # noqa: S603 - our own commands
            prefix + command, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        handle.close()
        self.processes.append(process)
        return process

    def run(self, command: list[str], *, env: dict, cwd: Path | None = None, timeout: float = 300, user=None):
        prefix = ["ip", "netns", "exec", self.netns] + (["runuser", "-u", user, "--"] if user else [])
        return subprocess.run(  # noqa: S603
            prefix + command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )

    def pids(self) -> list[int]:
        """Every process in this host's namespace (what dies when the machine dies)."""
        result = subprocess.run(["ip", "netns", "pids", self.netns], capture_output=True, text=True, check=False)  # noqa: S607
        return [int(pid) for pid in result.stdout.split()]

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Every process of the host at once, as when its power goes."""
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        self.processes = [p for p in self.processes if p.poll() is None]


def sweep_stale_labs(prefix: str = "cp") -> None:
    """Remove the hosts a killed test run left behind (their tag names a dead process)."""
    listing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=False)  # noqa: S607
    for line in listing.stdout.splitlines():
        name = line.split()[0] if line.split() else ""
        match = re.fullmatch(rf"{prefix}(\d+)-[a-z0-9]+", name)
        if not match or Path(f"/proc/{match.group(1)}").exists():
            continue
        stale = Host(name=name, address="", netns=name)
        stale.kill()
        subprocess.run(["ip", "netns", "del", name], check=False)  # noqa: S607


class Lab:
    """A bridge and hosts; ``close()`` kills every process and removes every namespace.

    The tag must be ``cp<pid of the test process>`` so that a later run can sweep the
    hosts of a run that was killed before it could close them.
    """

    def __init__(self, tag: str):
        sweep_stale_labs()
        self.tag = tag
        self.switch = f"{tag}-sw"
        self.hosts: dict[str, Host] = {}
        _ip("netns", "add", self.switch)
        _ip("link", "add", "br0", "type", "bridge", netns=self.switch)
        _ip("link", "set", "br0", "up", netns=self.switch)
        _ip("link", "set", "lo", "up", netns=self.switch)

    def add_host(self, name: str, last_octet: int) -> Host:
        netns = f"{self.tag}-{name}"
        outer, inner = f"{self.tag[-6:]}{last_octet}s", f"{self.tag[-6:]}{last_octet}h"
        _ip("netns", "add", netns)
        _ip("link", "add", outer, "netns", self.switch, "type", "veth", "peer", "name", inner, "netns", netns)
        _ip("link", "set", outer, "master", "br0", netns=self.switch)
        _ip("link", "set", outer, "up", netns=self.switch)
        _ip("link", "set", "lo", "up", netns=netns)
        _ip("link", "set", inner, "name", "eth0", netns=netns)
        address = f"{SUBNET}.{last_octet}"
        _ip("addr", "add", f"{address}/24", "dev", "eth0", netns=netns)
        _ip("link", "set", "eth0", "up", netns=netns)
        host = Host(name=name, address=address, netns=netns)
        self.hosts[name] = host
        return host

    def add_address(self, host: Host, last_octet: int) -> str:
        """Another address on the host (a client host standing for many visitors)."""
        address = f"{SUBNET}.{last_octet}"
        _ip("addr", "add", f"{address}/24", "dev", "eth0", netns=host.netns)
        return address

    def close(self) -> None:
        for host in self.hosts.values():
            host.kill()
        for host in self.hosts.values():
            subprocess.run(["ip", "netns", "del", host.netns], check=False)  # noqa: S607
        subprocess.run(["ip", "netns", "del", self.switch], check=False)  # noqa: S607


@contextlib.contextmanager
def inside(host: Host):
    """Run the calling thread's new sockets in the host's network namespace."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    with open("/proc/thread-self/ns/net") as original, open(f"/run/netns/{host.netns}") as target:
        if libc.setns(target.fileno(), CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns into the host's namespace failed")
        try:
            yield
        finally:
            libc.setns(original.fileno(), CLONE_NEWNET)


def enter(host: Host) -> None:
    """Move the calling thread into the host's namespace for good (thread pool workers)."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    with open(f"/run/netns/{host.netns}") as target:
        if libc.setns(target.fileno(), CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns into the host's namespace failed")


def wait_until(predicate, *, timeout: float, interval: float = 0.25, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout:.0f} s")
