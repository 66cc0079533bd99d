"""`echo PASSWORD | openlic smtp --host HOST [--port N] [--security ssl|starttls|none] [--username U]
[--password-stdin]` — the outgoing mail server; the password goes to the OS keyring only."""

from __future__ import annotations

import sys

from openlic_desktop.services import mailer


def register(p) -> None:
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int)
    p.add_argument("--security", choices=("ssl", "starttls", "none"), default="starttls")
    p.add_argument("--username", default="")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    server = mailer.configure(args.host, args.port, args.security, args.username, password)
    ctx.out.line(ctx.t(f"发信服务器：{server.host}:{server.port}（{server.security}）",
                       f"Mail server: {server.host}:{server.port} ({server.security})"))
    return 0
