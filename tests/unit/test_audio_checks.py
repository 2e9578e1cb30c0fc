"""The test helpers that judge played audio must themselves tell right from wrong."""

from __future__ import annotations

import numpy as np

from tests.audio_checks import align_pieces

PIECE = 2_400


def voice(seconds: float = 1.2, rate: int = 24_000) -> np.ndarray:  # type: ignore[type-arg]
    rng = np.random.default_rng(5)
    t = np.arange(int(seconds * rate)) / rate
    return rng.standard_normal(len(t)) * (0.3 + 0.7 * np.sin(2 * np.pi * 3 * t) ** 2)


def recording(*parts: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
    return np.concatenate([np.zeros(30_000), *parts, np.zeros(30_000)])


def bad(played: np.ndarray, expected: np.ndarray) -> int:  # type: ignore[type-arg]
    pieces = align_pieces(played, expected, PIECE, max_pause=24_000)
    assert pieces
    return sum(p.correlation < 0.95 for p in pieces)


def test_a_faithful_playback_matches_piece_by_piece() -> None:
    v = voice()
    assert bad(recording(v), v) == 0


def test_a_pause_costs_at_most_the_piece_it_splits() -> None:
    v = voice()
    assert bad(recording(v[:10_000], np.zeros(3_000), v[10_000:]), v) <= 1
    two = recording(v[:7_000], np.zeros(2_000), v[7_000:16_000], np.zeros(5_000), v[16_000:])
    assert bad(two, v) <= 2


def test_lost_or_replaced_audio_is_caught() -> None:
    v = voice()
    assert bad(recording(v[:10_000], v[11_000:]), v) >= 2  # 40 ms dropped (a speed-up)
    noisy = recording(v)
    noisy[40_000:44_000] = np.random.default_rng(9).standard_normal(4_000)
    assert bad(noisy, v) >= 2
