"""`openlic patentee fill|list|set` — the patentee book (cli.md "Contracts and licences"): every patentee as a
contract's licensor names it (identifier, legal representative, address, the account licence fees go to)."""

from __future__ import annotations

from openlic_desktop.services.licensing import patentees
from openlic_desktop.support.errors import InputError

FIELDS = ("name", "uscc", "id_number", "id_type", "legal_representative", "address", "bank_name", "bank_account",
          "contact", "phone", "email")


def register(p) -> None:
    actions = p.add_subparsers(dest="patentee_command", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("fill", help="add every patentee of the portfolio not yet in the book / 从专利清单补全")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_fill)
    a = actions.add_parser("list", help="list the book / 列出专利权人")
    a.add_argument("--search", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("set", help="change an entry: FIELD=VALUE … / 修改专利权人信息")
    a.add_argument("name", metavar="NAME")
    a.add_argument("values", nargs="+", metavar="FIELD=VALUE", help=", ".join(FIELDS))
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_set)


def changes(pairs: list[str]) -> dict[str, str]:
    """FIELD=VALUE pairs; uscc= or id_number= gives the identifier and says its kind."""
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        field = field.strip().replace("-", "_")
        if not sep or field not in FIELDS:
            raise InputError("BAD_ARGUMENT", reason=f"{pair!r}: expected FIELD=VALUE with FIELD one of "
                                                    f"{', '.join(FIELDS)}")
        out[field] = value.strip()
    if "uscc" in out and "id_number" in out:
        raise InputError("LICENSEE_TWO_IDENTIFIERS")
    if "uscc" in out:
        out.update(id_type="uscc", identifier=out.pop("uscc"))
    elif "id_number" in out:
        from openlic_desktop.domain.licensing import guess_id_type

        number = out.pop("id_number")
        out.update(id_type=out.get("id_type") or guess_id_type(number), identifier=number)
    return out


def run_fill(args, ctx) -> int:
    added = patentees.fill_from_portfolio(ctx.ws)

    def lines():
        yield from added
        yield ctx.t(f"新增 {len(added)} 个专利权人；请补全其证件号码、住所等信息（openlic patentee set）",
                    f"{len(added)} patentees added; fill in their identifiers and addresses (openlic patentee set)")

    ctx.out.result({"added": added}, lines)
    return 0


def run_list(args, ctx) -> int:
    items = patentees.list_patentees(ctx.ws, args.search)
    ctx.out.table(items, lambda e: (e.name, e.identifier, e.address,
                                    ctx.msg("PATENTEE_INCOMPLETE", fields=", ".join(e.missing)) if e.missing else ""),
                  lambda e: e.to_json(), footer=ctx.t(f"共 {len(items)} 个专利权人", f"{len(items)} patentees"))
    return 0


def run_set(args, ctx) -> int:
    entry = patentees.update_patentee(ctx.ws, args.name, **changes(args.values))
    ctx.out.result(entry.to_json(), ctx.t(f"已更新：{entry.name}", f"Updated: {entry.name}"))
    return 0
