"""A realistic, deterministic demo portfolio (same seed and day → same patents).

Numbers of every kind and era with correct check characters, Chinese titles of plausible technology, patents
co-owned with companies, filing dates spread over three decades, and a mix of statuses.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from openlic_desktop.domain.dates import add_years, day_before
from openlic_desktop.domain.identifiers import ApplicationNumber, PatentType, check_character
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.domain.terms import last_day_in_force, patent_year
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit, import_bulk
from openlic_desktop.storage import patents as repo
from openlic_desktop.support.errors import InputError

UNIVERSITIES = ["浙江大学", "华中科技大学", "西安交通大学", "山东大学", "南京理工大学", "华南理工大学",
                "北京理工大学", "上海交通大学"]
COMPANIES = ["杭州海康威视数字技术股份有限公司", "国网浙江省电力有限公司", "中国石油化工股份有限公司",
             "比亚迪股份有限公司", "宁德时代新能源科技股份有限公司", "中联重科股份有限公司", "潍柴动力股份有限公司",
             "美的集团股份有限公司", "中国船舶集团有限公司第七〇二研究所", "江苏恒瑞医药股份有限公司"]
DEPARTMENTS = ["机械工程学院", "电气工程学院", "计算机科学与技术学院", "材料科学与工程学院", "化学工程学院",
               "生命科学学院", "能源与动力工程学院", "土木工程学院", "光电科学与工程学院", "医学院"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志鹏宇浩然子涵欣怡博文思远雨轩晨曦俊杰"

# (technology, objects, IPC, industry)
FIELDS = [
    ("深度学习", ["图像识别方法", "缺陷检测系统", "目标跟踪方法及装置", "语音增强方法"], "G06N", "软件和信息技术服务业"),
    ("锂离子电池", ["正极材料及其制备方法", "电解液", "热管理系统", "隔膜涂层"], "H01M", "电气机械和器材制造业"),
    ("高熵合金", ["涂层的制备方法", "粉末冶金工艺", "焊接接头"], "C22C", "有色金属冶炼和压延加工业"),
    ("光伏组件", ["清洗机器人", "最大功率点跟踪控制方法", "支架"], "H02S", "电气机械和器材制造业"),
    ("桥梁", ["健康监测装置", "预制拼装节点", "减隔震支座"], "E01D", "土木工程建筑业"),
    ("农业无人机", ["变量喷洒系统", "航线规划方法"], "A01M", "农、林、牧、渔专业及辅助性活动"),
    ("肿瘤", ["靶向纳米药物载体", "早期筛查试剂盒", "免疫治疗组合物"], "A61K", "医药制造业"),
    ("污水", ["脱氮除磷工艺", "膜生物反应器", "污泥干化装置"], "C02F", "生态保护和环境治理业"),
    ("数控机床", ["主轴热误差补偿方法", "刀具磨损在线监测装置"], "B23Q", "通用设备制造业"),
    ("氢燃料电池", ["双极板", "膜电极组件及其制备方法"], "H01M", "电气机械和器材制造业"),
    ("5G通信", ["天线阵列", "信道估计方法", "低功耗基站"], "H04B", "计算机、通信和其他电子设备制造业"),
    ("生物可降解塑料", ["聚乳酸复合材料", "发泡成型工艺"], "C08L", "橡胶和塑料制品业"),
]
DESIGN_OBJECTS = ["智能手环", "电动滑板车", "茶具", "台灯", "巡检机器人", "医用推车", "无人机外壳", "充电桩"]
UM_PREFIX = ["一种便携式", "一种可调节的", "一种新型", "一种多功能"]
INV_PREFIX = ["一种基于", "一种用于", "一种"]


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


def _title(rng: random.Random, ptype: PatentType) -> tuple[str, str, str]:
    tech, objects, ipc, industry = rng.choice(FIELDS)
    if ptype is PatentType.DESIGN:
        return f"{rng.choice(DESIGN_OBJECTS)}（{rng.choice(['一', '二', '三', '四'])}）", "", "产品外观设计"
    if ptype is PatentType.UTILITY_MODEL:
        return f"{rng.choice(UM_PREFIX)}{tech}{rng.choice(objects)}", ipc, industry
    prefix = rng.choice(INV_PREFIX)
    joiner = "的" if prefix == "一种基于" else ""
    return f"{prefix}{tech}{joiner}{rng.choice(objects)}", ipc, industry


def generate(count: int, seed: int = 1, today: date | None = None) -> list[PatentFacts]:
    """`count` demo patents; pure function of (count, seed, today)."""
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
        title, ipc, industry = _title(rng, ptype)
        owner = rng.choice(UNIVERSITIES)
        patentees = [owner]
        if rng.random() < 0.18:
            patentees.append(rng.choice(COMPANIES))
        if rng.random() < 0.03:
            patentees.append(rng.choice([u for u in UNIVERSITIES if u != owner]))
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


def load_demo(ws: Workspace, count: int = 300, seed: int = 1, force: bool = False, today: date | None = None,
              progress: Callable[[int, int], bool] | None = None) -> int:
    """Fill an empty database with the demo portfolio (or replace everything with --force). Returns the count."""
    if count < 1 or count > 1_000_000:
        raise InputError("BAD_ARGUMENT", reason="--patents must be between 1 and 1000000")
    facts = generate(count, seed, today)
    with ws.session() as session:
        existing = repo.count_all(session)
        if existing and not force:
            raise InputError("DB_NOT_EMPTY", count=existing)
        if existing:
            repo.delete_all(session)
        chunk = 5000
        for start in range(0, len(facts), chunk):
            import_bulk.insert_rows(session, [(f.number, import_bulk.fact_fields(f), None, None)
                                              for f in facts[start:start + chunk]], None)
            if progress and not progress(min(start + chunk, len(facts)), len(facts)):
                raise InterruptedError("cancelled")
        audit.append(session, ws.user, "demo", [audit.AuditEntry(
            "portfolio", None, "", "demo", "patents", str(existing) if existing else None, str(count))])
    return count
