"""Finding the laptop's address on the hall's network, for the join URL. Sends no packet.

psutil lists the interfaces: we keep those that are up, take their IPv4
addresses, skip loopback, link-local and virtual bridges (docker, libvirt,
veth), and prefer private addresses (192.168.x, 10.x, 172.16–31.x): that is
what phones on the same Wi-Fi can reach.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import psutil

VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxc", "lxd",
                    "cni", "flannel", "podman", "tun", "tap", "zt", "tailscale", "utun", "wg")


@dataclass(frozen=True)
class Address:
    interface: str
    ip: str
    private: bool


def lan_addresses() -> list[Address]:
    """Candidate addresses, best first: private before public, wired/wifi before others."""
    try:
        addrs = psutil.net_if_addrs()
        stats = psutil.net_if_stats()
    except (OSError, RuntimeError):
        return []
    found: list[Address] = []
    for name, entries in addrs.items():
        st = stats.get(name)
        if st is not None and not st.isup:
            continue
        if name.lower().startswith(VIRTUAL_PREFIXES):
            continue
        for entry in entries:
            if entry.family != socket.AF_INET:
                continue
            try:
                ip = ipaddress.IPv4Address(entry.address)
            except ValueError:
                continue
            if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast:
                continue
            found.append(Address(name, str(ip), ip.is_private))
    return sorted(found, key=lambda a: (not a.private, a.interface))


def best_address() -> str | None:
    """The address phones should use, or None when only loopback exists."""
    found = lan_addresses()
    return found[0].ip if found else None


def base_url(host: str, port: int, override: str | None = None) -> tuple[str, bool]:
    """The base URL for the join link, and whether phones can reach it.

    `override` (from --url) wins. With host 0.0.0.0 the LAN address is used;
    with only loopback available the URL is http://127.0.0.1:PORT and the
    second value is False: phones cannot reach the laptop.
    """
    if override:
        return override.rstrip("/"), True
    if host not in ("0.0.0.0", "::", ""):
        reachable = not ipaddress.ip_address(host).is_loopback if _is_ip(host) else True
        return f"http://{host}:{port}", reachable
    ip = best_address()
    if ip is None:
        return f"http://127.0.0.1:{port}", False
    return f"http://{ip}:{port}", True


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
