"""TLS is always verified: a trusted CA works over https/wss, an unknown one is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.emulator.pinch import PinchEmulator, running_in_thread
from tests.signals import sentence, silence
from tests.speech import write_pcm16
from tests.testbed.tls import make_certificates

pytestmark = pytest.mark.slow


def run_cli(wav: Path, base_url: str, ca_file: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DRAGOMAN_CA_FILE", "SSL_CERT_FILE")}
    env.update(PINCH_API_KEY="pk_test_good", DRAGOMAN_PINCH_URL=base_url)
    if ca_file is not None:
        env["DRAGOMAN_CA_FILE"] = str(ca_file)
    return subprocess.run(
        [sys.executable, "-m", "dragoman", "translate", str(wav), "--fast", "--text-only"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_https_and_wss_with_a_trusted_ca(tmp_path: Path) -> None:
    certs = make_certificates(tmp_path)
    wav = tmp_path / "in.wav"
    write_pcm16(wav, np.concatenate([sentence(0.6, 1), silence(0.4)]) / 32768.0, 16_000, 1)
    with running_in_thread(PinchEmulator(ssl=certs.server_context())) as emu:
        assert emu.base_url.startswith("https://")
        ok = run_cli(wav, emu.base_url, certs.ca_file)
        assert ok.returncode == 0, ok.stderr
        assert "[es] speech" in ok.stdout
        assert len(emu.sessions) == 1 and emu.sessions[0].close_code == 1000

        refused = run_cli(wav, emu.base_url, None)
        assert refused.returncode == 5
        assert "certificate could not be verified" in refused.stderr
        assert len(emu.allocations) == 1  # the untrusted server never saw the key
