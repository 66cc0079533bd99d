"""`openlic contract-check [FILE.docx] [--preview] [--json]` — check a contract template (the shipped one without
FILE): unknown fields, tags Word split, unbalanced blocks, forbidden tags; exit 1 when it has problems."""

from __future__ import annotations

from openlic_desktop.services.licensing import drafting


def register(p) -> None:
    p.add_argument("template", nargs="?", metavar="FILE.docx")
    p.add_argument("--preview", action="store_true", help="print the preview rendered with sample data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    check = drafting.check_template(args.template)

    def lines():
        yield ctx.t(f"模板：{check.path}（版本 {check.version}）", f"Template: {check.path} (version {check.version})")
        for d in check.defects:
            yield "  " + ctx.msg(d.code, where=d.where or "—", detail=d.detail)
        yield ctx.t("检查通过" if check.ok else f"发现 {len(check.defects)} 处问题",
                    "No problems found" if check.ok else f"{len(check.defects)} problem(s) found")
        if args.preview and check.preview:
            yield check.preview

    ctx.out.result({"template": str(check.path), "version": check.version, "ok": check.ok,
                    "fields": check.fields_used,
                    "defects": [{"code": d.code, "kind": d.kind, "where": d.where, "detail": d.detail,
                                 "message": ctx.msg(d.code, where=d.where, detail=d.detail)}
                                for d in check.defects],
                    "preview": check.preview}, lines)
    return 0 if check.ok else 1
