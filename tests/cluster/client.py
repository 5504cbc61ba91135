"""A small HTTP client for the cluster test: cookies kept by hand (the production cookies are
Secure, and the servers speak plain HTTP on loopback), forms read from the page as a browser
would send them, and multipart uploads."""

import http.client
import secrets
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from bs4 import BeautifulSoup


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Client:
    host: str
    port: int
    cookies: dict = field(default_factory=dict)
    timeout: float = 30

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            headers = dict(headers or {})
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for value in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(value)
                for name, morsel in cookie.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            conn.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None):
        """POST `fields` (a list of pairs) urlencoded, or multipart when there are `files`
        ({name: (filename, bytes, content type)}); the CSRF token comes from the cookie."""
        fields = list(fields)
        if "csrftoken" in self.cookies and not any(name == "csrfmiddlewaretoken" for name, _ in fields):
            fields.append(("csrfmiddlewaretoken", self.cookies["csrftoken"]))
        if not files:
            body = urllib.parse.urlencode(fields).encode()
            return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in fields:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, data, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def form(self, path, selector="form"):
        """The fields of the form at `path` as a browser would submit them, without its buttons."""
        page = self.get(path)
        assert page.status == 200, f"GET {path} answered {page.status}"
        form = BeautifulSoup(page.body, "html.parser").select_one(selector)
        assert form is not None, f"no {selector} on {path}"
        fields = []
        for element in form.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            if not name or element.has_attr("disabled"):
                continue
            if element.name == "textarea":
                fields.append((name, element.text))
            elif element.name == "select":
                chosen = [o for o in element.find_all("option") if o.has_attr("selected")]
                if not chosen and not element.has_attr("multiple"):
                    chosen = element.find_all("option")[:1]
                fields.extend((name, option.get("value", option.text)) for option in chosen)
            else:
                kind = element.get("type", "text").lower()
                if kind in ("submit", "button", "image", "reset", "file"):
                    continue
                if kind in ("checkbox", "radio") and not element.has_attr("checked"):
                    continue
                fields.append((name, element.get("value", "on" if kind in ("checkbox", "radio") else "")))
        return fields

    def sign_in(self, username, password, via="/admin/login/"):
        self.get(via)  # the CSRF cookie
        return self.post(via, [("username", username), ("password", password), ("next", "/admin/")])
