"""Sessions, CSRF, the login rate limit, roles and security headers (OWASP ASVS L1; docs/asvs-l1.md)."""

from __future__ import annotations

from tests.web.conftest import PASSWORD, Site, form_token


def test_pages_send_a_browser_without_a_session_to_login(site: Site) -> None:
    found = site.client.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert found.status_code == 303
    assert found.headers["location"] == "/login?next=/"


def test_login_sets_an_httponly_samesite_session_cookie_and_logout_ends_it(site: Site) -> None:
    client = site.login("ann")
    cookie = next(c for c in client.cookies.jar if c.name == "gr_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    raw = client.get("/login").headers  # any response; the cookie header itself was on the login
    assert "no-store" in raw["cache-control"]
    home = client.get("/")
    assert home.status_code == 200 and "ann" in home.text
    logout = client.post("/logout", data={"csrf_token": form_token(home.text)}, follow_redirects=False)
    assert logout.status_code == 303
    client.cookies.set("gr_session", cookie.value or "")  # replaying the old cookie does not work
    again = client.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert again.status_code == 303


def test_session_cookie_flags(site: Site) -> None:
    page = site.client.get("/login")
    response = site.client.post(
        "/login",
        data={"username": "ann", "password": PASSWORD, "csrf_token": form_token(page.text)},
        follow_redirects=False,
    )
    header = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and "gr_session=" in v)
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header
    # 127.0.0.1 by default: no TLS on loopback, so no Secure flag unless asked for (see test below)
    assert "Secure" not in header


def test_secure_cookies_when_settings_say_so(tmp_path: object) -> None:
    from grassroots.web.settings import WebSettings

    assert WebSettings(host="0.0.0.0").cookies_secure
    assert WebSettings(host="127.0.0.1", secure_cookies=True).cookies_secure
    assert not WebSettings(host="127.0.0.1").cookies_secure


def test_a_wrong_password_is_refused_the_same_as_an_unknown_user(site: Site) -> None:
    for name, password in (("ann", "wrong password!"), ("nobody", PASSWORD)):
        page = site.client.get("/login")
        found = site.client.post(
            "/login", data={"username": name, "password": password, "csrf_token": form_token(page.text)}
        )
        assert found.status_code == 401
        assert "Wrong name or password." in found.text
        assert "gr_session" not in site.client.cookies


def test_login_is_refused_without_its_csrf_token(site: Site) -> None:
    site.client.get("/login")
    found = site.client.post("/login", data={"username": "ann", "password": PASSWORD, "csrf_token": "forged"})
    assert found.status_code == 403
    assert "gr_session" not in site.client.cookies


def test_a_form_post_without_the_session_csrf_token_is_refused(site: Site) -> None:
    client = site.login("ann")
    assert client.post("/logout", data={}).status_code == 403
    assert client.post("/logout", data={"csrf_token": "x" * 43}).status_code == 403
    assert client.get("/").status_code == 200  # still logged in: the forged logouts did nothing


def test_five_failed_logins_a_minute_lock_the_account_and_the_address(site: Site) -> None:
    def attempt(name: str, password: str) -> int:
        page = site.client.get("/login")
        data = {"username": name, "password": password, "csrf_token": form_token(page.text)}
        return site.client.post("/login", data=data, follow_redirects=False).status_code

    assert [attempt("ann", "not the password") for _ in range(5)] == [401] * 5
    assert attempt("ann", PASSWORD) == 429  # the right password no longer helps for a minute
    assert attempt("vic", PASSWORD) == 429  # the same address is locked too


def test_roles_nest_and_are_per_brand(site: Site) -> None:
    from grassroots.store.accounts import User

    ann = User(1, "ann", {"*": "viewer", "dove": "admin"})
    assert ann.allows("admin", "dove") and ann.allows("viewer", "axe") and not ann.allows("analyst", "axe")
    assert ann.role_for() == "admin"
    assert not User(2, "bob", {}).allows("viewer")


def test_every_response_carries_the_security_headers(site: Site) -> None:
    for path in ("/health", "/login", "/api/v1/openapi.json", "/static/app.css", "/api/v1/brands", "/nope"):
        headers = site.client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "server" not in headers


def test_no_page_carries_an_inline_script(site: Site) -> None:
    client = site.login("ann")
    for path in ("/", "/login"):
        text = client.get(path).text
        assert "<script>" not in text and "onclick=" not in text.lower()


def test_login_next_never_leaves_the_site(site: Site) -> None:
    for target, expected in (("//evil.example", "/"), ("https://evil.example", "/"), ("/alerts", "/alerts")):
        page = site.client.get("/login")
        found = site.client.post(
            "/login",
            data={
                "username": "ann",
                "password": PASSWORD,
                "csrf_token": form_token(page.text),
                "next": target,
            },
            follow_redirects=False,
        )
        assert found.headers["location"] == expected
