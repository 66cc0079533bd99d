"""`openlic batch create|add|remove|list|show|todo` — submission batches (申报批次): the patents meant for one bureau
submission, each with its readiness, and what is left for them grouped by the step that clears each group."""

from __future__ import annotations

from openlic_desktop.services import batches, remaining
from openlic_desktop.services import profiles as profile_service


def _intermixed(parser_class: type) -> type:
    """A parser class for the batch actions, whose numbers may come before and after the options, as the README
    writes `batch create NAME --profile CODE NUMBER…`: plain argparse stops filling positionals at the first option."""

    class Intermixed(parser_class):
        _inside = False  # parse_known_intermixed_args calls parse_known_args itself (twice)

        def parse_known_args(self, args=None, namespace=None):
            if self._inside:
                return super().parse_known_args(args, namespace)
            self._inside = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._inside = False

    return Intermixed


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_intermixed(type(p)))
    actions.required = True
    a = actions.add_parser("create")
    a.add_argument("name")
    a.add_argument("--profile", help="bureau profile (default: the active one)")
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
    a = actions.add_parser("todo", help="what is left, grouped, with the step that fixes each group / 待办事项")
    a.add_argument("name")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_todo)


def run_create(args, ctx) -> int:
    info = batches.create_batch(ctx.ws, args.name, args.profile or profile_service.active_code(), args.numbers)
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


def _numbers(numbers: list[str]) -> str:
    return " ".join(numbers) if len(numbers) <= 4 else "NUMBER…"


def step_command(group: remaining.LeftGroup) -> str:
    """The command line that takes the step (NUMBER… stands for the group's patents, listed by --json)."""
    n = _numbers(group.numbers)
    return {
        "office_contact": "openlic office set contact=… phone=… email=…",
        "attach_reports": "openlic attach-dir DIR --kind evaluation-report",
        "report_details": "openlic attach NUMBER FILE --kind evaluation-report --conclusion … --report-no … --date …",
        "consent": f'openlic consent --owner "{group.owner}" --all-owned [--file FILE.pdf]',
        "patentee_ids": f'openlic patentee set "{group.owner}" uscc=… (or id_type=… id_number=…)',
        "price": f"openlic price {n} --mode … [--until-expiry | --term-months N] [--free-months N]",
        "fee_note": f"openlic fee-note {n} --method industry|earlier-fees|own-revenue|royalty-rate|valuation",
        "commit": f"openlic commit {n} --all",
        "signoff": f"openlic --user NAME signoff {n} --role {group.role or 'preparer'}",
        "obstacle": f"openlic check {n}",
    }[group.step]


def run_todo(args, ctx) -> int:
    left = remaining.what_is_left(ctx.ws, args.name)
    data = left.to_json()
    for g, item in zip(left.groups, data["groups"], strict=True):
        item["command"] = step_command(g)

    def lines():
        yield ctx.msg("LEFT_HEAD", batch=left.batch, profile=left.profile, total=left.total, ready=left.ready)
        if not left.groups:
            yield ctx.msg("LEFT_NOTHING")
        for g in left.groups:
            mark = ctx.t("阻止", "blocker") if g.blocking else ctx.t("提醒", "warning")
            code, params = g.message
            yield f"[{mark}] " + ctx.msg(code, **params)
            yield f"    {step_command(g)}"

    ctx.out.result(data, lines)
    return 0 if not any(g.blocking for g in left.groups) else 1
