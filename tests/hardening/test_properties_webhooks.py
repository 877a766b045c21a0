"""Property tests for `inspera.webhooks.verify_signature`: every valid signature verifies, every change fails,
and malformed input is answered with False (or TypeError for the wrong types), never with another exception."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from inspera.webhooks import sign, verify_signature

from tests.hardening.bounded import bounded

BODIES = st.binary(max_size=2048)
# A secret is configuration, valid Unicode (lone surrogates cannot be encoded: a ValueError, as for any str).
# HMAC pads keys with zero bytes, so "k" and "k\0" are the same key by design; leave NUL out of the secrets.
SECRETS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=80)
HEX = "0123456789abcdef"
# Any text a header could carry, surrogates and control characters included.
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=200)


@bounded(150)
@given(body=BODIES, secret=SECRETS)
def test_the_signature_of_any_body_and_secret_verifies(body: bytes, secret: str) -> None:
    signature = sign(body, secret)
    assert verify_signature(body, signature, secret) is True
    assert verify_signature(bytearray(body), f" {signature.upper()}\t", secret) is True  # header case and padding
    assert verify_signature(memoryview(body), signature, secret) is True


@bounded(150)
@given(body=st.binary(min_size=1, max_size=2048), secret=SECRETS, position=st.integers(min_value=0),
       flip=st.integers(min_value=1, max_value=255))
def test_any_changed_body_byte_fails(body: bytes, secret: str, position: int, flip: int) -> None:
    index = position % len(body)
    tampered = body[:index] + bytes([body[index] ^ flip]) + body[index + 1 :]
    assert verify_signature(tampered, sign(body, secret), secret) is False


@bounded(150)
@given(body=BODIES, secret=SECRETS, position=st.integers(min_value=0, max_value=39), digit=st.sampled_from(HEX))
def test_any_changed_signature_digit_fails(body: bytes, secret: str, position: int, digit: str) -> None:
    signature = sign(body, secret)
    assume(signature[position] != digit)
    tampered = signature[:position] + digit + signature[position + 1 :]
    assert verify_signature(body, tampered, secret) is False
    assert verify_signature(body, signature[:position], secret) is False  # truncated
    assert verify_signature(body, signature + digit, secret) is False  # extended


@bounded(150)
@given(body=BODIES, secret=SECRETS, other=SECRETS)
def test_another_secret_fails(body: bytes, secret: str, other: str) -> None:
    assume(secret != other)
    assert verify_signature(body, sign(body, secret), other) is False


@bounded(200)
@given(body=BODIES, secret=SECRETS, signature=st.one_of(
    ANY_TEXT,
    st.text(HEX, max_size=80),
    st.text(HEX + HEX.upper() + " \t", max_size=80),
    st.just(""),
    st.just("0" * 40),
    st.just("f" * 1_000_000),
))
def test_malformed_signatures_are_false_without_raising(body: bytes, secret: str, signature: str) -> None:
    assume(signature.strip().lower() != sign(body, secret))
    assert verify_signature(body, signature, secret) is False


@bounded(100)
@given(body=st.one_of(st.text(max_size=50), st.none(), st.integers(), st.lists(st.integers(), max_size=3),
                      st.dictionaries(st.text(max_size=5), st.integers(), max_size=3)))
def test_a_body_that_is_not_bytes_raises_type_error(body: object) -> None:
    with pytest.raises(TypeError):
        verify_signature(body, "0" * 40, "secret")  # type: ignore[arg-type]


@pytest.mark.parametrize(("signature", "secret"), [(b"0" * 40, "secret"), (40, "secret"), ("0" * 40, b"secret"),
                                                   ("0" * 40, None)])
def test_a_signature_or_secret_that_is_not_text_raises_type_error(signature: object, secret: object) -> None:
    with pytest.raises(TypeError):
        verify_signature(b"{}", signature, secret)  # type: ignore[arg-type]


def test_a_missing_header_is_simply_false() -> None:
    assert verify_signature(b"{}", None, "secret") is False  # type: ignore[arg-type]  # headers.get() of a miss
