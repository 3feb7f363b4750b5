"""Write a province-scale rule pack of SYNTHETIC data, for benchmarks.

    python benchmarks/province_pack.py OUT_DIR [--seed N]

The pack has the bundled pack's shape and policy -- its rules files (grading,
levels, deadlines, dispatch, review, oversight), calendar, levels, activities,
roles, negative list, duties, admission policy and texts and risk list are
copied unchanged -- but about 40 districts' worth of registry and lists:

* 40 districts' towns: the bundled district's 27 (with their bundled sample
  communities) and 39 synthetic districts x 26 = 1,041 towns; 3-5 communities
  per town (>= 4,000) and 4-6 grids per community (>= 20,000);
* the bundled 22 departments plus 20 more (42);
* the bundled 17 list items plus 2,100 generated ones, each owned by 1-3
  departments (drawn with Zipf-like weights, so a few departments own hundreds
  of items and their rulesets get large) with 1-4 grid activities;
* the bundled 2 temporary approvals plus 520 generated ones (each <= 90 days,
  inside 2026, of towns that exist);
* the bundled 38 event types plus 172 generated ones over the same 7
  categories (210).

Everything generated is invented: names are put together from parts (e.g.
"龙石镇" + "和平" + "社区"), and every generated file says so in its header.
It is NOT a real registry, list or taxonomy of any place.  The summed workload
of all listed items is far above the 120 hours/grid/month capacity -- real
lists are not that long; the point here is the size of the rulesets, so every
task's over_capacity flag fires.  That is expected.

Deterministic for a seed (``random.Random(seed)``; no clock, no hash order).
The top unit is one synthetic "province" unit standing where the bundled pack
has the district (its handler is "合成省级样例综治中心").
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

DISTRICTS = 40
TOWNS_PER_DISTRICT = 26
COMMUNITIES_PER_TOWN = (3, 5)
GRIDS_PER_COMMUNITY = (4, 6)
NEW_ITEMS = 2100
NEW_APPROVALS = 520
EVENT_TYPES_PER_CATEGORY = 30
OWNER_SKEW = 0.9  # Zipf exponent of how items are spread over departments  # 7 categories -> 210 types, the bundled 38 among them

# Files generated here; every other policy file of the bundled pack (rules files,
# calendar, levels, activities, roles, negative list, duties, admission policy and
# texts, risk list, ...) is copied byte for byte.
GENERATED = (
    "pack.yaml",
    "organization/units.yaml",
    "organization/registry.yaml",
    "organization/departments.yaml",
    "admission/bodies.yaml",
    "admission/items.yaml",
    "admission/temporary.yaml",
    "events/types.yaml",
)

# Name parts: (Chinese, pinyin).  Combined, they make place names that sound
# plausible and belong to no real place list.
SYLLABLES = [
    ("龙", "long"), ("石", "shi"), ("宝", "bao"), ("金", "jin"), ("青", "qing"), ("安", "an"),
    ("平", "ping"), ("玉", "yu"), ("双", "shuang"), ("高", "gao"), ("凤", "feng"), ("云", "yun"),
    ("清", "qingx"), ("白", "bai"), ("永", "yong"), ("兴", "xing"), ("福", "fu"), ("马", "ma"),
    ("沙", "sha"), ("桥", "qiao"), ("河", "he"), ("新", "xin"), ("古", "gu"), ("东", "dong"),
    ("南", "nan"), ("西", "xi"), ("北", "bei"), ("花", "hua"), ("柳", "liu"), ("松", "song"),
    ("溪", "xix"), ("山", "shan"), ("泉", "quan"), ("林", "lin"), ("桂", "gui"), ("华", "huax"),
]
COMMUNITY_WORDS = [
    ("和平", "heping"), ("北关", "beiguan"), ("五星", "wuxing"), ("双桥", "shuangqiao"), ("新华", "xinhua"),
    ("民主", "minzhu"), ("团结", "tuanjie"), ("红旗", "hongqi"), ("建设", "jianshe"), ("光明", "guangming"),
    ("幸福", "xingfu"), ("朝阳", "chaoyang"), ("滨江", "binjiang"), ("桃园", "taoyuan"), ("金竹", "jinzhu"),
    ("石桥", "shiqiao"), ("兴隆", "xinglong"), ("长岭", "changling"), ("柏林", "bolin"), ("青山", "qingshan"),
]
NEW_DEPARTMENTS = [
    ("jiaowei", "区教育委员会"), ("keji", "区科学技术局"), ("jingxin", "区经济和信息化委员会"),
    ("minzong", "区民族宗教事务委员会"), ("caizheng", "区财政局"), ("shangwu", "区商务委员会"),
    ("wenlv", "区文化和旅游发展委员会"), ("tongji", "区统计局"), ("linye", "区林业局"),
    ("tiyu", "区体育局"), ("renfang", "区人民防空办公室"), ("guozi", "区国有资产监督管理委员会"),
    ("xiangcun", "区乡村振兴局"), ("liangshi", "区粮食和物资储备局"), ("dashuju", "区大数据应用发展管理局"),
    ("tuanwei", "共青团区委"), ("hongshizi", "区红十字会"), ("gonghui", "区总工会"),
    ("shuiwu", "区税务局"), ("youzheng", "区邮政管理局"),
]
ITEM_SUBJECTS = [
    "独居老人", "留守儿童", "出租房屋", "流动人口", "九小场所", "农村自建房", "燃气用户", "电动自行车",
    "校园周边", "集贸市场", "建筑工地", "河道沟渠", "地灾隐患点", "重点人员", "困难群众", "退役军人",
    "残疾人", "老旧小区", "沿街商铺", "养老机构", "特种设备", "危险化学品", "山林防火", "高龄老人",
]
ITEM_ACTIONS = [  # (work, duty, the activities it mostly needs)
    ("走访核查", "D03", ["visit", "report", "collect_info"]), ("巡查报告", "D07", ["patrol", "report"]),
    ("信息采集核实", "D01", ["collect_info", "visit", "report"]), ("政策宣传", "D06", ["publicize"]),
    ("隐患排查报告", "D07", ["patrol", "report", "assist", "dissuade"]), ("动态管理", "D09", ["visit", "report", "care"]),
    ("矛盾排查", "D08", ["visit", "mediate", "report"]), ("关爱帮扶", "D10", ["visit", "care", "proxy_service"]),
    ("基础数据更新", "D02", ["collect_info", "report"]), ("社会面巡逻", "D04", ["patrol", "dissuade", "report"]),
    ("线索发现报告", "D05", ["report", "assist"]), ("心理关怀协助", "D11", ["care", "assist", "visit"]),
]
FREQUENCIES = ["每月", "每季度", "每周", "发现时", "每年", "集中宣传期", "汛期每日"]
APPROVAL_WORK = ["燃气安全入户宣传", "防汛值守巡查", "森林防火巡查", "人口信息集中核查", "节日安全宣传",
                 "秸秆禁烧巡查", "农房安全排查", "反诈集中宣传", "疫苗接种宣传", "文明创建宣传"]
CATEGORY_SUBJECTS = {
    "MD": ["商铺租赁", "农村承包", "养殖", "装修", "停车", "婚恋", "赡养", "宠物", "相邻通行", "合伙经营"],
    "ZA": ["电动车盗窃", "寄递物流", "网络赌博", "传销", "假冒伪劣", "非法营运", "夜间滋扰", "可疑人员", "非法行医", "校园欺凌"],
    "AQ": ["老旧电梯", "广告牌", "边坡", "危岩", "化粪池", "鱼塘", "高空坠物", "充电桩", "液化气瓶", "烟花爆竹"],
    "CG": ["油烟扰民", "渣土撒漏", "绿化损毁", "违规养殖", "乱堆乱放", "河道垃圾", "共享单车", "户外广告", "道路破损", "公厕"],
    "TS": ["孤寡老人", "困境儿童", "失业人员", "重病患者", "失独家庭", "留守老人", "吸毒康复人员", "特困供养", "流浪乞讨", "精神障碍家属"],
    "GW": ["饮用水", "食物中毒", "鼠害", "病媒生物", "职业病", "犬伤", "不明发热", "学校卫生", "医疗废物", "禽类异常死亡"],
    "TF": ["山体滑坡", "内涝", "冰雪灾害", "大风倒树", "森林火情", "燃气爆燃", "建筑垮塌", "溺水险情", "道路塌陷", "停水停电"],
    "SQ": ["供水", "供电", "公交出行", "就医", "入学", "养老服务", "托育", "环境卫生", "物业服务", "办证"],
    "YJ": ["社区治理", "公共设施", "交通组织", "环境改善", "文体活动", "便民服务", "安全防范", "政策宣传", "办事流程", "网格服务"],
}
CATEGORY_SUFFIX = {"MD": "纠纷", "ZA": "线索", "AQ": "隐患", "CG": "问题", "TS": "服务需求", "GW": "异常", "TF": "险情",
                   "SQ": "诉求", "YJ": "建议"}
# (level, grade) shapes per category, in rough proportion to how the bundled types are spread.
CATEGORY_SHAPES = {
    "MD": [("grid", "general"), ("community", "general"), ("town", "significant"), ("town", "major")],
    "ZA": [("community", "general"), ("district", "major"), ("district", "urgent"), ("town", "significant")],
    "AQ": [("community", "general"), ("town", "significant"), ("district", "significant")],
    "CG": [("community", "general"), ("town", "general"), ("town", "significant")],
    "TS": [("community", "general"), ("town", "significant"), ("district", "major")],
    "GW": [("community", "general"), ("town", "significant"), ("district", "urgent")],
    "TF": [("town", "significant"), ("district", "urgent"), ("district", "major")],
    "SQ": [("community", "general"), ("town", "general")],
    "YJ": [("community", "general")],
}

SYNTHETIC = "合成数据（SYNTHETIC）：由 benchmarks/province_pack.py 生成，只供性能测试，不是任何地方的真实登记表、清单或分类。"
_PLAIN = re.compile(r"^[^\s:#,\[\]{}&*!|>'\"%@`?-][^:#,\[\]{}]*$")


def q(value: str) -> str:
    """A YAML scalar: plain when safe in a flow mapping, else double-quoted."""
    if _PLAIN.match(value) and value.strip() == value and not re.fullmatch(r"[-+0-9.eE]+|true|false|null|~", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def header(what: str, seed: int) -> str:
    return (f"# {what}\n# {SYNTHETIC}\n"
            f"# SYNTHETIC DATA generated by benchmarks/province_pack.py --seed {seed}; invented names, not a real ledger.\n")


def bundled_files() -> dict[str, bytes]:
    from gridrules.pack.loader import bundled_root, pack_files

    return dict(pack_files(bundled_root()))


def _weights(n: int, skew: float = 1.1) -> list[float]:
    return [1.0 / (rank + 1) ** skew for rank in range(n)]


def _pick_distinct(rng: random.Random, population: list, weights: list[float], k: int) -> list:
    chosen: list = []
    while len(chosen) < k:
        x = rng.choices(population, weights)[0]
        if x not in chosen:
            chosen.append(x)
    return chosen


def _place(rng: random.Random, used: set[str], parts: int = 2) -> tuple[str, str]:
    """A fresh (Chinese name stem, pinyin id stem) from syllables."""
    for _ in range(1000):
        picked = rng.sample(SYLLABLES, parts)
        pinyin = "".join(p for _, p in picked)
        if pinyin not in used:
            used.add(pinyin)
            return "".join(c for c, _ in picked), pinyin
    raise RuntimeError("ran out of place names")


def generate(seed: int, owner_skew: float = OWNER_SKEW) -> dict[str, str]:
    """relative path -> file text of every generated file."""
    import yaml  # only to read the bundled files' data (types, departments)

    rng = random.Random(seed)
    bundled = bundled_files()
    out: dict[str, str] = {}

    # --- organization ----------------------------------------------------------
    departments = yaml.safe_load(bundled["organization/departments.yaml"])["departments"]
    dept_ids = [d["id"] for d in departments] + [d for d, _ in NEW_DEPARTMENTS]
    lines = [header("职能部门（原22个 + 合成20个）", seed), "departments:"]
    lines += [f"  - {{id: {d['id']}, name: {q(d['name'])}}}" for d in departments]
    lines += [f"  - {{id: {d}, name: {q(n)}}}" for d, n in NEW_DEPARTMENTS]
    out["organization/departments.yaml"] = "\n".join(lines) + "\n"

    # The bundled district's 27 towns (and its sample communities) come first, under
    # their own ids, so the bundled items, approvals and examples still hold; then
    # DISTRICTS - 1 synthetic districts of TOWNS_PER_DISTRICT towns each.
    units = yaml.safe_load(bundled["organization/units.yaml"])
    used_places: set[str] = set()
    towns: list[tuple[str, str, bool]] = []  # id, name, is a street (街道)
    unit_lines = [
        header(f"省级规模的合成单位：{DISTRICTS} 个区的镇街（第一个区是默认规则包的大足区27个镇街，其余为合成）", seed),
        "district:",
        "  id: province",
        "  name: 合成省级样例",
        "  handler_name: 合成省级样例综治中心",
        f"town_handler_name: {q(next(k['handler_name'] for k in units['unit_kinds'] if k['id'] == 'town'))}",
        "towns:",
        f"  # {units['units'][0]['name']}（默认规则包的镇街）",
    ]
    # written in the old two-level form (district, towns), which packs may still use
    for t in units["units"][0]["units"]:
        towns.append((t["id"], t["name"], t["name"].endswith("街道")))
        unit_lines.append(f"  - {{id: {t['id']}, name: {q(t['name'])}}}")
    for d in range(DISTRICTS - 1):
        dname, dpin = _place(rng, used_places)
        unit_lines.append(f"  # {dname}区（合成）")
        town_used: set[str] = set()
        for t in range(TOWNS_PER_DISTRICT):
            tname, tpin = _place(rng, town_used)
            street = t < 6  # the first few of each district are streets, the rest towns
            tid = f"{dpin}_{tpin}"
            name = f"{dname}{tname}{'街道' if street else '镇'}"
            towns.append((tid, name, street))
            unit_lines.append(f"  - {{id: {tid}, name: {q(name)}}}")
    out["organization/units.yaml"] = "\n".join(unit_lines) + "\n"
    # the bundled bodies, the joint meeting sitting at the province's top unit
    out["admission/bodies.yaml"] = header("默认规则包的审定机构（联席会议在合成省级样例）", seed) + \
        bundled["admission/bodies.yaml"].decode("utf-8").replace("    unit: dazu\n", "    unit: province\n")
    town_ids = [t[0] for t in towns]

    reg = [header("村(社区)与网格登记表（合成；开头5个是默认规则包的示例社区）", seed), "sample: true", "communities:"]
    n_communities = n_grids = 0
    taken: set[str] = set()
    for c in yaml.safe_load(bundled["organization/registry.yaml"])["communities"]:
        taken.add(c["id"])
        reg += [f"  - id: {c['id']}", f"    name: {q(c['name'])}", f"    town: {c['town']}", "    grids:"]
        for g in c["grids"]:
            reg.append(f"      - {{id: {g['id']}, name: {q(g['name'])}, kind: {g['kind']}}}")
            n_grids += 1
        n_communities += 1
    for tid, tname, street in towns:
        stem = tname[:-2] if street else tname[:-1]
        words = rng.sample(COMMUNITY_WORDS, rng.randint(*COMMUNITIES_PER_TOWN))
        for word, pin in words:
            cid = f"{tid}-{pin}"
            if cid in taken:
                continue
            cname = f"{stem}{word}{'社区' if street else '村'}"
            reg += [f"  - id: {cid}", f"    name: {q(cname)}", f"    town: {tid}", "    grids:"]
            for g in range(1, rng.randint(*GRIDS_PER_COMMUNITY) + 1):
                kind = "dedicated" if rng.random() < 0.05 else "urban"
                reg.append(f"      - {{id: {cid}-{g:02d}, name: {q(f'{cname}{g:02d}网格')}, kind: {kind}}}")
                n_grids += 1
            n_communities += 1
    out["organization/registry.yaml"] = "\n".join(reg) + "\n"

    # --- admission list -----------------------------------------------------------
    activities = [a["id"] for a in yaml.safe_load(bundled["powers/activities.yaml"])["activities"]]
    act_weights = _weights(len(activities), 0.6)
    categories = yaml.safe_load(bundled["admission/policy.yaml"])["categories"]
    # who owns most: the departments that load grids most in practice first (public
    # security, civil affairs, health, emergency, housing, city management, justice,
    # market regulation), the rest in a seed-shuffled order; Zipf-like weights give
    # the first few hundreds of items each
    heavy = ["gongan", "minzheng", "weijian", "yingji", "zhujian", "chengguan", "sifa", "shichang"]
    rest = [d for d in dept_ids if d not in heavy]
    rng.shuffle(rest)
    dept_order = heavy + rest
    dept_weights = _weights(len(dept_order), owner_skew)
    items_text = bundled["admission/items.yaml"].decode("utf-8").rstrip("\n")
    items = [header("清单事项：默认规则包的17项（原样）+ 合成事项", seed).rstrip("\n"), items_text, "", header(f"以下 {NEW_ITEMS} 项为合成清单事项（编号 L0018 起）。清单合计工作量远超每网格每月120小时上限："
                                    "这是为了测规则集规模，不是政策建议；每个任务都会标注 over_capacity。", seed).rstrip("\n")]
    # a name drawn again (or a bundled item's) is numbered: a lookup by name must tell items apart
    named = {item["name"]: 1 for item in yaml.safe_load(items_text)["items"]}
    for n in range(NEW_ITEMS):
        code = f"L{n + 18:04d}"
        subject = rng.choice(ITEM_SUBJECTS)
        action, duty, usual = rng.choice(ITEM_ACTIONS)
        named[subject + action] = times = named.get(subject + action, 0) + 1
        name = subject + action + (f"（{times}）" if times > 1 else "")
        owners = _pick_distinct(rng, dept_order, dept_weights, rng.choice((1, 1, 2, 2, 3)))
        k = rng.randint(1, 4)
        acts = rng.sample(usual, min(k, len(usual)))
        while len(acts) < k:  # now and then an activity beyond the usual ones
            extra = rng.choices(activities, act_weights)[0]
            if extra not in acts:
                acts.append(extra)
        hours = rng.choice((0.5, 1, 1, 2, 2, 3, 4))
        start = rng.choice((date(2025, 1, 1), date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1), date(2026, 3, 1)))
        approved = start - timedelta(days=rng.randint(10, 40))
        if rng.random() < 0.03:  # approved only lately: not yet in force at an earlier --at
            approved = date(2026, rng.randint(6, 12), rng.randint(1, 28))
            start = approved + timedelta(days=rng.randint(1, 20))
        effective = f"{{from: {start.isoformat()}"
        if rng.random() < 0.2:
            effective += f", to: {date(rng.choice((2026, 2026, 2027)), rng.randint(1, 12), 28).isoformat()}"
        effective += "}"
        if "to:" in effective and effective.split("to: ")[1][:10] < start.isoformat():
            effective = f"{{from: {start.isoformat()}}}"
        towns_field = "all"
        if rng.random() < 0.15:
            towns_field = "[" + ", ".join(rng.sample(town_ids, rng.randint(1, 30))) + "]"
        items += [
            "",
            f"  - id: {code}",
            f"    name: {q(name)}",
            f"    duty: {duty}",
            f"    owners: [{', '.join(owners)}]",
            f"    activities: [{', '.join(acts)}]",
            f"    categories: [{rng.choice(categories)}]",
            f"    frequency: {rng.choice(FREQUENCIES)}",
            f"    hours_per_month: {hours}",
            f"    subsidy: {int(hours * 20)}",
            f"    training: {{owner: {owners[0]}}}",
            f"    towns: {towns_field}",
            f"    effective: {effective}",
            f"    approval: {{session: {approved.year}-{rng.randint(1, 6)}, date: {approved.isoformat()}}}",
        ]
        if rng.random() < 0.03:
            withdrawn = max(approved + timedelta(days=30), date(2026, rng.randint(1, 12), rng.randint(1, 28)))
            items.append(f"    withdrawal: {{session: {withdrawn.year}-{rng.randint(1, 6)}, date: {withdrawn.isoformat()}}}")
        items.append("    basis: 合成数据（基准测试用，非真实清单）")
    out["admission/items.yaml"] = "\n".join(items) + "\n"

    temp = [header("镇街临时事项批复：默认规则包的2项（原样）+ 合成批复", seed).rstrip("\n"),
            bundled["admission/temporary.yaml"].decode("utf-8").rstrip("\n"),
            header(f"以下 {NEW_APPROVALS} 项为合成的镇街专题研究批复（2026年内，每项不超过90日）。", seed).rstrip("\n")]
    per_town: dict[str, int] = {}
    for _ in range(NEW_APPROVALS):
        tid = rng.choice(town_ids)
        per_town[tid] = per_town.get(tid, 0) + 1
        days = rng.randint(10, 90)  # both ends counted
        first = date(2026, 1, 1) + timedelta(days=rng.randint(0, 364 - (days - 1)))
        last = first + timedelta(days=days - 1)
        decided = max(date(2026, 1, 1), first - timedelta(days=rng.randint(0, 15)))
        acts = _pick_distinct(rng, activities, act_weights, rng.randint(1, 3))
        temp += [
            f"  - ref: {tid.upper()}-2026-{per_town[tid]:02d}",
            f"    unit: {tid}",
            f"    decided_on: {decided.isoformat()}",
            f"    work: {rng.choice(APPROVAL_WORK)}",
            f"    activities: [{', '.join(acts)}]",
            f"    from: {first.isoformat()}",
            f"    to: {last.isoformat()}",
        ]
        if rng.random() < 0.03:
            temp.append(f"    withdrawn_on: {(decided + timedelta(days=rng.randint(1, days))).isoformat()}")
    out["admission/temporary.yaml"] = "\n".join(temp) + "\n"

    # --- event types -----------------------------------------------------------------
    types_doc = yaml.safe_load(bundled["events/types.yaml"])
    bundled_types = types_doc["types"]
    ev = [header(f"事件分类：原{len(types_doc['types'])}类 + 合成类型，共 {EVENT_TYPES_PER_CATEGORY * len(types_doc['categories'])} 类", seed),
          f"basis: {q('合成数据：在 区政策说明第6节事件分类表之上按同样的大类生成（基准测试用）')}",
          "categories:"]
    ev += [f"  - {{prefix: {c['prefix']}, name: {q(c['name'])}}}" for c in types_doc["categories"]]
    ev.append("types:")
    for c in types_doc["categories"]:
        prefix = c["prefix"]
        mine = [t for t in bundled_types if t["code"].startswith(prefix)]
        ev.append(f"  # {c['name']}")
        for t in mine:
            ev.append(f"  - {{code: {t['code']}, name: {q(t['name'])}, level: {t['level']}, grade: {t['grade']}, "
                      f"owners: [{', '.join(t['owners'])}]}}")
        number = max(int(t["code"][len(prefix):]) for t in mine) if mine else 0
        subjects = CATEGORY_SUBJECTS[prefix]
        for k in range(EVENT_TYPES_PER_CATEGORY - len(mine)):
            number += 1
            level, grade = rng.choice(CATEGORY_SHAPES[prefix])
            owners = _pick_distinct(rng, dept_order, dept_weights, rng.choice((1, 1, 2, 3)))
            name = f"{subjects[k % len(subjects)]}{CATEGORY_SUFFIX[prefix]}（{k // len(subjects) + 1}类）"
            ev.append(f"  - {{code: {prefix}{number:02d}, name: {q(name)}, level: {level}, grade: {grade}, "
                      f"owners: [{', '.join(owners)}]}}")
    out["events/types.yaml"] = "\n".join(ev) + "\n"

    out["pack.yaml"] = (
        header("省级规模合成规则包", seed)
        + "name: province-synthetic\n"
        + "title: 省级规模合成规则包（基准测试用）\n"
        + "version: 0.1.0\n"
        + f"description: >-\n  {SYNTHETIC}\n  政策（规则文件、日历、权力清单、负面清单、职责）与默认规则包相同；单位、部门、清单、批复和事件分类是按省级规模合成的。\n"
        + 'utc_offset: "+08:00"\n'
        + "sources:\n"
        + "  - id: synthetic\n"
        + f"    title: benchmarks/province_pack.py --seed {seed} 生成的合成数据\n"
        + "    note: 不是真实数据\n"
        + "  - id: policy\n"
        + "    title: 大足区社区网格化治理政策说明（本规则包所依的区级政策文本）\n"
    )
    sizes = {"towns": len(towns), "communities": n_communities, "grids": n_grids,
             "departments": len(dept_ids), "items": 17 + NEW_ITEMS, "approvals": 2 + NEW_APPROVALS,
             "event_types": EVENT_TYPES_PER_CATEGORY * len(types_doc["categories"])}
    minimum = {"towns": 1000, "communities": 4000, "grids": 20000, "departments": 40, "items": 2000,
               "approvals": 500, "event_types": 200}
    short = {k: (sizes[k], v) for k, v in minimum.items() if sizes[k] < v}
    if short:
        raise RuntimeError(f"seed {seed} gave a pack below the promised sizes: {short}")
    out["_sizes"] = sizes  # type: ignore[assignment]
    return out


def write_pack(out_dir: str | os.PathLike, seed: int = 1, owner_skew: float = OWNER_SKEW) -> dict[str, int]:
    """Write the pack into ``out_dir`` (created; existing pack files overwritten); return its sizes."""
    root = Path(out_dir)
    generated = generate(seed, owner_skew)
    sizes = generated.pop("_sizes")
    bundled = bundled_files()
    assert set(generated) == set(GENERATED)
    for rel in sorted(set(bundled) - set(GENERATED)):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bundled[rel])
    for rel, text in generated.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sizes  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", help="folder to write the pack into")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--owner-skew", type=float, default=OWNER_SKEW,
                        help=f"Zipf exponent of how list items are spread over departments (default {OWNER_SKEW}; "
                             "0 spreads them evenly, so no department's partition gets large)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sizes = write_pack(args.out_dir, args.seed, args.owner_skew)
    took = time.perf_counter() - started
    print(f"wrote synthetic province pack to {args.out_dir} (seed {args.seed}, owner skew {args.owner_skew:g}) in {took:.2f}s: "
          + ", ".join(f"{v:,} {k}" for k, v in sizes.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
