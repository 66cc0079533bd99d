"""A realistic, deterministic demo portfolio (same seed and day → same patents).

One office's own patents, some co-owned with its partners; numbers of every kind and era with correct check
characters; titles a technology-transfer office recognises — an invention a method or a product, a utility model
always a product, each with its head noun, each field only from the years it existed; filing dates spread over
three decades, a mix of statuses; and the patentee book filled so contracts can be drafted at once.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, timedelta

from openlic_desktop.domain.dates import add_years, day_before
from openlic_desktop.domain.identifiers import (
    ApplicationNumber,
    PatentType,
    check_character,
    uscc_check_character,
)
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.domain.terms import last_day_in_force, patent_year
from openlic_desktop.services import demo_progress, demo_reports
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import patents as repo
from openlic_desktop.support.errors import InputError

# One office's portfolio: its own patents, some co-owned with the partners it works with. Invented names, so the
# demo never seems to state facts about real institutions.
OFFICE = "东海理工大学"
PARTNERS = ["东海电气集团股份有限公司", "江南新能源科技股份有限公司", "华东精密机床有限公司", "海港智能装备有限公司",
            "清源环保科技股份有限公司", "康宁生物医药股份有限公司", "东海省农业科学院"]
DEPARTMENTS = ["机械工程学院", "电气工程学院", "计算机科学与技术学院", "材料科学与工程学院", "化学工程学院",
               "生命科学学院", "能源与动力工程学院", "土木工程学院", "光电科学与工程学院", "医学院"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志鹏宇浩然子涵欣怡博文思远雨轩晨曦俊杰"


# A field: from which year it is filed in (no deep learning in 1998, no 5G before 2016), its IPC and industry,
# invention titles (methods and products), and utility-model titles, which name products only (Patent Law
# Art 2(3): a utility model protects a product's shape or structure — never a method, process or composition).
class Field:
    def __init__(self, since: int, ipc: str, industry: str, inventions: list[str], utility_models: list[str],
                 partner: str = ""):
        self.since, self.ipc, self.industry = since, ipc, industry
        self.inventions, self.utility_models = inventions, utility_models
        self.partner = partner  # who co-owns the joint research in this field



FIELDS = [
    Field(2013, "G06V", "软件和信息技术服务业",
          ["一种基于深度学习的图像缺陷检测方法", "一种基于深度学习的语音增强方法", "一种基于深度学习的目标跟踪方法及装置",
           "一种基于注意力机制的遥感图像分割方法", "一种轻量化卷积神经网络的模型压缩方法"],
          ["一种视觉检测用环形光源装置", "一种工业相机快换安装支架", "一种带自动对焦的读码器",
           "一种流水线视觉分拣装置"], "海港智能装备有限公司"),
    Field(1998, "H01M", "电气机械和器材制造业",
          ["一种锂离子电池高镍正极材料及其制备方法", "一种锂离子电池用阻燃电解液", "一种锂离子电池组热管理系统",
           "一种硅碳负极材料及其制备方法", "一种锂离子电池荷电状态估计方法"],
          ["一种锂离子电池模组散热结构", "一种电池包泄压防爆阀", "一种电芯极耳焊接夹具", "一种电池模组绝缘端板"],
          "江南新能源科技股份有限公司"),
    Field(2005, "C22C", "有色金属冶炼和压延加工业",
          ["一种高熵合金耐磨涂层的制备方法", "一种高熵合金粉末及其激光熔覆方法", "一种耐高温高熵合金及其熔炼方法",
           "一种高熵合金薄板的轧制方法"],
          ["一种激光熔覆同轴送粉喷嘴", "一种真空电弧熔炼炉坩埚"], "华东精密机床有限公司"),
    Field(2000, "H02S", "电气机械和器材制造业",
          ["一种光伏阵列最大功率点跟踪控制方法", "一种光伏组件热斑检测方法", "一种光伏电站发电功率预测方法",
           "一种光伏逆变器孤岛检测方法"],
          ["一种光伏组件清洗机器人", "一种倾角可调的光伏支架", "一种光伏组件接线盒", "一种屋顶光伏压块"],
          "江南新能源科技股份有限公司"),
    Field(1990, "E01D", "土木工程建筑业",
          ["一种桥梁结构健康监测方法", "一种预制桥墩的拼装施工方法", "一种斜拉索索力识别方法",
           "一种钢箱梁顶推施工方法"],
          ["一种桥梁减隔震支座", "一种预制拼装桥墩连接节点", "一种桥梁伸缩缝装置", "一种桥梁检测用吊篮"],
          "东海电气集团股份有限公司"),
    Field(2014, "A01M", "农、林、牧、渔专业及辅助性活动",
          ["一种植保无人机航线规划方法", "一种基于多光谱图像的作物病害识别方法", "一种果园变量施药方法"],
          ["一种植保无人机变量喷洒装置", "一种植保无人机药箱", "一种果园风送式喷雾机"], "东海省农业科学院"),
    Field(1990, "A61K", "医药制造业",
          ["一种靶向肿瘤的纳米药物载体及其制备方法", "一种肿瘤早期筛查试剂盒", "一种抗肿瘤化合物及其制备方法",
           "一种缓释微球制剂的制备方法"],
          ["一种病理标本转运箱", "一种输液加温器", "一种可调式静脉穿刺固定架"], "康宁生物医药股份有限公司"),
    Field(1990, "C02F", "生态保护和环境治理业",
          ["一种污水同步脱氮除磷工艺", "一种膜生物反应器及其运行方法", "一种含盐废水零排放处理方法",
           "一种污泥热水解预处理方法"],
          ["一种污泥低温干化装置", "一种一体化污水处理设备", "一种曝气管防堵装置", "一种格栅除污机"],
          "清源环保科技股份有限公司"),
    Field(1990, "B23Q", "通用设备制造业",
          ["一种数控机床主轴热误差补偿方法", "一种刀具磨损在线监测方法", "一种五轴机床几何误差辨识方法",
           "一种薄壁零件铣削振动抑制方法"],
          ["一种数控机床伸缩式防护罩", "一种刀具磨损在线监测装置", "一种零点快换夹具", "一种机床切削液过滤装置"],
          "华东精密机床有限公司"),
    Field(2003, "H01M", "电气机械和器材制造业",
          ["一种燃料电池膜电极组件及其制备方法", "一种燃料电池低温冷启动控制方法", "一种质子交换膜及其制备方法"],
          ["一种燃料电池金属双极板", "一种燃料电池堆端板", "一种氢气循环泵"], "东海电气集团股份有限公司"),
    Field(2016, "H04B", "计算机、通信和其他电子设备制造业",
          ["一种5G基站的信道估计方法", "一种5G小基站的低功耗调度方法", "一种毫米波波束管理方法"],
          ["一种5G基站天线抱杆安装结构", "一种室内分布系统天线"], "海港智能装备有限公司"),
    Field(2000, "C08L", "橡胶和塑料制品业",
          ["一种聚乳酸复合材料及其发泡成型方法", "一种全生物降解地膜及其制备方法", "一种淀粉基可降解材料的改性方法"],
          ["一种可降解餐盒成型模具", "一种吹膜机冷却风环"], "清源环保科技股份有限公司"),
]
# (product, from which year it exists)
DESIGN_OBJECTS = [("智能手环", 2013), ("电动滑板车", 2010), ("茶具", 1990), ("台灯", 1990), ("巡检机器人", 2012),
                  ("医用推车", 1990), ("无人机", 2014), ("充电桩", 2009)]
# the industry (国民经济行业分类, GB/T 4754) of the product a design is applied to: a fee note names it as 所属行业
DESIGN_INDUSTRIES = {"智能手环": "计算机、通信和其他电子设备制造业", "电动滑板车": "铁路、船舶、航空航天和其他运输设备制造业",
                     "茶具": "非金属矿物制品业", "台灯": "电气机械和器材制造业", "巡检机器人": "通用设备制造业",
                     "医用推车": "专用设备制造业", "无人机": "铁路、船舶、航空航天和其他运输设备制造业",
                     "充电桩": "电气机械和器材制造业"}


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _number(rng: random.Random, filing: date, kind: str, used: set[str]) -> ApplicationNumber:
    while True:
        if filing < date(2003, 10, 1):
            digits = f"{filing.year % 100:02d}{kind}{rng.randrange(100000):05d}"
        else:
            digits = f"{filing.year}{kind}{rng.randrange(10**7):07d}"
        if digits not in used:
            used.add(digits)
            return ApplicationNumber(digits, check_character(digits))


def _title(rng: random.Random, ptype: PatentType, filing: date) -> tuple[str, str, str, str]:
    """Title, IPC, industry and the field's partner."""
    if ptype is PatentType.DESIGN:
        product = rng.choice([name for name, since in DESIGN_OBJECTS if since <= filing.year])
        return product, "", DESIGN_INDUSTRIES[product], ""
    field = rng.choice([f for f in FIELDS if f.since <= filing.year])
    titles = field.inventions if ptype is PatentType.INVENTION else field.utility_models
    return rng.choice(titles), field.ipc, field.industry, field.partner


def generate(count: int, seed: int = 1, today: date | None = None, office: str = OFFICE) -> list[PatentFacts]:
    """`count` demo patents of one office; pure function of (count, seed, today, office)."""
    rng = random.Random(seed)
    today = today or date.today()
    used: set[str] = set()
    out: list[PatentFacts] = []
    for _ in range(count):
        roll = rng.random()
        ptype = PatentType.INVENTION if roll < 0.55 else PatentType.UTILITY_MODEL if roll < 0.9 else PatentType.DESIGN
        pct = rng.random() < 0.04
        kind = {PatentType.INVENTION: "8" if pct else "1", PatentType.UTILITY_MODEL: "9" if pct else "2",
                PatentType.DESIGN: "3"}[ptype]
        span_days = (today - date(1996, 1, 1)).days
        # most of a university portfolio is recent
        filing = today - timedelta(days=int(span_days * rng.random() ** 2.2) + 30)
        if filing < date(2003, 10, 1) and kind in "89":
            kind = "1" if ptype is PatentType.INVENTION else "2"
        number = _number(rng, filing, kind, used)
        title, ipc, industry, partner = _title(rng, ptype, filing)
        patentees = [office]
        if partner and rng.random() < 0.2:  # joint research with the field's partner: a co-owner
            patentees.append(partner)
        inventors = [_person(rng) for _ in range(rng.randint(1, 6))]
        lead_time = {PatentType.INVENTION: rng.randint(500, 1400)}.get(ptype, rng.randint(120, 300))
        grant = filing + timedelta(days=lead_time)
        expiry = last_day_in_force(ptype, filing)
        status = Status.IN_FORCE
        fees_paid_until: date | None = None
        if grant > today:
            status, grant = Status.PENDING, None
        elif expiry < today:
            status = Status.EXPIRED
            fees_paid_until = expiry
        else:
            r = rng.random()
            year = patent_year(filing, today)
            if r < 0.12:
                status = Status.LAPSED
                fees_paid_until = day_before(add_years(filing, max(1, year - rng.randint(1, 3))))
            elif r < 0.16:
                # due date passed within the last few months: in the grace period
                fees_paid_until = day_before(add_years(filing, year - 1))
            else:
                fees_paid_until = min(day_before(add_years(filing, year)), expiry)
        out.append(PatentFacts(
            number=number, title=title, patent_type=ptype, filing_date=filing, grant_date=grant, status=status,
            patentees=patentees, inventors=inventors, fees_paid_until=fees_paid_until, ipc=ipc,
            department=rng.choice(DEPARTMENTS), industry=industry,
            contact_person=_person(rng) if rng.random() < 0.7 else "",
            contact_phone=f"0571-8{rng.randrange(10**7):07d}" if rng.random() < 0.7 else "",
        ))
    return out


# The patentee book of the demo: each patentee as a contract's licensor names it (invented, valid identifiers)
_BOOK_STREETS = ["学府路", "科技大道", "滨江路", "工业园区创新路", "港湾大道", "清源路", "康宁街", "农科路"]


def _demo_uscc(index: int, organisation: str) -> str:
    first = f"{'12' if organisation == 'public' else '91'}330100{index:09d}"
    return first + uscc_check_character(first)


def demo_book(office: str = OFFICE) -> list[dict[str, str]]:
    """The demo's patentee-book entries: the office (a public institution) and its partners."""
    out = []
    for index, name in enumerate([office, *PARTNERS]):
        public = name == office or name.endswith(("大学", "科学院"))
        out.append({
            "name": name, "id_type": "uscc", "identifier": _demo_uscc(index + 1, "public" if public else "company"),
            "legal_representative": ("李" if public else "陈") + ("明德" if index % 2 else "立新"),
            "address": f"东海市{_BOOK_STREETS[index % len(_BOOK_STREETS)]}{18 + index * 7}号",
            "bank_name": "中国工商银行东海分行" if name == office else "",
            "bank_account": f"1202 0211 0900 {index:04d} 188" if name == office else "",
            "contact": "技术转移中心" if name == office else "知识产权部",
            "phone": f"0571-8{7000000 + index * 1111:07d}",
        })
    return out


def load_demo(ws: Workspace, count: int = 300, seed: int = 1, force: bool = False, today: date | None = None,
              progress: Callable[[int, int], bool] | None = None, office_work: bool = True) -> int:
    """Fill an empty database with the demo portfolio (or replace everything with --force), and the patentee
    book with its patentees; with `office_work`, a dozen of the patents taken through the office's work
    (services.demo_progress; off for benchmarks that write their own). The office is the one in the settings when
    it is set. Returns the count.

    One job: everything is one transaction (Workspace.one_job), so a failure at any step, `progress` returning
    False (InterruptedError) or Ctrl-C leaves the database as it was — never patents without the work the demo
    shows on them, nor a portfolio replaced by half a demo (the evaluation reports' files it put in the attachment
    store are taken out again). `progress(done, total)` counts chunks of patents written, the patentee book, the
    evaluation reports and the stages of the office's work."""
    from openlic_desktop.support import settings as settings_module

    if count < 1 or count > 1_000_000:
        raise InputError("BAD_ARGUMENT", reason="--patents must be between 1 and 1000000")
    office = settings_module.load().office.name.strip() or OFFICE
    facts = generate(count, seed, today, office)
    day = today or date.today()
    # the reports' files go to the attachment store, outside the transaction: taken out again if it is undone
    fresh = demo_reports.files_not_yet_stored(facts, seed, day) if office_work else []
    try:
        _load(ws, facts, force, office, office_work, seed, day, progress)
    except BaseException:
        demo_reports.take_back(fresh)
        raise
    return count


CHUNK = 5000  # patents written (and audited) at a time


def _load(ws: Workspace, facts: list[PatentFacts], force: bool, office: str, office_work: bool, seed: int,
          day: date, progress: Callable[[int, int], bool] | None) -> None:
    from openlic_desktop.services.licensing import patentees as patentee_book

    count, chunk = len(facts), CHUNK
    chunks = -(-count // chunk)
    # progress counts the chunks, the books and, with the office's work, the reports and its stages
    total = chunks + 1 + (1 + len(demo_progress.STAGES) if office_work else 0)

    def advance(done: int) -> None:
        if progress is not None and not progress(done, total):
            raise InterruptedError("cancelled")

    with ws.one_job() as job:
        with job.session() as session:
            existing = repo.count_all(session)
            if existing and not force:
                raise InputError("DB_NOT_EMPTY", count=existing)
            if existing:
                repo.delete_all(session)
            for index, start in enumerate(range(0, len(facts), chunk)):
                part = facts[start:start + chunk]
                repo.insert_many(session, part)
                # one "created" record per chunk naming its numbers, as an import has (a record per patent would
                # add 100,000 records for the window's audit check to walk at a demo of that size): each patent's
                # History shows it, source "demo", instead of nothing (storage.audit.patent_history)
                audit.append(session, job.user, "demo", [audit.AuditEntry(
                    "demo", audit.DEMO_CREATED, "", "create", "patents", None,
                    json.dumps([f.number.canonical for f in part]))])
                advance(index + 1)
            audit.append(session, job.user, "demo", [audit.AuditEntry(
                "portfolio", None, "", "demo", "patents", str(existing) if existing else None, str(count))])
        known = {e.name for e in patentee_book.list_patentees(job)}
        for entry in demo_book(office):
            name = entry.pop("name")
            if name in known:
                patentee_book.update_patentee(job, name, **entry)
            else:
                patentee_book.add_patentee(job, name, **entry)
        advance(chunks + 1)
        if not office_work:
            return
        # a share of the utility models and designs evaluated by CNIPA, so that they too can be offered
        demo_reports.attach_reports(job, facts, seed, day)
        advance(chunks + 2)
        # a dozen of them taken through the office's work, so every stage of it has something to show
        demo_progress.take_further(job, facts, seed, day,
                                   lambda done, _total: progress is None or progress(chunks + 2 + done, total))
