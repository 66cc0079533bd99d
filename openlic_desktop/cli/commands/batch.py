"""`openlic batch create|add|remove|list|show` — submission batches (申报批次): the patents meant for one bureau
submission, each with its readiness."""

from __future__ import annotations

from openlic_desktop.services import batches


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("create")
    a.add_argument("name")
    a.add_argument("--profile", required=True)
    a.add_argument("numbers", nargs="*", metavar="NUMBER")
    a.set_defaults(handler=run_create)
    for action, handler in (("add", run_add), ("remove", run_remove)):
        a = actions.add_parser(action)
        a.add_argument("name")
        a.add_argument("numbers", nargs="+", metavar="NUMBER")
        a.set_defaults(handler=handler)
    a = actions.add_parser("list")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("show")
    a.add_argument("name")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_show)


def run_create(args, ctx) -> int:
    info = batches.create_batch(ctx.ws, args.name, args.profile, args.numbers)
    ctx.out.line(ctx.t(f"已建立申报批次 {info.name}（{info.patents} 件）",
                       f"Created batch {info.name} ({info.patents} patents)"))
    return 0


def run_add(args, ctx) -> int:
    added = batches.add_patents(ctx.ws, args.name, args.numbers)
    ctx.out.line(ctx.t(f"已加入 {len(added)} 件", f"Added {len(added)}"))
    return 0


def run_remove(args, ctx) -> int:
    gone = batches.remove_patents(ctx.ws, args.name, args.numbers)
    ctx.out.line(ctx.t(f"已移出 {len(gone)} 件", f"Removed {len(gone)}"))
    return 0


def run_list(args, ctx) -> int:
    ctx.out.table(batches.list_batches(ctx.ws),
                  lambda b: (b.name, b.profile_code, b.patents, batches.STATUS_ZH.get(b.last_status, "—")),
                  lambda b: {"name": b.name, "profile": b.profile_code, "patents": b.patents,
                             "submissions": b.submissions, "last_status": b.last_status or None})
    return 0


def run_show(args, ctx) -> int:
    info = batches.get_batch(ctx.ws, args.name)
    results = batches.batch_readiness(ctx.ws, info.id)
    ctx.out.result({"name": info.name, "profile": info.profile_code,
                    "patents": [r.to_json(ctx.lang) for r in results]},
                   lambda: [f"{r.application_number}\t{ctx.t('就绪', 'ready') if r.ready else ctx.t('待处理', 'to do')}"
                            f"\t{' '.join(f.code for f in r.blockers)}" for r in results])
    return 0 if all(r.ready for r in results) else 1
