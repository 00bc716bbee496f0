"""A synthetic district (示例区, "Example District (synthetic)") with a full-size plan and a countdown ledger.

The published reports give plan sizes, not the task list; a district keeps the list in a countdown
ledger (倒计时工作台账) with checkpoints at the ends of March, June, September and December. No
real ledger is public, so this module generates one, seeded and deterministic, with everything
the workbook reads for two consecutive years (2021 and 2022):

- the plan: 121 annual and 44 long-term tasks for 2021 over the 8 framework areas and 30 lead
  units (Chinese names with English glosses), with deadlines; the 2022 plan carries the tasks
  still delayed at the end of 2021 over and adds new ones;
- the ledger: each task's progress status at 03-31, 06-30, 09-30 and 12-31;
- a report text per year (``data/reports/<region>/<year>.txt``) with headings like the real ones
  (一、/(一)/第一,/1.), plan counts, figures, admitted problems and next-year plans, and its
  provenance (``coverage: full``, ``synthetic: true``);
- the curated tables (``data/curated/<region>/``), with offsets that slice the generated text
  exactly, and the reporting axis set so that some tasks are evidenced, some mentioned, some only
  covered by a blanket claim and some not reported at all;
- the params files ``params/<region>-<year>.yaml``.

Everything a reader sees says it is synthetic (合成示例数据): the report title, the first line of
each text, the provenance, the region name, the task notes.

    python -m policy_review.example [--seed N] [--out ROOT] [--region ID]

writes the files into the project (default) or under ``ROOT``. The same seed gives the same
bytes. The text uses the punctuation of the shipped report texts (ASCII ``,;:()`` beside
Chinese ``。、“”《》``), which the extraction reads.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import paths

REGION = "example"
NAME_ZH = "示例区"
NAME_EN = "Example District (synthetic)"
SYNTHETIC_ZH = "合成示例数据"
YEARS = (2021, 2022)
DEFAULT_SEED = 2021
ANNUAL_TASKS = 121  # the 2021 plan
LONG_TERM_TASKS = 44
CHECKPOINTS = ("03-31", "06-30", "09-30", "12-31")
CN_NUMERALS = "一二三四五六七八九十"

#: Lead units: key → (Chinese name as the ledger writes it, English gloss).
UNITS: dict[str, tuple[str, str]] = {
    "sfj": ("区司法局", "District Justice Bureau"),
    "zfb": ("区政府办公室", "District Government General Office"),
    "fgw": ("区发展改革委", "District Development and Reform Commission"),
    "czj": ("区财政局", "District Finance Bureau"),
    "scj": ("区市场监管局", "District Market Regulation Bureau"),
    "zwb": ("区政务服务管理办", "District Government Services Office"),
    "dsj": ("区大数据发展局", "District Big Data Development Bureau"),
    "sthj": ("区生态环境局", "District Ecology and Environment Bureau"),
    "ghzy": ("区规划自然资源局", "District Planning and Natural Resources Bureau"),
    "zjw": ("区住房城乡建委", "District Housing and Urban-Rural Development Commission"),
    "jtj": ("区交通局", "District Transport Bureau"),
    "nyw": ("区农业农村委", "District Agriculture and Rural Affairs Commission"),
    "wjw": ("区卫生健康委", "District Health Commission"),
    "jw": ("区教委", "District Education Commission"),
    "gafj": ("区公安分局", "District Public Security Sub-bureau"),
    "yjj": ("区应急管理局", "District Emergency Management Bureau"),
    "rsj": ("区人力社保局", "District Human Resources and Social Security Bureau"),
    "sjj": ("区审计局", "District Audit Bureau"),
    "tjj": ("区统计局", "District Statistics Bureau"),
    "swj": ("区商务委", "District Commerce Commission"),
    "mzj": ("区民政局", "District Civil Affairs Bureau"),
    "wlw": ("区文化旅游委", "District Culture and Tourism Commission"),
    "cgj": ("区城市管理局", "District Urban Management Bureau"),
    "xfb": ("区信访办", "District Petitions Office"),
    "bb": ("区委编办", "District Organisation Establishment Office"),
    "ybj": ("区医保局", "District Healthcare Security Bureau"),
    "slj": ("区水利局", "District Water Resources Bureau"),
    "lyj": ("区林业局", "District Forestry Bureau"),
    "tyjr": ("区退役军人事务局", "District Veterans Affairs Bureau"),
    "gzw": ("区国资委", "District State-owned Assets Commission"),
}

#: The task pool by framework area: (kind, name_zh, name_en, lead unit). "a" annual, "l" long-term.
POOL: dict[str, list[tuple[str, str, str, str]]] = {
    "functions": [
        ("a", "动态调整权责清单", "Update the list of powers and responsibilities", "bb"),
        ("a", "清理规范证明事项", "Clean up certification requirements", "sfj"),
        ("a", "推行证明事项告知承诺制", "Introduce notify-and-commit for certifications", "sfj"),
        ("a", "编制政务服务事项清单", "Compile the list of government service items", "zwb"),
        ("a", "推进“一网通办”平台建设", "Build the one-stop online services platform", "dsj"),
        ("a", "落实市场准入负面清单制度", "Apply the negative list for market access", "fgw"),
        ("a", "清理行政审批中介服务事项", "Clean up intermediary services for approvals", "zwb"),
        ("a", "开展涉企收费专项清理", "Special clean-up of fees charged to enterprises", "fgw"),
        ("a", "推进“双随机、一公开”监管全覆盖", "Extend random-inspection supervision to all sectors", "scj"),
        ("a", "健全社会信用体系建设工作机制", "Strengthen the social credit system's mechanisms", "fgw"),
        ("a", "建立信用“红黑名单”发布制度", "Publish credit red and black lists", "fgw"),
        ("a", "开展优化营商环境专项行动", "Special action on the business environment", "fgw"),
        ("a", "推进工程建设项目审批制度改革", "Reform approvals of construction projects", "zjw"),
        ("a", "实施“证照分离”改革全覆盖", "Separate operating permits from business licences", "scj"),
        ("a", "清理妨碍统一市场和公平竞争的政策措施", "Clear policies that hinder fair competition", "scj"),
        ("a", "落实公平竞争审查制度", "Apply fair competition review", "scj"),
        ("a", "推行政务服务“好差评”制度", "Introduce good-or-bad ratings of services", "zwb"),
        ("a", "推进国有企业公司制改革", "Corporatise state-owned enterprises", "gzw"),
        ("a", "规范政府购买服务管理", "Regulate government purchase of services", "czj"),
        ("a", "落实外商投资准入前国民待遇", "Pre-establishment national treatment for foreign investment", "swj"),
        ("l", "坚持深化“放管服”改革", "Keep deepening the streamline-delegate-serve reform", "zwb"),
        ("l", "持续优化营商环境", "Keep improving the business environment", "fgw"),
        ("l", "坚持依法加强事中事后监管", "Keep strengthening supervision during and after approval", "scj"),
        ("l", "持续推进政务数据共享", "Keep advancing government data sharing", "dsj"),
        ("l", "坚持生态环境保护党政同责", "Keep joint Party-government duty for the environment", "sthj"),
        ("l", "持续推进基本公共服务均等化", "Keep equalising basic public services", "fgw"),
        ("l", "坚持落实社会治安综合治理领导责任", "Keep leaders responsible for public order management", "gafj"),
    ],
    "rules": [
        ("a", "制定年度行政规范性文件制定计划", "Plan the year's normative documents", "sfj"),
        ("a", "开展行政规范性文件集中清理", "Concentrated clean-up of normative documents", "sfj"),
        ("a", "落实行政规范性文件合法性审核机制", "Apply legality review of normative documents", "sfj"),
        ("a", "推行规范性文件统一登记、统一编号、统一印发", "Register, number and issue normative documents uniformly", "zfb"),
        ("a", "建立规范性文件目录动态管理制度", "Keep a dynamic catalogue of normative documents", "sfj"),
        ("a", "开展规范性文件备案审查", "Filing review of normative documents", "sfj"),
        ("a", "清理涉及民法典的规范性文件", "Clean up documents affected by the Civil Code", "sfj"),
        ("a", "清理涉及营商环境的规范性文件", "Clean up documents affecting the business environment", "fgw"),
        ("a", "公开征求规范性文件草案意见", "Consult the public on draft normative documents", "zfb"),
        ("a", "评估已施行规范性文件实施效果", "Evaluate normative documents in force", "sfj"),
        ("a", "建立涉企规范性文件听取企业意见制度", "Hear enterprises on documents that concern them", "fgw"),
        ("a", "修订区政府工作规则", "Revise the district government's working rules", "zfb"),
        ("a", "修订区政府常务会议议事规则", "Revise the rules of the executive meeting", "zfb"),
        ("a", "编印区政府规范性文件汇编", "Compile the district's normative documents", "zfb"),
        ("a", "清理涉及机构改革的规范性文件", "Clean up documents affected by institutional reform", "bb"),
        ("a", "建立规范性文件后评估制度", "Set up post-evaluation of normative documents", "sfj"),
        ("a", "规范镇街规范性文件制定程序", "Standardise how townships make normative documents", "sfj"),
        ("a", "公布现行有效规范性文件目录", "Publish the catalogue of documents in force", "zfb"),
        ("a", "开展规范性文件合法性审核业务培训", "Train staff in legality review", "sfj"),
        ("l", "坚持规范性文件“有件必备、有备必审、有错必纠”", "Keep filing, reviewing and correcting every normative document", "sfj"),
        ("l", "坚持规范性文件合法性审核全覆盖", "Keep legality review for all normative documents", "sfj"),
        ("l", "持续开展规范性文件动态清理", "Keep cleaning up normative documents as laws change", "sfj"),
        ("l", "坚持立法建议征集报送", "Keep collecting legislative proposals", "sfj"),
        ("l", "坚持规范性文件公开征求意见", "Keep consulting the public on drafts", "zfb"),
    ],
    "decisions": [
        ("a", "制定年度重大行政决策事项目录", "Publish the catalogue of major decisions", "zfb"),
        ("a", "修订重大行政决策程序规定", "Revise the procedure for major decisions", "sfj"),
        ("a", "建立重大行政决策合法性审查机制", "Set up legality review of major decisions", "sfj"),
        ("a", "开展重大行政决策社会稳定风险评估", "Assess social stability risks of major decisions", "fgw"),
        ("a", "建立重大行政决策专家论证制度", "Set up expert review of major decisions", "zfb"),
        ("a", "推行重大行政决策公众参与制度", "Introduce public participation in major decisions", "zfb"),
        ("a", "开展重大行政决策后评估", "Evaluate major decisions after the fact", "fgw"),
        ("a", "健全政府法律顾问制度", "Strengthen the government legal adviser system", "sfj"),
        ("a", "实现区级部门公职律师全覆盖", "Public-sector lawyers in every district department", "sfj"),
        ("a", "建立重大行政决策档案管理制度", "Keep files on major decisions", "zfb"),
        ("a", "开展重大投资项目决策风险评估", "Assess risks of major investment decisions", "fgw"),
        ("a", "完善政府合同合法性审查制度", "Improve legality review of government contracts", "sfj"),
        ("a", "落实重大行政决策责任追究制度", "Hold decision-makers accountable for major decisions", "zfb"),
        ("a", "推进国土空间规划编制公众参与", "Public participation in spatial planning", "ghzy"),
        ("a", "开展重大民生决策事项民意调查", "Survey opinion on major livelihood decisions", "tjj"),
        ("a", "规范政府投资项目决策程序", "Regularise decisions on government investment", "fgw"),
        ("a", "健全城乡规划听证制度", "Hold hearings on urban and rural planning", "zjw"),
        ("a", "开展重大项目财政承受能力论证", "Assess the fiscal affordability of major projects", "czj"),
        ("l", "坚持重大行政决策法定程序", "Keep the statutory procedure for major decisions", "zfb"),
        ("l", "坚持重大事项集体讨论决定", "Keep collective decisions on major matters", "zfb"),
        ("l", "坚持法律顾问参与重大决策", "Keep legal advisers in major decisions", "sfj"),
        ("l", "持续推进决策公开", "Keep decisions open", "zfb"),
        ("l", "坚持重大决策风险评估", "Keep assessing the risks of major decisions", "fgw"),
    ],
    "enforcement": [
        ("a", "推行行政执法公示制度", "Publish law enforcement information", "sfj"),
        ("a", "推行执法全过程记录制度", "Record the whole enforcement process", "sfj"),
        ("a", "落实重大执法决定法制审核制度", "Legal review of major enforcement decisions", "sfj"),
        ("a", "推进综合行政执法改革", "Reform comprehensive administrative enforcement", "bb"),
        ("a", "开展行政执法案卷评查", "Review enforcement case files", "sfj"),
        ("a", "开展行政执法人员资格清理", "Clean up enforcement officers' credentials", "sfj"),
        ("a", "组织行政执法人员资格考试", "Hold the enforcement credential exam", "sfj"),
        ("a", "制定行政裁量权基准", "Set discretion benchmarks", "sfj"),
        ("a", "开展生态环境执法专项行动", "Special environmental enforcement action", "sthj"),
        ("a", "开展食品药品安全专项整治", "Special action on food and drug safety", "scj"),
        ("a", "开展安全生产执法检查", "Work-safety enforcement inspections", "yjj"),
        ("a", "开展道路运输执法专项整治", "Special action on road transport enforcement", "jtj"),
        ("a", "推进农业综合行政执法改革", "Reform agricultural enforcement", "nyw"),
        ("a", "开展城市管理执法规范化建设", "Standardise urban management enforcement", "cgj"),
        ("a", "开展文化市场综合执法专项行动", "Special action in cultural market enforcement", "wlw"),
        ("a", "开展医疗保障基金监管专项检查", "Inspect medical insurance funds", "ybj"),
        ("a", "开展河道采砂执法整治", "Act against illegal river sand mining", "slj"),
        ("a", "开展森林资源执法专项行动", "Special enforcement on forest resources", "lyj"),
        ("a", "推行轻微违法行为“首违不罚”清单", "Lists of first minor violations not punished", "scj"),
        ("a", "开展卫生健康执法监督检查", "Health enforcement inspections", "wjw"),
        ("a", "开展违法用地专项整治", "Special action on illegal land use", "ghzy"),
        ("a", "开展治安突出问题专项整治", "Special action on public order problems", "gafj"),
        ("l", "坚持严格规范公正文明执法", "Keep enforcement strict, standard, fair and civil", "sfj"),
        ("l", "坚持落实行政执法“三项制度”", "Keep the three enforcement systems", "sfj"),
        ("l", "持续规范行政执法行为", "Keep regularising enforcement conduct", "sfj"),
        ("l", "坚持执法与普法相结合", "Keep combining enforcement with legal education", "sfj"),
        ("l", "持续推进跨部门联合执法", "Keep joint cross-department enforcement", "scj"),
        ("l", "坚持行政执法证件动态管理", "Keep managing enforcement credentials", "sfj"),
        ("l", "持续加强安全生产监管", "Keep strengthening work-safety supervision", "yjj"),
    ],
    "oversight": [
        ("a", "自觉接受区人大及其常委会监督", "Accept oversight by the district people's congress", "zfb"),
        ("a", "办理人大代表建议和政协委员提案", "Handle deputies' suggestions and CPPCC proposals", "zfb"),
        ("a", "落实行政机关负责人出庭应诉制度", "Heads of agencies appear in court", "sfj"),
        ("a", "办理司法建议和检察建议", "Handle judicial and procuratorial suggestions", "sfj"),
        ("a", "开展重点领域审计监督", "Audit key fields", "sjj"),
        ("a", "开展领导干部经济责任审计", "Economic responsibility audits of officials", "sjj"),
        ("a", "推进基层政务公开标准化规范化", "Standardise government openness at the grassroots", "zfb"),
        ("a", "编制政府信息公开工作年度报告", "Publish the annual report on information openness", "zfb"),
        ("a", "规范办理政府信息公开申请", "Handle information disclosure requests", "zfb"),
        ("a", "开展统计造假专项治理", "Special action against falsified statistics", "tjj"),
        ("a", "推进财政预决算公开", "Publish budgets and final accounts", "czj"),
        ("a", "开展政务诚信建设专项行动", "Special action on government integrity", "fgw"),
        ("a", "完善政务服务便民热线工作机制", "Improve the government services hotline", "dsj"),
        ("a", "清理政府部门拖欠企业账款", "Pay off government arrears to enterprises", "czj"),
        ("a", "督促行政机关履行生效裁判", "Ensure agencies carry out court judgments", "sfj"),
        ("a", "推进审计发现问题整改", "Follow up on audit findings", "sjj"),
        ("a", "开展政府采购领域专项检查", "Inspect government procurement", "czj"),
        ("a", "落实政务服务投诉处理机制", "Handle complaints about government services", "zwb"),
        ("l", "坚持自觉接受民主监督", "Keep accepting democratic oversight", "zfb"),
        ("l", "坚持政务公开常态化", "Keep government open as routine", "zfb"),
        ("l", "坚持审计监督全覆盖", "Keep audit coverage complete", "sjj"),
        ("l", "坚持接受舆论监督和社会监督", "Keep accepting media and public oversight", "zfb"),
        ("l", "持续推进政务诚信建设", "Keep building government integrity", "fgw"),
        ("l", "坚持行政机关负责人出庭应诉", "Keep heads of agencies appearing in court", "sfj"),
    ],
    "disputes": [
        ("a", "推进行政复议体制改革", "Reform administrative reconsideration", "sfj"),
        ("a", "规范行政复议案件办理", "Standardise reconsideration case handling", "sfj"),
        ("a", "推行行政复议决定书网上公开", "Publish reconsideration decisions online", "sfj"),
        ("a", "完善人民调解组织网络", "Complete the people's mediation network", "sfj"),
        ("a", "推进行业性专业性调解组织建设", "Build trade and specialist mediation bodies", "sfj"),
        ("a", "开展矛盾纠纷排查化解专项行动", "Special action to find and resolve disputes", "gafj"),
        ("a", "推进信访工作法治化", "Put petitions work on a legal footing", "xfb"),
        ("a", "开展信访积案化解", "Resolve long-standing petition cases", "xfb"),
        ("a", "建设镇街公共法律服务工作站", "Build township public legal service stations", "sfj"),
        ("a", "推进法律援助便民服务", "Make legal aid easier to get", "sfj"),
        ("a", "开展劳动人事争议仲裁调解", "Labour dispute arbitration and mediation", "rsj"),
        ("a", "开展根治欠薪专项行动", "Special action to end unpaid wages", "rsj"),
        ("a", "开展婚姻家庭纠纷调处", "Mediate marriage and family disputes", "mzj"),
        ("a", "做好退役军人矛盾纠纷化解", "Resolve veterans' disputes", "tyjr"),
        ("a", "建立物业纠纷调解机制", "Set up mediation of property management disputes", "zjw"),
        ("a", "开展道路交通事故纠纷调解", "Mediate road accident disputes", "gafj"),
        ("a", "建立诉调对接工作机制", "Link mediation with litigation", "sfj"),
        ("a", "规范行政调解工作", "Standardise administrative mediation", "sfj"),
        ("l", "坚持和发展新时代“枫桥经验”", "Keep and develop the Fengqiao experience", "sfj"),
        ("l", "坚持依法分类处理信访诉求", "Keep sorting petitions by legal channel", "xfb"),
        ("l", "持续推进公共法律服务体系建设", "Keep building the public legal service system", "sfj"),
        ("l", "坚持矛盾纠纷多元化解", "Keep resolving disputes through many channels", "sfj"),
        ("l", "坚持发挥行政复议纠错功能", "Keep correcting errors through reconsideration", "sfj"),
        ("l", "持续开展社会治安风险防控", "Keep managing public order risks", "gafj"),
    ],
    "capacity": [
        ("a", "组织区政府常务会议会前学法", "Law study before executive meetings", "zfb"),
        ("a", "举办领导干部法治专题讲座", "Rule-of-law lectures for leading officials", "sfj"),
        ("a", "开展国家工作人员网上学法考试", "Online law exams for state employees", "rsj"),
        ("a", "组织新任领导干部任前法律知识考试", "Pre-appointment law exams for new leaders", "rsj"),
        ("a", "开展行政执法人员专题培训", "Training for enforcement officers", "sfj"),
        ("a", "制定年度普法责任清单", "List the year's legal education duties", "sfj"),
        ("a", "落实“谁执法谁普法”普法责任制", "Enforcers educate about the law they enforce", "sfj"),
        ("a", "开展民法典宣传月活动", "Civil Code publicity month", "mzj"),
        ("a", "开展宪法宣传周活动", "Constitution week", "sfj"),
        ("a", "推进青少年法治教育", "Legal education for young people", "jw"),
        ("a", "建设法治文化阵地", "Build venues for legal culture", "wlw"),
        ("a", "开展“法律进乡村”活动", "Bring the law to villages", "nyw"),
        ("a", "培育农村“法律明白人”", "Train rural legal knowledge leaders", "nyw"),
        ("a", "将法治内容纳入干部教育培训", "Put the rule of law in officials' training", "rsj"),
        ("a", "开展公务员法律知识年度考核", "Annual law assessment of civil servants", "rsj"),
        ("a", "开展行政复议应诉业务培训", "Training on reconsideration and litigation", "sfj"),
        ("a", "编印领导干部学法用法读本", "Publish a law reader for leading officials", "sfj"),
        ("a", "开展法治示范单位创建", "Model rule-of-law units", "sfj"),
        ("l", "坚持领导干部学法制度", "Keep leading officials studying law", "sfj"),
        ("l", "坚持国家工作人员学法考法", "Keep state employees studying and sitting law exams", "sfj"),
        ("l", "持续推进全民普法", "Keep educating the public about the law", "sfj"),
        ("l", "坚持法治宣传教育常态化", "Keep legal education as routine", "sfj"),
        ("l", "坚持把法治素养作为干部考察内容", "Keep legal literacy in officials' evaluations", "rsj"),
        ("l", "持续开展法治文化建设", "Keep building legal culture", "wlw"),
    ],
    "organisation": [
        ("a", "制定年度法治政府建设工作要点", "Issue the year's key points for the work", "sfj"),
        ("a", "分解年度法治政府建设任务", "Break down the year's tasks", "sfj"),
        ("a", "建立倒计时工作台账", "Set up the countdown ledger", "sfj"),
        ("a", "召开法治政府建设领导小组会议", "Convene the leading group", "zfb"),
        ("a", "开展法治政府建设督察", "Inspect rule-of-law government building", "sfj"),
        ("a", "将法治政府建设纳入年度目标考核", "Include the work in annual performance assessment", "zfb"),
        ("a", "报告上一年度法治政府建设情况", "Report on the previous year", "zfb"),
        ("a", "开展法治政府建设示范创建", "Apply for demonstration status", "sfj"),
        ("a", "编发法治政府建设工作简报", "Publish work bulletins", "zfb"),
        ("a", "开展领导干部年终述法", "Leading officials report on their rule-of-law duties", "sfj"),
        ("a", "落实法治政府建设经费保障", "Fund the work", "czj"),
        ("a", "开展法治政府建设第三方评估", "Third-party evaluation of the work", "tjj"),
        ("a", "建立法治政府建设进展通报制度", "Circulate progress reports", "sfj"),
        ("a", "开展镇街法治政府建设专项检查", "Inspect townships' work", "sfj"),
        ("a", "配齐配强镇街司法所力量", "Staff township justice offices", "sfj"),
        ("l", "坚持党对法治政府建设的领导", "Keep Party leadership over the work", "zfb"),
        ("l", "坚持落实法治建设领导责任", "Keep leaders accountable for rule-of-law building", "zfb"),
        ("l", "坚持法治政府建设年度报告制度", "Keep the annual reporting system", "zfb"),
        ("l", "坚持法治政府建设考核评价", "Keep assessing the work", "sfj"),
        ("l", "坚持督察整改常态化", "Keep inspection and follow-up as routine", "sfj"),
        ("l", "持续加强法治工作队伍建设", "Keep strengthening legal staff", "sfj"),
    ],
}

#: Units that may lead tasks of an area, for the pass that gives every unit a task.
AREA_UNITS: dict[str, tuple[str, ...]] = {
    area: tuple(dict.fromkeys(unit for _, _, _, unit in entries)) for area, entries in POOL.items()
}

DELAY_REASONS = (
    ("机构职能调整", "a change of responsibilities between agencies"),
    ("上级配套政策尚未出台", "the higher level's supporting policy not yet issued"),
    ("疫情防控", "epidemic control"),
    ("前期论证时间较长", "a long preparatory review"),
    ("牵头单位人员变动", "staff changes at the lead unit"),
)

MENTIONED = (
    ("结合实际细化工作措施,有序推进相关工作。", "measures worked out and work advanced"),
    ("加强统筹协调,推动工作落实落地。", "coordination strengthened"),
    ("召开专题会议研究部署,压实工作责任。", "special meetings held, responsibilities assigned"),
    ("建立工作机制,定期调度工作进展。", "a working mechanism set up, progress reviewed"),
    ("按照上级部署稳步推进。", "advanced as the higher level directed"),
)

MENTIONED_LONG_TERM = (
    ("常态化开展相关工作,持续巩固工作成效。", "work carried on as routine"),
    ("坚持问题导向,不断完善工作机制。", "mechanisms kept improving"),
    ("将相关要求融入日常工作,持续推进。", "requirements built into daily work"),
)

CLAIM_ANNUAL = "本领域各项年度任务均按计划推进。"
CLAIM_LONG_TERM = "本领域“长期坚持”任务持续有效推进。"


# --- the text under construction -----------------------------------------------------------


@dataclass(frozen=True)
class Fig:
    """A figure to write into the text: the number as written, its unit and what it counts."""

    number: str
    unit: str
    label_zh: str
    label_en: str
    kind: str = "count"
    qualifier: str = ""
    value: str | None = None  # the number as a value, where it is written in Chinese numerals

    @property
    def raw(self) -> str:
        return f"{self.number}{self.qualifier}{self.unit}"


Piece = str | Fig


@dataclass
class Doc:
    """A report text written piece by piece, recording where each figure lands."""

    year: int
    region_name: str = NAME_ZH
    parts: list[str] = field(default_factory=list)
    length: int = 0
    figures: list[dict] = field(default_factory=list)
    evidence_id: str | None = None  # the evidence item being written, if any

    def write(self, *pieces: Piece) -> tuple[int, int]:
        start = self.length
        for piece in pieces:
            if isinstance(piece, Fig):
                at = self.length
                self._append(piece.raw)
                self.figures.append({
                    "figure_id": f"fig-{self.year}-{len(self.figures) + 1:03d}",
                    "report_year": self.year, "value": piece.value or piece.number, "unit": piece.unit,
                    "qualifier": piece.qualifier, "raw": piece.raw, "label_zh": piece.label_zh,
                    "label_en": piece.label_en, "kind": piece.kind,
                    "evidence_id": self.evidence_id or "", "start": at, "end": self.length,
                })
            else:
                self._append(piece)
        return start, self.length

    def passage(self, *pieces: Piece) -> tuple[int, int, str]:
        start, end = self.write(*pieces)
        return start, end, self.text[start:end]

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --- the plan and the ledger -----------------------------------------------------------------


@dataclass
class Task:
    task_id: str
    year: int
    kind: str  # annual | long_term
    area: str
    name_zh: str
    name_en: str
    unit: str
    deadline: int | None  # index into CHECKPOINTS; None for long-term tasks
    carried_from: str | None = None
    statuses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    on_time: bool = False
    delay_reason: tuple[str, str] | None = None
    reporting: str = "not_reported"
    named_at: tuple[int, int, str] | None = None  # where the report names the task
    evidence: dict | None = None  # the evidence item about it
    committed: bool = False  # last year's report promised it

    @property
    def final(self) -> str:
        return self.statuses[-1]

    @property
    def deadline_date(self) -> str:
        return f"{self.year}-{CHECKPOINTS[self.deadline]}" if self.deadline is not None else ""


def _allocate(rng: random.Random, sizes: dict[str, int], total: int, floor: int) -> dict[str, int]:
    """How many tasks each area gets: its pool size, less random removals down to ``total``."""
    counts = dict(sizes)
    while sum(counts.values()) > total:
        areas = [a for a in counts if counts[a] > floor]
        counts[rng.choice(areas)] -= 1
    return counts


def _select(rng: random.Random, kind: str, total: int, floor: int,
            exclude: set[str] = frozenset()) -> list[tuple[str, tuple]]:
    """``total`` pool entries of a kind over the areas, in pool order within each area."""
    pools = {area: [e for e in entries if e[0] == kind and e[1] not in exclude] for area, entries in POOL.items()}
    counts = _allocate(rng, {a: len(p) for a, p in pools.items()}, total, floor)
    chosen = []
    for area, pool in pools.items():
        keep = sorted(rng.sample(range(len(pool)), counts[area]))
        chosen += [(area, pool[i]) for i in keep]
    return chosen


def _cover_units(rng: random.Random, chosen: list[tuple[str, tuple]], kind: str,
                 exclude: set[str] = frozenset()) -> list[tuple[str, tuple]]:
    """Swap pool entries in so that every unit leads at least one task of the plan."""
    chosen = list(chosen)
    for unit in UNITS:
        if any(entry[3] == unit for _, entry in chosen):
            continue
        names = {entry[1] for _, entry in chosen}
        spare = [(area, e) for area, entries in POOL.items() for e in entries
                 if e[3] == unit and e[0] == kind and e[1] not in names and e[1] not in exclude]
        if not spare:
            continue
        area, entry = rng.choice(spare)
        load = {u: sum(1 for _, e in chosen if e[3] == u) for u in UNITS}
        swappable = [i for i, (a, e) in enumerate(chosen) if a == area and load[e[3]] > 1]
        if swappable:
            chosen[rng.choice(swappable)] = (area, entry)
    order = {name: i for entries in POOL.values() for i, (_, name, _, _) in enumerate(entries)}
    area_order = list(POOL)
    return sorted(chosen, key=lambda ae: (area_order.index(ae[0]), order[ae[1][1]]))


def _deadline(rng: random.Random) -> int:
    return rng.choices(range(4), weights=(1, 3, 2, 4))[0]


def _simulate(rng: random.Random, task: Task) -> None:
    """The task's status at each checkpoint, and the ledger notes."""
    if task.kind == "long_term":
        start = 1 if rng.random() < 0.08 else 0
        slow = rng.random() < 0.05
        for k in range(4):
            if k < start:
                status, note = "not_started", ""
            elif slow and k >= 2:
                reason = rng.choice(DELAY_REASONS)
                task.delay_reason = reason
                status, note = "delayed", f"受{reason[0]}影响,推进缓慢"
            else:
                status, note = "continuing", "持续推进"
            task.statuses.append(status)
            task.notes.append(note)
        _unrated(rng, task)
        return
    d = task.deadline
    start = 1 if d > 0 and rng.random() < 0.2 else 0
    if rng.random() < 0.9:
        done = rng.randint(start, d)
    elif d < 3 and rng.random() < 0.6:
        done = rng.randint(d + 1, 3)
    else:
        done = None
    task.on_time = done is not None and done <= d
    if done is None or done > d:
        task.delay_reason = rng.choice(DELAY_REASONS)
    for k in range(4):
        if done is not None and k >= done:
            status, note = "complete", "已完成" if k == done else ""
        elif k >= d:
            status, note = "delayed", f"受{task.delay_reason[0]}影响,进度滞后"
        elif k >= start:
            status, note = "continuing", "按计划推进"
        else:
            status, note = "not_started", ""
        task.statuses.append(status)
        task.notes.append(note)
    _unrated(rng, task)


def _unrated(rng: random.Random, task: Task) -> None:
    """Now and then a unit does not report back at a checkpoint (never the last one)."""
    for k in range(3):
        if task.statuses[k] != "complete" and rng.random() < 0.03:
            task.statuses[k], task.notes[k] = "not_rated", "责任单位未报送进度"


def _plan(rng: random.Random, year: int, annual: list[tuple[str, tuple]], long_term: list[tuple[str, tuple]],
          carried: list[Task]) -> list[Task]:
    tasks = []
    for i, old in enumerate(carried, start=1):
        tasks.append(Task(f"t-{year}-a{i:03d}", year, "annual", old.area, old.name_zh, old.name_en, old.unit,
                          rng.choice((1, 2)), carried_from=old.task_id))
    for area, (_, zh, en, unit) in annual:
        tasks.append(Task(f"t-{year}-a{len(tasks) + 1:03d}", year, "annual", area, zh, en, unit, _deadline(rng)))
    for i, (area, (_, zh, en, unit)) in enumerate(long_term, start=1):
        tasks.append(Task(f"t-{year}-l{i:02d}", year, "long_term", area, zh, en, unit, None))
    for task in tasks:
        _simulate(rng, task)
    return tasks


# --- reporting: which tasks the report evidences, mentions, claims or leaves out -------------


def _assign_reporting(rng: random.Random, tasks: list[Task]) -> dict[tuple[str, str], bool]:
    """Each task's place in the report; returns which (area, kind) sections carry a blanket claim."""
    claims = {}
    for kind, share in (("annual", 0.6), ("long_term", 0.5)):
        flags = [rng.random() < share for _ in POOL]
        flags[rng.randrange(len(flags))] = True
        flags[rng.randrange(len(flags))] = False
        claims |= {(area, kind): flag for area, flag in zip(POOL, flags)}
    for task in tasks:
        roll = rng.random()
        if task.kind == "annual" and task.final != "complete":
            level = "mentioned" if roll < 0.35 else None
        elif task.committed:
            level = "evidenced" if roll < 0.5 else "mentioned" if roll < 0.75 else None
        elif task.kind == "annual":
            level = "evidenced" if roll < 0.38 else "mentioned" if roll < 0.6 else None
        else:
            level = "evidenced" if roll < 0.3 else "mentioned" if roll < 0.55 else None
        if level is None:
            level = "claimed" if claims[(task.area, task.kind)] else "not_reported"
        task.reporting = level
    return claims


def _evidence_clauses(rng: random.Random, task: Task, region_name: str) -> list[tuple[list[Piece], str]]:
    """One to three concrete clauses (a named document, figures), each with an English gloss."""
    name, en = task.name_zh, task.name_en

    def fig(number, unit, zh, gloss, kind="count", qualifier=""):
        return Fig(str(number), unit, f"{name}:{zh}", f"{gloss} ({en})", kind, qualifier)

    n = rng.randint
    options = [
        lambda: (["明确具体措施", fig(n(5, 24), "项", "具体措施", "concrete measures")], "{} concrete measures"),
        lambda: (["覆盖全区", fig(n(12, 30), "个", "覆盖的镇街", "townships covered"), "镇街"],
                 "{} townships covered"),
        lambda: (["组织", fig(n(8, 46), "个", "参与的区级部门", "district departments taking part"), "区级部门参与"],
                 "{} departments taking part"),
        lambda: (["开展专项培训", fig(n(2, 12), "场", "专项培训场次", "training sessions"), "、培训",
                  fig(n(3, 40) * 50, "人次", "培训人次", "trainees (person-times)", qualifier="余")],
                 "{} training sessions, over {} trainees"),
        lambda: _rectification(rng, fig),
        lambda: (["办理相关案件", fig(n(6, 480), "件", "办理的相关案件", "cases handled")], "{} cases handled"),
        lambda: (["投入经费", fig(n(8, 260), "万元", "投入经费", "funds spent (10,000 yuan)", "money")],
                 "{}0,000 yuan spent"),
        lambda: (["召开专题会议", fig(n(2, 9), "次", "专题会议", "special meetings")], "{} special meetings"),
        lambda: (["公开相关信息", fig(n(20, 900), "条", "公开的信息", "items of information published")],
                 "{} items published"),
        lambda: (["群众满意率达", fig(f"{rng.randint(880, 995) / 10:.1f}", "%", "群众满意率", "public satisfaction",
                                    "percent")], "satisfaction {}%"),
    ]
    picked = rng.sample(options, rng.choice((1, 2, 2)))
    clauses = []
    if task.kind == "annual" and rng.random() < 0.55:
        clauses.append(([f"印发《{region_name}关于{name}的实施方案》"], "implementation plan issued"))
    for make in picked:
        pieces, gloss = make()
        numbers = [p.raw.removesuffix(p.unit).removesuffix(p.qualifier) for p in pieces if isinstance(p, Fig)]
        clauses.append((pieces, gloss.format(*numbers)))
    return clauses


def _rectification(rng: random.Random, fig) -> tuple[list[Piece], str]:
    found = rng.randint(12, 160)
    fixed = rng.randint(found * 8 // 10, found)
    share = f"{fixed / found * 100:.1f}"
    return (["梳理问题", fig(found, "个", "梳理出的问题", "problems found"), ",整改",
             fig(fixed, "个", "已整改的问题", "problems fixed"), ",整改率",
             fig(share, "%", "问题整改率", "share of problems fixed", "percent")],
            "{} problems found, {} fixed ({}%)")


# --- the report text ------------------------------------------------------------------------


@dataclass
class Report:
    """A generated report with the curated rows that point into it."""

    doc: Doc
    evidence: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)
    plan_counts: list[dict] = field(default_factory=list)
    next_counts: tuple[int, int] = (0, 0)


def _areas() -> dict[str, tuple[str, str]]:
    with open(paths.reference_dir() / "areas.csv", encoding="utf-8-sig", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: int(r["order"]))
    return {r["area_id"]: (r["name_zh"], r["name_en"]) for r in rows}


def _plan_count(report: Report, plan_year: int, kind: str, stage: str, span: tuple[int, int, str], note: str) -> None:
    start, end, quote = span
    report.plan_counts.append({
        "count_id": f"pc-{plan_year}-{kind}-{stage}", "plan_year": plan_year, "kind": kind, "stage": stage,
        "count": int("".join(c for c in quote if c.isdigit())), "report_year": report.doc.year,
        "start": start, "end": end, "quote": quote, "note": note})


def _evidence_row(report: Report, path: str, area: str, task: Task | None, kind: str, reporting: str,
                  span: tuple[int, int, str], summary: str) -> dict:
    row = {"evidence_id": f"ev-{report.doc.year}-{len(report.evidence) + 1:03d}", "report_year": report.doc.year,
           "section_path": path, "area_id": area, "task_id": task.task_id if task else "", "kind": kind,
           "reporting": reporting, "start": span[0], "end": span[1], "quote": span[2], "summary_en": summary}
    report.evidence.append(row)
    return row


def _task_item(rng: random.Random, report: Report, number: int, path: str, task: Task) -> None:
    """``N.<task>。<what was done>`` inside an area paragraph, as one evidence item."""
    doc = report.doc
    doc.write(f"{number}.")
    doc.evidence_id = f"ev-{doc.year}-{len(report.evidence) + 1:03d}"
    start = doc.length
    task.named_at = doc.passage(task.name_zh)
    doc.write("。")
    if task.reporting == "evidenced":
        clauses = _evidence_clauses(rng, task, doc.region_name)
        for i, (pieces, _) in enumerate(clauses):
            doc.write("," if i else "", *pieces)
        doc.write("。")
        summary = f"{task.name_en}: " + "; ".join(gloss for _, gloss in clauses) + "."
    elif task.final != "complete" and task.kind == "annual":
        reason = task.delay_reason or DELAY_REASONS[0]
        doc.write(f"受{reason[0]}影响,工作进度滞后,已结转下年度继续推进。")
        summary = f"{task.name_en}: stated as delayed ({reason[1]}), carried over; nothing concrete."
    elif task.kind == "long_term" and task.final != "continuing":
        reason = task.delay_reason or DELAY_REASONS[0]
        doc.write(f"受{reason[0]}影响,推进缓慢。")
        summary = f"{task.name_en}: stated as slow ({reason[1]}); nothing concrete."
    else:
        text, gloss = rng.choice(MENTIONED_LONG_TERM if task.kind == "long_term" else MENTIONED)
        doc.write(text)
        summary = f"{task.name_en}: {gloss}; no figure, document or date."
    doc.evidence_id = None
    end = doc.length
    task.evidence = _evidence_row(report, f"{path}/{number}", task.area, task, task.kind, task.reporting,
                                  (start, end, doc.text[start:end]), summary)


def _area_paragraphs(rng: random.Random, report: Report, tasks: list[Task], kind: str, claims: dict,
                     areas: dict[str, tuple[str, str]], parent: str) -> None:
    doc, n = report.doc, 0
    for area, (area_zh, area_en) in areas.items():
        items = [t for t in tasks if t.area == area and t.kind == kind and t.reporting in ("evidenced", "mentioned")]
        claim = claims[(area, kind)]
        if not items and not claim:
            continue
        ordinal = f"第{CN_NUMERALS[n]}"
        n += 1
        path = f"{parent}/{ordinal}"
        doc.write(f"  {ordinal},{area_zh}。")
        if claim:
            text = CLAIM_ANNUAL if kind == "annual" else CLAIM_LONG_TERM
            what = "annual" if kind == "annual" else "long-term"
            _evidence_row(report, path, area, None, kind, "claimed", doc.passage(text),
                          f"Blanket claim: every {what} task in this area on schedule ({area_en}).")
        for number, task in enumerate(items, start=1):
            _task_item(rng, report, number, path, task)
        doc.write("\n\n")


def _counts_sentence(report: Report, year: int, tasks: list[Task], carried: int) -> None:
    doc = report.doc
    annual = [t for t in tasks if t.kind == "annual"]
    long_term = [t for t in tasks if t.kind == "long_term"]
    completed = [t for t in annual if t.final == "complete"]
    on_time = [t for t in completed if t.on_time]
    delayed = [t for t in annual if t.final != "complete"]
    doc.write(f"  我区{year}年度法治政府建设")
    span = doc.passage("年度任务共", Fig(str(len(annual)), "项", f"{year}年度法治政府建设年度任务",
                                      f"annual rule-of-law government tasks for {year}"))
    _plan_count(report, year, "annual", "assigned", span,
                "Stage assigned: the tasks were broken down to lead units at the start of the year "
                "(合成示例数据, synthetic example data).")
    if carried:
        doc.write("(含上年度结转任务", Fig(str(carried), "项", "上年度结转的年度任务",
                                      "annual tasks carried over from the previous year"), ")")
    doc.write("、")
    span = doc.passage("“长期坚持”任务", Fig(str(len(long_term)), "项", "“长期坚持”任务", "long-term (长期坚持) tasks"))
    _plan_count(report, year, "long_term", "assigned", span, "Stated with the annual tasks; stage assigned as for them.")
    doc.write("。区法治政府建设领导小组办公室于年初印发通知细化分解任务,明确牵头单位和完成时限,以3月、6月、9月、12月",
              Fig("四", "个", "倒计时工作台账的时间节点", "checkpoints of the countdown ledger", value="4"),
              "时间节点建立了倒计时工作台账,逐月调度、逐项销号。截至12月31日,")
    span = doc.passage("年度任务完成", Fig(str(len(completed)), "项", "已完成的年度任务", "annual tasks completed"))
    _plan_count(report, year, "annual", "completed", span, "As the ledger stands at 12-31.")
    doc.write(",其中")
    span = doc.passage("按期完成", Fig(str(len(on_time)), "项", "按期完成的年度任务", "annual tasks completed on time"))
    _plan_count(report, year, "annual", "completed_on_time", span, "Completed by the deadline in the ledger.")
    doc.write(";")
    span = doc.passage(Fig(str(len(delayed)), "项", "进度滞后的年度任务", "annual tasks delayed"), "进度滞后")
    _plan_count(report, year, "annual", "delayed", span, "Not complete at the 12-31 checkpoint; carried over.")
    doc.write(",已结转下年度继续推进。\n\n")


ISSUE_BANK = (
    ("reporting_gaps", "organisation", "部分单位倒计时工作台账进度报送不及时,{k}单位存在未按时报送进度的情况",
     "Some units report ledger progress late: {k} units missed a checkpoint."),
    ("reform_gaps", "functions", "“放管服”改革仍有短板,部分清单动态调整不够及时",
     "The streamlining reform still has gaps; some lists are not updated in time."),
    ("enforcement_quality", "enforcement", "行政执法规范化水平有待提高,执法人员能力素质参差不齐",
     "Enforcement is not standardised enough; enforcement staff vary in quality."),
    ("legal_thinking", "capacity", "部分工作人员运用法治思维和法治方式解决问题的能力不强",
     "Some staff are weak at using rule-of-law thinking to solve problems."),
    ("other", "decisions", "重大行政决策公众参与的广度和深度还不够",
     "Public participation in major decisions is not broad or deep enough."),
    ("reporting_gaps", "organisation", "镇街工作情况反馈不够及时,部分任务进展难以掌握",
     "Townships report back late, so the progress of some tasks is hard to follow."),
)


def _problems(rng: random.Random, report: Report, tasks: list[Task], previous_themes: list[str]) -> None:
    doc = report.doc
    doc.write("  三、存在的问题和不足\n\n  对照年度目标任务,我区法治政府建设仍存在一些不足,主要表现在:")
    delayed = [t for t in tasks if t.kind == "annual" and t.final != "complete"]
    unrated_units = sorted({t.unit for t in tasks if "not_rated" in t.statuses})
    bank = [b for b in ISSUE_BANK if "{k}" not in b[2] or unrated_units]
    if previous_themes:
        again = [b for b in bank if b[0] in previous_themes]
        others = [b for b in bank if b[0] not in previous_themes]
        chosen = rng.sample(again, min(1, len(again))) + rng.sample(others, 2)
    else:
        chosen = rng.sample(bank, 3)
    chosen = sorted(chosen, key=ISSUE_BANK.index)
    clauses: list[tuple[str, str, list[Piece], str]] = []
    if delayed:
        named = delayed[:2]
        names = "、".join(t.name_zh for t in named)
        clauses.append(("uneven_attention", named[0].area,
                        ["部分年度任务推进滞后,", names, "等",
                         Fig(str(len(delayed)), "项", "未能按期完成的年度任务", "annual tasks not completed on time"),
                         "任务未能按期完成"],
                        f"Progress is uneven: {len(delayed)} annual tasks (e.g. "
                        + "; ".join(t.name_en.lower() for t in named) + ") were not completed on time."))
    for theme, area, zh, en in chosen:
        if "{k}" in zh:
            before, after = zh.split("{k}")
            pieces = [before, Fig(str(len(unrated_units)), "个", "未按时报送台账进度的单位",
                                  "units that missed a ledger checkpoint"), after]
            en = en.format(k=len(unrated_units))
        else:
            pieces = [zh]
        clauses.append((theme, area, pieces, en))
    for i, (theme, area, pieces, en) in enumerate(clauses):
        doc.write(f"{CN_NUMERALS[i]}是")
        span = doc.passage(*pieces)
        doc.write(";" if i < len(clauses) - 1 else "。\n\n")
        report.issues.append({"issue_id": f"is-{doc.year}-{i + 1:02d}", "report_year": doc.year, "theme": theme,
                              "area_id": area, "start": span[0], "end": span[1], "quote": span[2], "summary_en": en})


def _plans(rng: random.Random, report: Report, next_year: int, counts: tuple[int, int],
           promised: list[Task]) -> None:
    doc = report.doc
    doc.write(f"  四、下步工作打算\n\n  {next_year}年,我区拟安排法治政府建设")
    span = doc.passage("年度任务", Fig(str(counts[0]), "项", f"{next_year}年拟安排的年度任务",
                                   f"annual tasks planned for {next_year}"))
    _plan_count(report, next_year, "annual", "announced", span, "Outlook for the next year (合成示例数据).")
    doc.write("、")
    span = doc.passage("“长期坚持”任务", Fig(str(counts[1]), "项", f"{next_year}年“长期坚持”任务",
                                       f"long-term tasks for {next_year}"))
    _plan_count(report, next_year, "long_term", "announced", span, "Outlook for the next year.")
    doc.write(",重点做好以下工作:\n\n")
    for i, task in enumerate(promised):
        marker = f"({CN_NUMERALS[i]})"
        doc.write(f"  {marker}")
        month = int(CHECKPOINTS[task.deadline][:2]) if task.deadline is not None else 12
        span = doc.passage(f"{task.name_zh}。由{UNITS[task.unit][0]}牵头,{month}月底前完成。")
        doc.write("\n\n")
        report.commitments.append({
            "commitment_id": f"cm-{doc.year}-{i + 1:02d}", "report_year": doc.year, "for_year": next_year,
            "section_path": f"四/{marker}", "area_id": task.area,
            "task_id": task.task_id if task.task_id.startswith(f"t-{next_year}-") else "",
            "start": span[0], "end": span[1], "quote": span[2],
            "summary_en": f"{task.name_en}, led by the {UNITS[task.unit][1]}, by the end of month {month}."})


def _report(rng: random.Random, year: int, tasks: list[Task], claims: dict, areas: dict, carried: int,
            next_counts: tuple[int, int], promised: list[Task], previous_themes: list[str],
            name_zh: str) -> Report:
    report = Report(Doc(year, name_zh))
    doc = report.doc
    doc.write(f"【{SYNTHETIC_ZH}】本文由程序生成,仅用于演示法治政府建设年度报告审读工作簿,不是任何政府发布的真实报告,"
              "文中地区、单位、任务和数字均为虚构。\n\n")
    doc.write(f"{name_zh}人民政府关于{year}年度法治政府建设情况的报告（{SYNTHETIC_ZH}）\n\n")
    doc.write(f"  {year}年,{name_zh}坚持以法治政府建设为重点,对照法治政府建设实施方案和年度工作要点,"
              "逐项推进各项任务。现将有关情况报告如下。\n\n")
    doc.write(f"  一、{year}年度推进法治政府建设的主要举措和成效\n\n")
    _counts_sentence(report, year, tasks, carried)
    doc.write("  (一)年度任务完成情况\n\n")
    _area_paragraphs(rng, report, tasks, "annual", claims, areas, "一/(一)")
    doc.write("  (二)“长期坚持”任务推进情况\n\n")
    _area_paragraphs(rng, report, tasks, "long_term", claims, areas, "一/(二)")
    doc.write("  二、党政主要负责人履行推进法治建设第一责任人职责情况\n\n"
              "  区政府主要负责人认真履行推进法治建设第一责任人职责,全年主持召开区政府常务会议专题研究法治政府建设工作",
              Fig(str(rng.randint(2, 6)), "次", "区政府常务会议专题研究法治政府建设",
                  "executive meetings on rule-of-law government"),
              ",听取法治政府建设情况汇报",
              Fig(str(rng.randint(2, 4)), "次", "听取法治政府建设情况汇报", "progress reports heard"),
              ",带头旁听行政诉讼庭审",
              Fig(str(rng.randint(2, 5)), "次", "主要负责人旁听行政诉讼庭审", "court hearings attended by the head"),
              "。\n\n")
    _problems(rng, report, tasks, previous_themes)
    _plans(rng, report, year + 1, next_counts, promised)
    doc.write("  五、其他需要报告的情况\n\n"
              f"  本报告及其所列单位、任务、数字均为{SYNTHETIC_ZH},由程序按固定随机种子生成,不对应任何真实地区。\n\n"
              f"  {name_zh}人民政府({SYNTHETIC_ZH})\n")
    report.next_counts = next_counts
    return report


# --- the region: plan, ledger, reports, curated tables ---------------------------------------


@dataclass
class Region:
    region: str
    seed: int
    name_zh: str
    name_en: str
    plans: dict[int, list[Task]]
    reports: dict[int, Report]
    followups: list[dict]
    dates: dict[int, tuple[str, str]]


def build(seed: int = DEFAULT_SEED, region: str = REGION, name_zh: str = NAME_ZH,
          name_en: str = NAME_EN) -> Region:
    """Generate the region in memory: same seed, same region."""
    rng = random.Random(seed)
    areas = _areas()
    y1, y2 = YEARS
    annual = _cover_units(rng, _select(rng, "a", ANNUAL_TASKS, 8), "a")
    long_term = _select(rng, "l", LONG_TERM_TASKS, 3)
    plan1 = _plan(rng, y1, annual, long_term, [])
    carried = [t for t in plan1 if t.kind == "annual" and t.final != "complete"]
    new2 = rng.randint(92, 104)
    annual2 = _cover_units(rng, _select(rng, "a", new2, 6, {t.name_zh for t in carried}), "a",
                           {t.name_zh for t in carried})
    plan2 = _plan(rng, y2, annual2, long_term, carried)
    # last year's report promises six of next year's new tasks, in different areas
    fresh = [t for t in plan2 if t.kind == "annual" and not t.carried_from]
    by_area: dict[str, list[Task]] = {}
    for t in fresh:
        by_area.setdefault(t.area, []).append(t)
    promised = [rng.choice(by_area[a]) for a in sorted(rng.sample(sorted(by_area), 6), key=list(POOL).index)]
    for t in promised:
        t.committed = True
    claims1 = _assign_reporting(rng, plan1)
    claims2 = _assign_reporting(rng, plan2)
    report1 = _report(rng, y1, plan1, claims1, areas, 0, (new2, LONG_TERM_TASKS), promised, [], name_zh)
    # the 2022 report promises work for 2023: pool tasks not in the 2022 plan (no task list for 2023)
    names2 = {t.name_zh for t in plan2}
    later = [(area, e) for area, entries in POOL.items() for e in entries if e[0] == "a" and e[1] not in names2]
    later = rng.sample(later, min(5, len(later)))
    promised3 = [Task(f"next-{i}", y2 + 1, "annual", area, zh, en, unit, _deadline(rng))
                 for i, (area, (_, zh, en, unit)) in enumerate(later)]
    themes1 = [row["theme"] for row in report1.issues]
    report2 = _report(rng, y2, plan2, claims2, areas, len(carried), (rng.randint(90, 110), LONG_TERM_TASKS),
                      promised3, themes1, name_zh)
    followups = _followups(report1, plan2)
    dates = {}
    for year in YEARS:
        written = f"{year + 1}-02-{rng.randint(10, 20):02d}"
        published = f"{year + 1}-03-{rng.randint(1, 25):02d}"
        dates[year] = (written, published)
    return Region(region, seed, name_zh, name_en, {y1: plan1, y2: plan2}, {y1: report1, y2: report2},
                  followups, dates)


def _followups(report: Report, plan: list[Task]) -> list[dict]:
    """What the next report says of each commitment, from the reporting of the task it promised."""
    by_id = {t.task_id: t for t in plan}
    rows = []
    for i, c in enumerate(report.commitments, start=1):
        task = by_id[c["task_id"]]
        row = {"followup_id": f"fu-{task.year}-{i:02d}", "commitment_id": c["commitment_id"],
               "report_year": task.year, "start": "", "end": "", "quote": "", "reason": ""}
        if task.reporting in ("evidenced", "mentioned"):
            ev = task.evidence
            status = ("evidenced" if task.reporting == "evidenced"
                      else "delayed" if task.final != "complete" else "mentioned")
            row |= {"status": status, "start": ev["start"], "end": ev["end"], "quote": ev["quote"],
                    "summary_en": f"{task.year} report, {ev['section_path']}: {ev['summary_en']}"}
        else:
            why = ("only a blanket claim for its area covers it" if task.reporting == "claimed"
                   else "the report says nothing about it")
            row |= {"status": "not_found", "reason": f"{task.task_id} is {task.reporting}: {why}",
                    "summary_en": f"Not found in the {task.year} report ({task.reporting.replace('_', ' ')})."}
        rows.append(row)
    return rows


# --- writing the files ----------------------------------------------------------------------


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k, "")) for k in columns})
    return out.getvalue()


def _provenance(r: Region, year: int) -> str:
    written, published = r.dates[year]
    return f"""\
# Provenance of {year}.txt: SYNTHETIC example data ({SYNTHETIC_ZH}), generated by
# `python -m policy_review.example --seed {r.seed} --region {r.region}`; no government published it.
region: {r.region}
region_name_zh: {r.name_zh}（合成示例）
region_name_en: {r.name_en}
report_year: {year}
title: {r.name_zh}人民政府关于{year}年度法治政府建设情况的报告（{SYNTHETIC_ZH}）
title_en: Report of the {r.name_en.replace(' (synthetic)', '')} People's Government on building a rule-of-law government in {year} (synthetic example data)
publisher: {r.name_zh}人民政府办公室（{SYNTHETIC_ZH}）
publisher_en: General Office of the {r.name_en.replace(' (synthetic)', '')} People's Government (synthetic)
index_number: SYNTHETIC-{r.region}-{year}
written: {written}
published: {published}
address: null
address_note: synthetic example data, not published anywhere
coverage: full
coverage_note: full text as generated (seed {r.seed})
synthetic: true
synthetic_note: generated by policy_review.example to demonstrate the workbook with a full-size plan and a countdown ledger; the district, units, tasks and numbers are invented
license_note: synthetic data generated by the policy-review package
"""


def files(r: Region) -> dict[str, str]:
    """Every file of the region, by path relative to the project root, with its text."""
    from .schema import CURATED

    out: dict[str, str] = {}
    tasks, ledger = [], []
    tables: dict[str, list[dict]] = {name: [] for name in CURATED}
    for year in YEARS:
        report = r.reports[year]
        out[f"data/reports/{r.region}/{year}.txt"] = report.doc.text
        out[f"data/reports/{r.region}/{year}.yaml"] = _provenance(r, year)
        out[f"params/{r.region}-{year}.yaml"] = (
            f"# One run of notebooks/year_review.ipynb: {r.name_en}, {year} ({SYNTHETIC_ZH}, synthetic example data).\n"
            f"region: {r.region}\nyear: {year}\nlang: en\n")
        for name in ("plan_counts", "evidence", "issues", "commitments"):
            tables[name] += getattr(report, name)
        tables["figures"] += report.doc.figures
        for t in r.plans[year]:
            note = f"{SYNTHETIC_ZH} (synthetic example data): a task of the generated countdown ledger"
            if t.carried_from:
                note += f"; carried over from {t.carried_from}, delayed at {year - 1}-12-31"
            named = t.named_at or ("", "", "")
            tasks.append({"task_id": t.task_id, "plan_year": year, "kind": t.kind, "name_zh": t.name_zh,
                          "name_en": t.name_en, "area_id": t.area, "lead_unit": UNITS[t.unit][0],
                          "deadline": t.deadline_date, "basis": "stated", "reporting": t.reporting,
                          "progress": t.final, "report_year": year, "start": named[0], "end": named[1],
                          "quote": named[2], "note": note})
            for checkpoint, status, note in zip(CHECKPOINTS, t.statuses, t.notes):
                ledger.append({"task_id": t.task_id, "checkpoint": f"{year}-{checkpoint}", "status": status,
                               "note": note})
    tables["tasks"] = tasks
    tables["followups"] = r.followups
    tables["ledger"] = ledger
    for name, table in CURATED.items():
        out[f"data/curated/{r.region}/{table.file}"] = _csv(table.column_names, tables[name])
    return out


def generate(seed: int = DEFAULT_SEED, region: str = REGION, name_zh: str = NAME_ZH,
             name_en: str = NAME_EN) -> dict[str, str]:
    """The region's files (path relative to the project root → text), generated from ``seed``."""
    return files(build(seed, region, name_zh, name_en))


def write(root: Path | str | None = None, seed: int = DEFAULT_SEED, region: str = REGION,
          name_zh: str = NAME_ZH, name_en: str = NAME_EN) -> list[Path]:
    """Write the region's files under ``root`` (default: the project); return the paths written."""
    root = Path(root) if root is not None else paths.root()
    written = []
    for relative, text in generate(seed, region, name_zh, name_en).items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policy_review.example",
                                     description="Generate the synthetic example district (合成示例数据).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--out", help="project root to write under (default: this project)")
    parser.add_argument("--region", default=REGION, help=f"region id (default {REGION})")
    args = parser.parse_args(argv)
    written = write(args.out, args.seed, args.region)
    print(f"wrote {len(written)} files for region {args.region} (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
