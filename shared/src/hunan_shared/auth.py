"""OAuth2 bearer JWT validation with scopes, as an API gateway or OIDC provider would issue them.

HS256 with a shared secret (AUTH_JWT_SECRET) for local and simple deployments, or RS256/ES256 against a
JWKS endpoint (AUTH_JWKS_URL). Scopes come from the standard `scope` claim (space-separated) or `scp`.
Scopes are named `<service>:<action>`, e.g. `emergency:declare`, `disability:pii`, `trees:read`.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

import anyio.to_thread
import jwt
import jwt.types
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, SecurityScopes

from hunan_shared.settings import PlatformSettings

bearer = HTTPBearer(auto_error=False, description="OAuth2 bearer JWT with `scope` claim")


@dataclass(frozen=True)
class Principal:
    subject: str
    scopes: frozenset[str]

    def has(self, scope: str) -> bool:
        return scope in self.scopes


def mint_token(
    settings: PlatformSettings, subject: str, scopes: list[str], ttl: dt.timedelta = dt.timedelta(hours=8)
) -> str:
    """A development token signed with the shared secret (the `hunan token` command)."""
    now = dt.datetime.now(dt.UTC)
    claims = {
        "sub": subject,
        "scope": " ".join(sorted(set(scopes))),
        "iss": settings.auth_issuer,
        "aud": settings.auth_audience,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
    }
    return jwt.encode(claims, settings.auth_jwt_secret.get_secret_value(), algorithm="HS256")


JWKS_CACHE_SECONDS = 300
JWKS_REFRESH_COOLDOWN_SECONDS = 5.0


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    """The key set is cached for 5 minutes; a token signed with a key id not in it makes the client fetch the
    set again (key rotation), at most once per cooldown. Keys are not cached apart from the set, so a key
    the provider removed stops verifying at the next fetch. A fetch is bounded by `timeout`: an unreachable
    provider is a 503, not a 401."""
    return jwt.PyJWKClient(
        url,
        cache_keys=False,
        lifespan=JWKS_CACHE_SECONDS,
        timeout=5,
        cooldown_duration=JWKS_REFRESH_COOLDOWN_SECONDS,
    )


# Verified tokens are remembered so a client's every request does not re-check the signature (issue #19): an
# entry is used only before the token's own `exp` and at most TOKEN_CACHE_SECONDS after it was verified (with
# a JWKS that is the key set's lifetime: a key the provider removed stops verifying at most as late as without
# the cache), for the same verification settings; at most TOKEN_CACHE_SIZE entries, the oldest evicted first.
# Tokens that fail verification are never cached.
TOKEN_CACHE_SECONDS = JWKS_CACHE_SECONDS
TOKEN_CACHE_SIZE = 4096
_verified: dict[tuple[str, ...], tuple[Principal, float]] = {}
_verified_lock = threading.Lock()  # JWKS verifications run in worker threads


def _cache_key(settings: PlatformSettings, token: str) -> tuple[str, ...]:
    secret = "" if settings.auth_jwks_url else settings.auth_jwt_secret.get_secret_value()
    return (token, settings.auth_jwks_url or "", secret, settings.auth_audience, settings.auth_issuer)


def cached_principal(settings: PlatformSettings, token: str, now: float | None = None) -> Principal | None:
    """The principal of a token verified before with these settings, while that verification still holds."""
    key = _cache_key(settings, token)
    entry = _verified.get(key)
    if entry is None:
        return None
    principal, until = entry
    if (time.time() if now is None else now) < until:
        return principal
    _verified.pop(key, None)  # expired (the caller verifies again, which says why it fails)
    return None


def _remember(settings: PlatformSettings, token: str, principal: Principal, exp: object) -> None:
    if not isinstance(exp, int | float):
        return
    until = min(float(exp), time.time() + TOKEN_CACHE_SECONDS)
    with _verified_lock:
        while len(_verified) >= TOKEN_CACHE_SIZE:
            _verified.pop(next(iter(_verified)), None)
        _verified[_cache_key(settings, token)] = (principal, until)


def clear_token_cache() -> None:
    with _verified_lock:
        _verified.clear()


def verify_token(settings: PlatformSettings, token: str) -> Principal:
    """Decode and verify a bearer token; raises jwt.InvalidTokenError with a reason. A token verified before
    (see TOKEN_CACHE_SECONDS) is not decoded again."""
    cached = cached_principal(settings, token)
    if cached is not None:
        return cached
    options: jwt.types.Options = {"require": ["exp", "sub"]}
    if settings.auth_jwks_url:
        signing_key = _jwks_client(settings.auth_jwks_url).get_signing_key_from_jwt(token).key
        claims = jwt.decode(
            token,
            signing_key,
            algorithms=["RS256", "ES256"],
            audience=settings.auth_audience,
            issuer=settings.auth_issuer,
            options=options,
        )
    else:
        claims = jwt.decode(
            token,
            settings.auth_jwt_secret.get_secret_value(),
            algorithms=["HS256"],
            audience=settings.auth_audience,
            issuer=settings.auth_issuer,
            options=options,
        )
    principal = Principal(subject=_subject(claims.get("sub")), scopes=_scopes(claims))
    _remember(settings, token, principal, claims.get("exp"))
    return principal


def _subject(raw: object) -> str:
    """The `sub` claim: a non-empty string (an empty one would write audit entries with no actor)."""
    if not isinstance(raw, str) or not raw.strip():
        raise jwt.InvalidTokenError("the sub claim must be a non-empty string")
    return raw


def _scopes(claims: dict[str, object]) -> frozenset[str]:
    """`scope` (space-separated string, RFC 8693) or `scp` (a string or a list of strings); any other shape —
    a number, a boolean, an object, nested lists — makes the token invalid rather than granting something."""
    for name in ("scope", "scp"):
        if name not in claims or claims[name] is None:
            continue
        raw = claims[name]
        if isinstance(raw, str):
            return frozenset(raw.split())
        if isinstance(raw, list) and all(isinstance(item, str) and item and " " not in item for item in raw):
            return frozenset(raw)
        raise jwt.InvalidTokenError(f"the {name} claim must be a string or a list of strings")
    return frozenset()


def _unauthorized(reason: str, scopes: list[str]) -> HTTPException:
    challenge = 'Bearer error="invalid_token"' if reason != "missing bearer token" else "Bearer"
    if scopes:
        challenge += f', scope="{" ".join(scopes)}"'
    return HTTPException(status_code=401, detail=reason, headers={"WWW-Authenticate": challenge})


async def current_principal(
    request: Request,
    security_scopes: SecurityScopes,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
) -> Principal:
    """FastAPI dependency: use as `Security(current_principal, scopes=["emergency:declare"])`.

    Async so that it runs on the event loop, not in a worker thread (a thread hop per dependency showed in the
    request profile, issue #19): a cached or shared-secret (HS256) verification is a few microseconds of CPU;
    only a JWKS verification, which may fetch the key set, goes to a worker thread."""
    settings: PlatformSettings = request.app.state.platform.settings
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("missing bearer token", security_scopes.scopes)
    try:
        principal = cached_principal(settings, credentials.credentials)
        if principal is None and settings.auth_jwks_url:
            principal = await anyio.to_thread.run_sync(verify_token, settings, credentials.credentials)
        elif principal is None:
            principal = verify_token(settings, credentials.credentials)
    except jwt.ExpiredSignatureError:
        raise _unauthorized("token expired", security_scopes.scopes) from None
    except jwt.PyJWKClientConnectionError:
        # The identity provider's key set cannot be fetched: not the client's fault, so not 401.
        raise HTTPException(
            status_code=503,
            detail="the token issuer's key set (JWKS) is unreachable; retry later",
            headers={"Retry-After": "5"},
        ) from None
    except (jwt.InvalidTokenError, jwt.PyJWKClientError) as exc:
        raise _unauthorized(f"invalid token: {exc}", security_scopes.scopes) from None
    missing = [s for s in security_scopes.scopes if not principal.has(s)]
    if missing:
        raise HTTPException(status_code=403, detail=f"token lacks scope(s): {' '.join(missing)}")
    request.state.principal = principal
    return principal
