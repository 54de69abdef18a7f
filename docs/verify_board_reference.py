#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""An independent reference for docs/verify_board.md: recomputes the document's test vectors.

Written from the format description alone (hashlib, base64 and the `cryptography` package's
Ed25519), not from minga's code. `python3 docs/verify_board_reference.py` prints every vector
of the worked example; tests/unit/test_verify_board.cpp checks that minga produces the same bytes.
"""
import base64
import hashlib
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def leaf_hash(data: bytes) -> bytes:
    return sha256(b"\x00" + data)


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


def split(n: int) -> int:  # largest power of two strictly below n
    k = 1
    while 2 * k < n:
        k *= 2
    return k


def mth(leaves: list) -> bytes:
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaf_hash(leaves[0])
    k = split(len(leaves))
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def path(m: int, leaves: list) -> list:
    if len(leaves) <= 1:
        return []
    k = split(len(leaves))
    if m < k:
        return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def times_x(v: int) -> int:  # multiplication by x in GF(2)[x]/(x^5 + x^2 + 1)
    v <<= 1
    return v ^ 0x25 if v & 0x20 else v


def short_code(code: bytes) -> str:
    value = int.from_bytes(code[:6], "big") >> 3  # first 45 bits
    data = [(value >> (5 * (8 - i))) & 31 for i in range(9)]
    r = 0
    for d in data:
        r = times_x(r) ^ d
    chars = "".join(CROCKFORD[d] for d in data) + CROCKFORD[times_x(r)]
    return chars[:5] + "-" + chars[5:]


def main() -> None:
    name = "minga.example/board"
    seed = bytes(range(32))
    key = Ed25519PrivateKey.from_private_bytes(seed)
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = sha256(name.encode() + b"\n" + b"\x01" + public)[:4]
    vkey = name + "+" + key_id.hex() + "+" + base64.b64encode(b"\x01" + public).decode()

    election_id = sha256(b"minga example election")
    codes = [sha256(b"ballot %d" % i) for i in (1, 2, 3)]
    root = mth(codes)
    text = f"{name}\n3\n{base64.b64encode(root).decode()}\n"
    note_signature = base64.b64encode(key_id + key.sign(text.encode())).decode()
    checkpoint = text + "\n\u2014 " + name + " " + note_signature + "\n"

    index = 1
    proof = path(index, codes)
    note_bytes = checkpoint.encode()
    signed = (b"minga.receipt/1\x00" + election_id + codes[index] + index.to_bytes(8, "big")
              + len(note_bytes).to_bytes(4, "big") + note_bytes + bytes([len(proof)]) + b"".join(proof))
    signature = key.sign(signed)
    receipt = {
        "schema": "minga.receipt/1",
        "election_id": election_id.hex(),
        "confirmation_code": codes[index].hex(),
        "short_code": short_code(codes[index]),
        "leaf_index": index,
        "checkpoint": checkpoint,
        "inclusion_proof": [h.hex() for h in proof],
        "signature": signature.hex(),
    }
    print("verifier key:      ", vkey)
    print("election id:       ", election_id.hex())
    for i, c in enumerate(codes):
        print(f"code {i}:            ", c.hex(), " leaf hash", leaf_hash(c).hex(), " short code", short_code(c))
    print("root (size 3):     ", root.hex())
    print("checkpoint note:\n" + checkpoint, end="")
    print("receipt binary:    ", (signed + signature).hex())
    print("receipt JSON:\n" + json.dumps(receipt, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
