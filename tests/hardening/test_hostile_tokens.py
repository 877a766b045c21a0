"""A token endpoint that answers a token no header can carry: refused at the exchange, never quoted anywhere.

An access token with CR/LF, NUL or other control characters, a space, non-ASCII text or an absurd length would make
httpx refuse every request with an error that quotes the whole `Authorization` header. The client refuses such a
token where it enters (the exchange's answer, or a shared token file) as `AuthenticationError`; the token is in no
message, repr, chained exception or traceback, and no request carries it.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from inspera import AuthenticationError, ConfigurationError, Inspera
from inspera._budget.shared_dir import SharedToken
from inspera._http.sendable import MAX_TOKEN_CHARS

from tests.hardening.hostile import HostileServer, Request, Side, Wire
from tests.support.secret_guard import SecretGuard

pytestmark = pytest.mark.timeout(60)

TOKEN_PATH = r"^/api/authenticate/token/?$"
MARK = "unsendable-token-7f3a9c"
BAD_TOKENS = {
    "CR LF (header injection)": f"{MARK}\r\nX-Injected: yes",
    "LF alone": f"{MARK}\nmore",
    "NUL": f"{MARK}\x00",
    "DEL": f"{MARK}\x7f",
    "other control character": f"{MARK}\x1b[2J",
    "a space": f"{MARK} second-part",
    "a tab": f"{MARK}\tsecond-part",
    "latin-1 letter": f"{MARK}é",
    "beyond latin-1": f"{MARK}\u2603",
    "too long": MARK + "a" * MAX_TOKEN_CHARS,
}


def token_answer(value: str) -> Callable[[Request, Wire], None]:
    body = json.dumps({"access_token": value, "expires_in": 3600}).encode()
    return lambda _request, wire: wire.answer(200, body)


def chain_texts(error: BaseException) -> list[str]:
    """The str and repr of the error and of every exception chained to it, and the full traceback text."""
    texts = ["".join(traceback.format_exception(error))]
    seen: BaseException | None = error
    while seen is not None:
        texts += [str(seen), repr(seen)]
        seen = seen.__cause__ or seen.__context__
    return texts


@pytest.mark.parametrize("value", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_an_unsendable_token_is_refused_at_the_exchange_and_never_quoted(
    side: Callable[..., Side], server: HostileServer, secret_guard: SecretGuard, value: str
) -> None:
    secret_guard.add_secret(MARK, value)
    server.route("POST", TOKEN_PATH, token_answer(value))
    client = side()
    with pytest.raises(AuthenticationError, match="cannot be sent in an Authorization header") as caught:
        client.run(client.client.tests.get(1))
    assert caught.value.status == 200 and caught.value.path == "/authenticate/token/"
    assert not any(MARK in text for text in chain_texts(caught.value))
    assert MARK not in repr(client.client)
    assert [request.path for request in server.requests] == ["/api/authenticate/token/"]  # nothing sent with it


def test_a_sendable_token_after_a_refused_one_works(side: Callable[..., Side], server: HostileServer) -> None:
    server.route("POST", TOKEN_PATH, token_answer(BAD_TOKENS["CR LF (header injection)"]))
    client = side()
    with pytest.raises(AuthenticationError):
        client.run(client.client.tests.get(1))
    server.route("POST", TOKEN_PATH, token_answer(server.token))
    assert client.run(client.client.tests.get(1)).title == "Organic chemistry"
    assert server.requests[-1].headers["authorization"] == f"Bearer {server.token}"


@pytest.mark.parametrize("value", [BAD_TOKENS["CR LF (header injection)"], BAD_TOKENS["beyond latin-1"]])
def test_an_unsendable_token_in_the_shared_token_file_is_ignored(
    side: Callable[..., Side], server: HostileServer, secret_guard: SecretGuard, tmp_path: Path, value: str
) -> None:
    """A token file (of this user, for this key) holding an unsendable token is not adopted: the client exchanges."""
    secret_guard.add_secret(MARK, value)
    client = side(shared_dir=tmp_path)
    store = client.client._token_file
    assert store is not None
    store.write(SharedToken(value, 3600.0, 4_000_000_000.0))
    assert store.read() is not None  # a well-formed file: only the token's characters disqualify it
    assert client.run(client.client.tests.get(1)).title == "Organic chemistry"
    assert server.requests[0].path == "/api/authenticate/token/"
    assert server.requests[-1].headers["authorization"] == f"Bearer {server.token}"


@pytest.mark.parametrize("option", ["client_id", "api_key"])
@pytest.mark.parametrize("value", ["secret-value-1234\n", "secret-value\r\n1234", "secret-value\x001234"])
def test_credentials_no_header_can_carry_are_a_configuration_error(
    secret_guard: SecretGuard, option: str, value: str
) -> None:
    secret_guard.add_secret(value)
    options = {"client_id": "tenant", "api_key": "key-0123456789", option: value}
    with pytest.raises(ConfigurationError, match="control character") as caught:
        Inspera(base_url="http://127.0.0.1:9/api", **options)
    assert not any(value in text or value.strip() in text for text in chain_texts(caught.value))
