"""Verified bearer tokens are cached only while the verification holds (issue #19: no signature check per
request): never past the token's `exp`, never for other verification settings, never for a failed token."""

from __future__ import annotations

import datetime as dt
import time

import jwt
import pytest

from hunan_shared import auth
from hunan_shared.settings import PlatformSettings


@pytest.fixture(autouse=True)
def _empty_cache():
    auth.clear_token_cache()
    yield
    auth.clear_token_cache()


def _settings(secret: str = "s" * 32) -> PlatformSettings:
    return PlatformSettings(auth_jwt_secret=secret)


def _token(settings: PlatformSettings, ttl: dt.timedelta = dt.timedelta(hours=1), **claims) -> str:
    return auth.mint_token(settings, claims.pop("sub", "alice"), claims.pop("scopes", ["toy:read"]), ttl=ttl)


def _count_decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    decode = jwt.decode

    def counting(token, *args, **kwargs):
        calls.append(token)
        return decode(token, *args, **kwargs)

    monkeypatch.setattr(auth.jwt, "decode", counting)
    return calls


def test_a_verified_token_is_not_decoded_again(monkeypatch):
    settings = _settings()
    token = _token(settings)
    calls = _count_decodes(monkeypatch)
    first = auth.verify_token(settings, token)
    assert auth.verify_token(settings, token) == first and first.has("toy:read")
    assert calls == [token]


def test_the_cache_never_outlives_the_token():
    settings = _settings()
    token = _token(settings, ttl=dt.timedelta(seconds=30))
    principal = auth.verify_token(settings, token)
    exp = jwt.decode(token, options={"verify_signature": False})["exp"]
    assert auth.cached_principal(settings, token, now=exp - 1) == principal
    assert auth.cached_principal(settings, token, now=exp) is None  # at `exp` it is expired, as PyJWT says
    assert auth.cached_principal(settings, token) is None  # and the entry is gone


def test_an_expired_token_is_refused_even_when_it_was_verified_before():
    settings = _settings()
    token = _token(settings, ttl=dt.timedelta(seconds=1))
    auth.verify_token(settings, token)
    exp = jwt.decode(token, options={"verify_signature": False})["exp"]
    time.sleep(max(0.0, exp - time.time()) + 0.05)  # PyJWT reads the wall clock: let the token really expire
    with pytest.raises(jwt.ExpiredSignatureError):
        auth.verify_token(settings, token)


def test_entries_are_bounded_by_the_cache_lifetime_too(monkeypatch):
    settings = _settings()
    token = _token(settings, ttl=dt.timedelta(days=30))
    principal = auth.verify_token(settings, token)
    now = time.time()
    assert auth.cached_principal(settings, token, now=now + auth.TOKEN_CACHE_SECONDS - 5) == principal
    assert auth.cached_principal(settings, token, now=now + auth.TOKEN_CACHE_SECONDS + 5) is None


def test_a_token_cached_under_one_secret_is_refused_under_another():
    first, second = _settings("a" * 32), _settings("b" * 32)
    token = _token(first)
    auth.verify_token(first, token)
    with pytest.raises(jwt.InvalidSignatureError):
        auth.verify_token(second, token)
    audience = PlatformSettings(auth_jwt_secret="a" * 32, auth_audience="someone-else")
    with pytest.raises(jwt.InvalidAudienceError):
        auth.verify_token(audience, token)


def test_a_failed_token_is_not_cached(monkeypatch):
    settings = _settings()
    forged = _token(_settings("x" * 32))
    calls = _count_decodes(monkeypatch)
    for _ in range(2):
        with pytest.raises(jwt.InvalidSignatureError):
            auth.verify_token(settings, forged)
    assert calls == [forged, forged]
    no_subject = jwt.encode(
        {"sub": "", "aud": settings.auth_audience, "iss": settings.auth_issuer, "exp": time.time() + 60},
        settings.auth_jwt_secret.get_secret_value(),
        algorithm="HS256",
    )
    for _ in range(2):
        with pytest.raises(jwt.InvalidTokenError):
            auth.verify_token(settings, no_subject)
    assert auth.cached_principal(settings, no_subject) is None


def test_the_cache_is_bounded_in_size(monkeypatch):
    monkeypatch.setattr(auth, "TOKEN_CACHE_SIZE", 3)
    settings = _settings()
    tokens = [_token(settings, sub=f"user-{i}") for i in range(5)]
    for token in tokens:
        auth.verify_token(settings, token)
    assert len(auth._verified) == 3
    assert auth.cached_principal(settings, tokens[0]) is None  # the oldest went first
    assert auth.cached_principal(settings, tokens[-1]).subject == "user-4"
