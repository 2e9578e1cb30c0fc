"""The dubbing emulator keeps the spec's promises, so client tests against it mean something."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.emulator.dubbing import DubbingEmulator, running_emulator

AUTH = {"Authorization": "Bearer pk_test_good"}


@pytest.fixture
def emu() -> Iterator[DubbingEmulator]:
    with running_emulator() as emulator:
        yield emulator


def upload_link(emu: DubbingEmulator, content_type: str = "video/mp4") -> dict[str, str]:
    answer = httpx.post(
        f"{emu.base_url}/api/dubbing/upload-url",
        json={"filename": "a.mp4", "content_type": content_type},
        headers=AUTH,
    )
    assert answer.status_code == 200
    link: dict[str, str] = answer.json()
    return link


def test_the_upload_needs_exactly_the_announced_content_type(emu: DubbingEmulator) -> None:
    link = upload_link(emu)
    wrong = httpx.put(link["upload_url"], content=b"abc", headers={"Content-Type": "video/webm"})
    assert wrong.status_code == 403 and b"SignatureDoesNotMatch" in wrong.content  # opaque
    assert httpx.put(link["upload_url"], content=b"abc").status_code == 403  # none at all
    right = httpx.put(link["upload_url"], content=b"abc", headers={"Content-Type": "video/mp4"})
    assert right.status_code == 200
    (upload,) = emu.uploads.values()
    assert (upload.size, upload.head, upload.complete) == (3, b"abc", True)


def test_storage_refuses_the_api_key_and_chunked_bodies(emu: DubbingEmulator) -> None:
    link = upload_link(emu)
    with_key = httpx.put(
        link["upload_url"], content=b"abc", headers={**AUTH, "Content-Type": "video/mp4"}
    )
    assert with_key.status_code == 400
    chunked = httpx.put(
        link["upload_url"], content=iter([b"a", b"bc"]), headers={"Content-Type": "video/mp4"}
    )
    assert chunked.status_code == 411
    assert not any(u.complete for u in emu.uploads.values())


def test_the_api_needs_the_key_and_json(emu: DubbingEmulator) -> None:
    jobs = f"{emu.base_url}/api/dubbing/jobs"
    assert httpx.get(f"{jobs}/x").status_code == 401
    assert httpx.post(jobs, content=b"{", headers=AUTH).status_code == 400
    missing = httpx.post(jobs, json={"target_lang": "es"}, headers=AUTH).json()
    assert missing["error"]["field"] == "source_url"
    assert httpx.get(f"{emu.base_url}/nowhere").status_code == 404
    assert httpx.delete(f"{jobs}/x", headers=AUTH).status_code == 405
