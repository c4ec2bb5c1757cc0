/**
 * The interface text, Chinese first. Every key in `zh` must exist in `en` (the type says so).
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
export const zh = {
  "app.title": "电子商务进农村综合示范",
  "app.shortTitle": "示范",
  "app.subtitle": "河北省 2017 年示范县管理平台",

  "lang.switch": "English",
  "lang.switchShort": "EN",

  "nav.home": "首页",
  "nav.province": "示范县总览",
  "nav.county": "本县概况",
  "nav.menu": "菜单",
  "nav.logout": "退出登录",

  "role.province_admin": "省级管理员",
  "role.province_viewer": "省级查看（财政/扶贫）",
  "role.city_viewer": "市级查看",
  "role.city_admin": "市商务局",
  "role.county_admin": "县级管理员",
  "role.county_viewer": "县级查看",
  "role.contractor": "承办企业",
  "role.station_manager": "站点管理员",
  "role.assessor": "第三方评估机构",

  "login.username": "用户名",
  "login.password": "密码",
  "login.submit": "登录",
  "login.usernameRequired": "请输入用户名",
  "login.passwordRequired": "请输入密码",
  "login.failed": "登录失败",

  "home.welcome": "欢迎，{name}",
  "home.role": "角色",
  "home.region": "所属地区",
  "home.openProvince": "查看示范县总览",
  "home.openCounty": "查看本县概况",
  "home.more": "更多功能正在建设中。",

  "county.status.selected": "已入选",
  "county.status.implementing": "实施中",
  "county.status.accepted": "已验收",
  "county.status.failed": "未通过",

  "province.title": "示范县总览",
  "province.countiesStat": "示范县",
  "province.countiesUnit": "个县",
  "province.subsidyStat": "中央财政补助",
  "province.villagesStat": "行政村",
  "province.poorVillagesStat": "建档立卡贫困村",
  "province.chartTitle": "各县行政村数",
  "province.chartVillages": "行政村",
  "province.chartPoor": "贫困村",
  "province.tableTitle": "示范县名单",

  "col.county": "县（市、区）",
  "col.city": "所属市",
  "col.code": "区划代码",
  "col.batch": "批次",
  "col.subsidy": "中央补助",
  "col.status": "状态",
  "col.townships": "乡镇",
  "col.villages": "行政村",
  "col.residentsCommittees": "居委会",
  "col.poorVillages": "贫困村",

  "county.townships": "乡镇",
  "county.villages": "行政村",
  "county.residentsCommittees": "居委会",
  "county.poorVillages": "贫困村",
  "county.stations": "服务站点（运营中 / 已登记）",
  "county.subsidy": "中央补助",
  "county.batch": "{batch} 年批次",
  "county.villageListTitle": "村级单位",
  "county.searchPlaceholder": "按村名称或代码搜索",
  "county.allTownships": "全部乡镇",
  "county.allKinds": "全部类型",
  "county.total": "共 {total} 条",

  "village.code": "村代码",
  "village.name": "村名称",
  "village.township": "乡镇",
  "village.kind": "类型",
  "village.kind.village_committee": "行政村",
  "village.kind.residents_committee": "居委会",
  "village.population": "常住人口",
  "village.isPoor": "建档立卡贫困村",
  "village.hasBroadband": "通宽带",

  "common.yes": "是",
  "common.no": "否",
  "common.none": "—",
  "common.retry": "重试",
  "common.backHome": "返回首页",
  "demo.tag": "演示数据",
  "demo.tooltip": "此值为合成的演示数据，不是真实统计，请在导入县级数据后替换。",

  "common.exportExcel": "导出 Excel",
  "common.exportExcelHint": "下载本页表格（.xlsx）",

  "error.title": "出错了",
  "error.network": "无法连接服务器，请检查网络后重试",
  "error.forbidden": "无权访问",
  "error.notFound": "页面不存在",
  "error.notFoundHint": "您访问的页面不存在。",
} as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  "app.title": "E-commerce into Rural Areas Demonstration",
  "app.shortTitle": "Shifan",
  "app.subtitle": "Hebei 2017 demonstration counties",

  "lang.switch": "中文",
  "lang.switchShort": "中",

  "nav.home": "Home",
  "nav.province": "County overview",
  "nav.county": "My county",
  "nav.menu": "Menu",
  "nav.logout": "Sign out",

  "role.province_admin": "Province administrator",
  "role.province_viewer": "Province viewer (finance/poverty)",
  "role.city_viewer": "City viewer",
  "role.city_admin": "City commerce bureau",
  "role.county_admin": "County administrator",
  "role.county_viewer": "County viewer",
  "role.contractor": "Contractor",
  "role.station_manager": "Station manager",
  "role.assessor": "Third-party assessor",

  "login.username": "Username",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.usernameRequired": "Please enter your username",
  "login.passwordRequired": "Please enter your password",
  "login.failed": "Sign-in failed",

  "home.welcome": "Welcome, {name}",
  "home.role": "Role",
  "home.region": "Region",
  "home.openProvince": "Open the county overview",
  "home.openCounty": "Open my county",
  "home.more": "More functions are on the way.",

  "county.status.selected": "Selected",
  "county.status.implementing": "Implementing",
  "county.status.accepted": "Accepted",
  "county.status.failed": "Failed",

  "province.title": "Demonstration counties",
  "province.countiesStat": "Demonstration counties",
  "province.countiesUnit": "counties",
  "province.subsidyStat": "Central subsidy",
  "province.villagesStat": "Administrative villages",
  "province.poorVillagesStat": "Registered poor villages",
  "province.chartTitle": "Administrative villages per county",
  "province.chartVillages": "Villages",
  "province.chartPoor": "Poor villages",
  "province.tableTitle": "Counties",

  "col.county": "County",
  "col.city": "City",
  "col.code": "Code",
  "col.batch": "Batch",
  "col.subsidy": "Central subsidy",
  "col.status": "Status",
  "col.townships": "Townships",
  "col.villages": "Villages",
  "col.residentsCommittees": "Residents' committees",
  "col.poorVillages": "Poor villages",

  "county.townships": "Townships",
  "county.villages": "Administrative villages",
  "county.residentsCommittees": "Residents' committees",
  "county.poorVillages": "Poor villages",
  "county.stations": "Service stations (in service / registered)",
  "county.subsidy": "Central subsidy",
  "county.batch": "Batch {batch}",
  "county.villageListTitle": "Village-level units",
  "county.searchPlaceholder": "Search by name or code",
  "county.allTownships": "All townships",
  "county.allKinds": "All kinds",
  "county.total": "{total} in all",

  "village.code": "Code",
  "village.name": "Name",
  "village.township": "Township",
  "village.kind": "Kind",
  "village.kind.village_committee": "Village",
  "village.kind.residents_committee": "Residents' committee",
  "village.population": "Residents",
  "village.isPoor": "Registered poor village",
  "village.hasBroadband": "Broadband",

  "common.yes": "Yes",
  "common.no": "No",
  "common.none": "—",
  "common.retry": "Retry",
  "common.backHome": "Back home",
  "demo.tag": "Demo data",
  "demo.tooltip":
    "This value is synthetic demo data, not a real statistic; replace it by importing county data.",

  "common.exportExcel": "Export to Excel",
  "common.exportExcelHint": "Download this page's table (.xlsx)",

  "error.title": "Something went wrong",
  "error.network": "Cannot reach the server; check the network and retry",
  "error.forbidden": "Access denied",
  "error.notFound": "Page not found",
  "error.notFoundHint": "The page you asked for does not exist.",
};

export const MESSAGES = { zh, en } as const;

/** Looks a key up and fills its `{placeholders}`. */
export function translate(
  language: keyof typeof MESSAGES,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  const text: string = MESSAGES[language][key];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
