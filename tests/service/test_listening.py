"""Where ``gridrules serve`` cannot listen, it says which option to change, in Chinese, and
exits 2 before saying it has started (with one worker or several)."""

from __future__ import annotations

import socket
import subprocess

import pytest

from appdocs import COMMAND
from servicekit import write_config


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_port_in_use_is_named_and_nothing_starts(tmp_path, pack_copy, workers):
    config = tmp_path / "serve.json"
    write_config(config)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([*COMMAND, "serve", "--pack", str(pack_copy), "--config", str(config), "--host", "127.0.0.1",
                               "--port", str(port), "--workers", workers, "--lang", "zh"],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert f"--port: 端口 {port} 已被占用" in done.stderr
    assert "意外错误" not in done.stderr and "Errno" not in done.stderr and "gridrules serve：" not in done.stderr


def test_a_host_of_another_machine_or_none_names_the_host(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    write_config(config)
    for host, said in (("10.255.255.1", "10.255.255.1 不是本机的地址"), ("no-such-host.invalid", "找不到主机 no-such-host.invalid")):
        done = subprocess.run([*COMMAND, "serve", "--pack", str(pack_copy), "--config", str(config), "--host", host,
                               "--port", "0", "--lang", "zh"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and f"--host: {said}" in done.stderr, done.stderr
