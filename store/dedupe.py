"""Near-duplicate signatures: what two copies of one story have in common, as numbers.

MinHash (datasketch) over character 4-shingles of the body (NFKC, lower case, letters and digits
only, so punctuation, width and whitespace never matter; short lines without a sentence end, the
menus and footers a parser let through, left out), cut into ``BANDS`` bands of ``ROWS`` values
whose hashes are the keys of the LSH index. Pure functions: store/clusters.py keeps signatures
and band keys in the database and decides clusters with them.

Tuning, on ../shared/corpus parsed by parsers.document (tests/test_dedupe.py keeps it true):
the four republished pairs have Jaccard 0.30 (014/015, Traditional and reworded), 0.65, 0.87 and
0.93; the most similar two different stories 0.024, the related-but-distinct ones at most 0.022.
3-shingles raise the reworded pair to 0.33 but distinct stories to 0.045 (mean 0.006); 5-shingles
lower the reworded pair to 0.28; 4-shingles (distinct mean 0.002) keep the widest ratio between
the two that still tolerates a changed character every few words. With ROWS = 2 and 96 bands a
pair becomes a candidate with probability 1 - (1 - J²)^96: 0.9999 at J = 0.30, 0.89 at 0.15,
0.04 at 0.02.
THRESHOLD = 0.15 sits between 0.024 and 0.30; on bench/dedupe.py's generated stories 0.10 merged
three times as many distinct stories (those sharing a passage) and caught no more copies.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash

SHINGLE = 4
NUM_PERM = 192
ROWS = 2
BANDS = NUM_PERM // ROWS
THRESHOLD = 0.15
MIN_SHINGLES = 24  # below this a text is too short to call two of them one story by shingles alone
PROSE_LINE = 40  # a line this long (letters and digits) is prose even without a sentence end
_SEED = 1
_SCHEME_NAME = "affine32"  # datasketch's 32-bit affine permutations: signatures stored as 4-byte values

_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME_NAME).permutations
# The scheme names everything a stored signature depends on, the permutations included, so a
# change of parameters or of datasketch's generator is noticed and old signatures are recomputed.
SCHEME = (
    f"mh{NUM_PERM}-k{SHINGLE}-r{ROWS}-{_SCHEME_NAME}-"
    + hashlib.sha256(np.ascontiguousarray(_PERMUTATIONS).tobytes()).hexdigest()[:12]
)
_BAND_SALT = np.uint64(int(hashlib.sha256(SCHEME.encode()).hexdigest()[:16], 16))
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_NOT_ALNUM = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_POWERS = np.array([1_000_003**i for i in range(SHINGLE - 1, -1, -1)], dtype=np.uint64)


def dedupe_text(text: str) -> str:
    """The characters that are compared: NFKC, lower case, letters and digits only, of the prose lines.

    Lines without a sentence end that are short (menus, bylines, footers, headlines a mirror
    leaves out) are left out when the parser let them through, unless they are half the text
    (then it is a list or a page without punctuation, and a small remainder would match anything).
    """
    folded = [_NOT_ALNUM.sub("", line) for line in unicodedata.normalize("NFKC", text).lower().split("\n")]
    prose = "".join(f for line, f in zip(text.split("\n"), folded, strict=False)
                    if len(f) >= PROSE_LINE or _SENTENCE_END.search(line))  # fmt: skip
    whole = "".join(folded)
    return prose if 2 * len(prose) >= len(whole) else whole


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the character ``SHINGLE``-grams of ``dedupe_text(text)``."""
    folded = dedupe_text(text)
    if not folded:
        return np.empty(0, dtype=np.uint32)
    codes = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = max(1, len(codes) - SHINGLE + 1)
    if len(codes) < SHINGLE:
        codes = np.concatenate([codes, np.zeros(SHINGLE - len(codes), dtype=np.uint64)])
    h = np.zeros(n, dtype=np.uint64)
    for i, power in enumerate(_POWERS):  # polynomial hash, wrapping mod 2^64
        h += codes[i : i + n] * power
    return np.unique(((h >> np.uint64(32)) ^ h).astype(np.uint32))


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32), or None when the text has too few shingles."""
    return signature_of(shingle_hashes(text))


def signature_of(hashes: np.ndarray) -> np.ndarray | None:
    """The signature of a text's shingle hashes (see ``signature``)."""
    if len(hashes) < MIN_SHINGLES:
        return None
    mh = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme=_SCHEME_NAME, hashfunc=int)
    mh.update_batch(hashes.tolist())
    return mh.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: the band's values and its number, mixed (splitmix64)."""
    pairs = sig.astype(np.uint64).reshape(BANDS, ROWS)
    x = np.zeros(BANDS, dtype=np.uint64)
    for col in range(ROWS):
        x = (x << np.uint64(32)) ^ pairs[:, col]
    x ^= _BAND_SALT + np.arange(BANDS, dtype=np.uint64) * _GOLDEN
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x.view(np.int64).tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype="<u4")


def exact_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sets of shingle hashes (sorted, distinct, as shingle_hashes gives)."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)
