// Demo county for development and demonstrations. Pure data: names and phones are derived
// deterministically from each unit's code, so they are identical on every run.

export type UnitKind = 'city_dept' | 'town' | 'village' | 'vertical' | 'group_office';

export interface DemoPerson {
  name: string;
  title: string;
  phone: string;
}

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode?: string;
  head: DemoPerson;
  liaison: DemoPerson;
}

export interface DemoLeader {
  name: string;
  position: string;
  phone: string;
  portfolio: string;
  unitCodes: string[];
}

export const DEMO_COUNTY = '示范县';

const SURNAMES = Array.from(
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹易常武乔贺赖龚文',
);
const GIVEN_FIRST = Array.from('建国志明永海红丽晓文春立德学玉新卫俊振秀伟宏家雅世鹏嘉思忠庆绍继光天');
const GIVEN_SECOND = Array.from('华军强平东林芳英敏杰峰涛斌刚辉磊静燕霞勇波超宇鑫琳洋娟亮欣婷浩然');
const PHONE_PREFIXES = [
  '139',
  '138',
  '137',
  '136',
  '135',
  '186',
  '187',
  '188',
  '158',
  '159',
  '150',
  '151',
  '152',
  '182',
  '183',
  '189',
  '133',
  '153',
  '177',
  '181',
];

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

const usedNames = new Set<string>();
const usedPhones = new Set<string>();

function uniqueName(random: () => number): string {
  for (;;) {
    const second = pick(GIVEN_SECOND, random);
    const given = random() < 0.75 ? pick(GIVEN_FIRST, random) + second : second;
    const name = pick(SURNAMES, random) + given;
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return name;
    }
  }
}

function uniquePhone(random: () => number): string {
  for (;;) {
    const phone = pick(PHONE_PREFIXES, random) + String(Math.floor(random() * 1e8)).padStart(8, '0');
    if (!usedPhones.has(phone)) {
      usedPhones.add(phone);
      return phone;
    }
  }
}

function person(key: string, title: string): DemoPerson {
  const random = seededRandom(hash(key));
  return { name: uniqueName(random), title, phone: uniquePhone(random) };
}

type UnitRow = [code: string, name: string, headTitle: string, liaisonTitle?: string, parentCode?: string];

const DEPARTMENT_ROWS: UnitRow[] = [
  ['D001', '县委办公室', '主任', '秘书科科长'],
  ['DCS', '县委督查室', '主任', '督查科科长'],
  ['D002', '县人大常委会办公室', '主任'],
  ['D003', '县政府办公室', '主任', '秘书科科长'],
  ['D004', '县政协办公室', '主任'],
  ['D005', '县纪委监委', '常务副书记', '党风政风监督室主任'],
  ['XNJC', '县效能监察室', '主任', '科员'],
  ['D006', '县委组织部', '常务副部长', '办公室主任'],
  ['KHB', '县考核办', '主任', '考核科科长'],
  ['D007', '县委宣传部', '常务副部长'],
  ['D008', '县委统战部', '常务副部长'],
  ['D009', '县委政法委员会', '常务副书记'],
  ['D010', '县委机构编制委员会办公室', '主任'],
  ['D011', '县委政策研究室', '主任'],
  ['D012', '县委网络安全和信息化委员会办公室', '主任'],
  ['D013', '县委党校', '常务副校长'],
  ['D014', '县委党史研究室', '主任'],
  ['D015', '县档案馆', '馆长'],
  ['D016', '县委老干部局', '局长'],
  ['D017', '县直机关工委', '常务副书记'],
  ['D018', '县委巡察办', '主任'],
  ['D019', '县总工会', '常务副主席'],
  ['D020', '共青团示范县委员会', '书记'],
  ['D021', '县妇女联合会', '主席'],
  ['D022', '县科学技术协会', '主席'],
  ['D023', '县工商业联合会', '党组书记'],
  ['D024', '县文学艺术界联合会', '主席'],
  ['D025', '县残疾人联合会', '理事长'],
  ['D026', '县红十字会', '常务副会长'],
  ['D027', '县发展和改革委员会', '主任'],
  ['D028', '县教育局', '局长'],
  ['D028S01', '县第一高级中学', '校长', '校办主任', 'D028'],
  ['D028S02', '县实验小学', '校长', '校办主任', 'D028'],
  ['D029', '县科学技术局', '局长'],
  ['D030', '县工业和信息化局', '局长'],
  ['D031', '县民族宗教事务局', '局长'],
  ['D032', '县公安局', '局长', '指挥中心主任'],
  ['D032S01', '县公安局城关派出所', '所长', '内勤民警', 'D032'],
  ['D032S02', '县公安局交通管理大队', '大队长', '秘书股股长', 'D032'],
  ['D033', '县民政局', '局长'],
  ['D034', '县司法局', '局长'],
  ['D035', '县财政局', '局长'],
  ['D036', '县人力资源和社会保障局', '局长'],
  ['D036S01', '县社会保险服务中心', '主任', '综合股股长', 'D036'],
  ['D036S02', '县就业创业服务中心', '主任', '科员', 'D036'],
  ['D037', '县自然资源局', '局长'],
  ['D037S01', '县不动产登记中心', '主任', '科员', 'D037'],
  ['D038', '县住房和城乡建设局', '局长'],
  ['D039', '县交通运输局', '局长'],
  ['D040', '县水利局', '局长'],
  ['D041', '县农业农村局', '局长'],
  ['D042', '县商务局', '局长'],
  ['D043', '县文化广电和旅游局', '局长'],
  ['D044', '县卫生健康委员会', '主任'],
  ['D045', '县退役军人事务局', '局长'],
  ['D046', '县应急管理局', '局长'],
  ['D047', '县审计局', '局长'],
  ['D048', '县市场监督管理局', '局长'],
  ['D049', '县统计局', '局长'],
  ['D050', '县医疗保障局', '局长'],
  ['D051', '县乡村振兴局', '局长'],
  ['D052', '县信访局', '局长'],
  ['D053', '县行政审批服务局', '局长'],
  ['D054', '县投资促进中心', '主任'],
  ['D055', '县林业局', '局长'],
  ['D056', '县城市管理局', '局长'],
  ['D057', '县人民防空办公室', '主任'],
  ['D058', '县机关事务服务中心', '主任'],
  ['D059', '县地方金融服务中心', '主任'],
  ['D060', '县数据局', '局长'],
  ['D061', '县国有资产事务服务中心', '主任'],
  ['D062', '县供销合作社联合社', '主任'],
  ['D063', '县融媒体中心', '主任'],
  ['D064', '县人民法院', '院长'],
  ['D065', '县人民检察院', '检察长'],
  ['D066', '县人民医院', '院长'],
  ['D067', '县中医院', '院长'],
  ['D068', '县妇幼保健院', '院长'],
  ['D069', '县疾病预防控制中心', '主任'],
  ['D070', '县粮食和物资储备中心', '主任'],
  ['D071', '县公共资源交易中心', '主任'],
  ['D072', '县政务服务便民热线中心', '主任'],
  ['D073', '县农业技术推广中心', '主任'],
  ['D074', '县畜牧兽医服务中心', '主任'],
  ['D075', '县交通运输综合行政执法大队', '大队长'],
  ['D076', '县农业综合行政执法大队', '大队长'],
  ['D077', '县文化市场综合行政执法大队', '大队长'],
  ['D078', '县园林绿化中心', '主任'],
  ['D079', '县环境卫生服务中心', '主任'],
  ['D080', '县城乡规划服务中心', '主任'],
  ['D081', '县房屋征收与补偿服务中心', '主任'],
  ['D082', '县经济开发区管理委员会', '主任'],
  ['D083', '县文物保护中心', '主任'],
  ['D084', '县图书馆', '馆长'],
  ['D085', '县文化馆', '馆长'],
  ['D086', '县博物馆', '馆长'],
  ['D087', '县中小企业服务中心', '主任'],
  ['D088', '县城市投资发展集团有限公司', '董事长'],
  ['D089', '县交通投资集团有限公司', '董事长'],
  ['D090', '县水务集团有限公司', '董事长'],
  ['D091', '县社会科学界联合会', '主席'],
  ['D092', '县计划生育协会', '常务副会长'],
  ['D093', '县慈善总会', '会长'],
  ['D094', '县水利工程建设管理中心', '主任'],
  ['D095', '县农村公路管理中心', '主任'],
];

const VERTICAL_ROWS: UnitRow[] = [
  ['V01', '国家税务总局示范县税务局', '局长'],
  ['V02', '县气象局', '局长'],
  ['V03', '国网示范县供电公司', '总经理'],
  ['V04', '县烟草专卖局', '局长'],
  ['V05', '中国邮政集团有限公司示范县分公司', '总经理'],
  ['V06', '市生态环境局示范县分局', '局长'],
  ['V07', '县消防救援大队', '大队长'],
  ['V08', '中国电信示范县分公司', '总经理'],
];

const GROUP_OFFICE_ROWS: UnitRow[] = [
  ['G01', '县优化营商环境领导小组办公室', '主任', '综合组组长'],
  ['G02', '县重点项目建设领导小组办公室', '主任', '综合组组长'],
];

const TOWN_NAMES = [
  '城关街道',
  '东城街道',
  '西城街道',
  '青石镇',
  '柳河镇',
  '白马镇',
  '龙泉镇',
  '双桥镇',
  '清水镇',
  '石门镇',
  '桃源镇',
  '杨集镇',
  '高庄镇',
  '马坊乡',
  '李寨乡',
  '黄土岭乡',
  '三河乡',
];

const VILLAGE_NAMES: string[][] = [
  ['东关社区', '西关社区', '南关社区', '北关社区'],
  ['朝阳社区', '东湖社区', '张庄村'],
  ['文昌社区', '西苑社区', '刘营村', '王楼村'],
  ['青石村', '石桥村', '李家湾村', '后河村', '大王庄村'],
  ['柳河村', '前营村', '孙庄村', '杏花村'],
  ['白马村', '新集村', '赵楼村', '东岗村', '周湾村'],
];

const DEPARTMENT_LIAISON_TITLES = ['办公室主任', '办公室副主任', '综合股股长', '科员', '一级科员'];

function unitFromRow(kind: UnitKind, [code, name, headTitle, liaisonTitle, parentCode]: UnitRow, index: number): DemoUnit {
  const liaison = liaisonTitle ?? DEPARTMENT_LIAISON_TITLES[index % DEPARTMENT_LIAISON_TITLES.length]!;
  return {
    code,
    name,
    kind,
    ...(parentCode ? { parentCode } : {}),
    head: person(`${code}/head`, headTitle),
    liaison: person(`${code}/liaison`, liaison),
  };
}

function townCode(index: number): string {
  return `T${String(index + 1).padStart(2, '0')}`;
}

function buildUnits(): DemoUnit[] {
  const units: DemoUnit[] = [
    ...DEPARTMENT_ROWS.map((row, i) => unitFromRow('city_dept', row, i)),
    ...VERTICAL_ROWS.map((row, i) => unitFromRow('vertical', row, i)),
    ...GROUP_OFFICE_ROWS.map((row, i) => unitFromRow('group_office', row, i)),
  ];
  TOWN_NAMES.forEach((name, i) => {
    const code = townCode(i);
    const isStreet = name.endsWith('街道');
    units.push({
      code,
      name,
      kind: 'town',
      head: person(`${code}/head`, isStreet ? '党工委书记' : '党委书记'),
      liaison: person(`${code}/liaison`, '党政办主任'),
    });
  });
  VILLAGE_NAMES.forEach((names, t) => {
    const parentCode = townCode(t);
    names.forEach((name, v) => {
      const code = `${parentCode}V${String(v + 1).padStart(2, '0')}`;
      const isCommunity = name.endsWith('社区');
      units.push({
        code,
        name,
        kind: 'village',
        parentCode,
        head: person(`${code}/head`, isCommunity ? '社区党委书记' : '村党支部书记'),
        liaison: person(`${code}/liaison`, isCommunity ? '社区网格员' : '村文书'),
      });
    });
  });
  return units;
}

export const DEMO_UNITS: DemoUnit[] = buildUnits();

type LeaderRow = [key: string, position: string, portfolio: string, unitCodes: string[]];

const LEADER_ROWS: LeaderRow[] = [
  ['L01', '县委书记', '主持县委全面工作', []],
  ['L02', '县委副书记、县长', '主持县政府全面工作，分管审计工作', ['D003', 'D047']],
  ['L03', '县人大常委会主任', '主持县人大常委会全面工作', ['D002']],
  ['L04', '县政协主席', '主持县政协全面工作', ['D004']],
  ['L05', '县委副书记', '党的建设、乡村振兴、信访稳定、政策研究，联系城关街道、东城街道、西城街道', ['D051', 'D052', 'T01', 'T02', 'T03']],
  [
    'L06',
    '县委常委、常务副县长',
    '政府常务工作、发展改革、财政金融、统计、国有资产、重点项目建设，联系青石镇',
    ['D027', 'D035', 'D049', 'D058', 'D059', 'D061', 'D071', 'D088', 'V01', 'G02', 'T04'],
  ],
  ['L07', '县委常委、县纪委书记、县监委主任', '党风廉政建设和反腐败工作、巡察、机关效能建设', ['D005', 'D018', 'XNJC']],
  ['L08', '县委常委、组织部部长', '组织、人才、机构编制、老干部、党校、机关党建、综合考核', ['D006', 'D010', 'D013', 'D016', 'D017', 'KHB']],
  ['L09', '县委常委、宣传部部长', '宣传思想、意识形态、精神文明建设、网信、社科文艺', ['D007', 'D012', 'D024', 'D063', 'D091']],
  ['L10', '县委常委、政法委书记', '政法、平安建设、社会治理、法治建设', ['D009', 'D034', 'D064', 'D065']],
  ['L11', '县委常委、统战部部长', '统一战线、民族宗教、工商联、群团工作', ['D008', 'D019', 'D020', 'D023', 'D031']],
  ['L12', '县委常委、县委办公室主任', '县委办公室日常工作、督查督办、保密、档案、党史', ['D001', 'DCS', 'D011', 'D014', 'D015']],
  [
    'L13',
    '县委常委、副县长',
    '工业经济、招商引资、营商环境、数字经济，联系柳河镇、白马镇',
    ['D030', 'D053', 'D054', 'D060', 'D072', 'D087', 'V03', 'V08', 'G01', 'T05', 'T06'],
  ],
  ['L14', '县委常委、县人武部政委', '国防动员、民兵预备役、人民防空、双拥工作', ['D045', 'D057']],
  ['L15', '县委常委、经济开发区党工委书记', '经济开发区全面工作、园区基础设施建设、项目落地', ['D082']],
  ['L16', '副县长、县公安局局长', '公安、道路交通安全、消防', ['D032', 'D032S01', 'D032S02', 'V07']],
  [
    'L17',
    '副县长',
    '农业农村、水利、林业、粮食、供销、气象，联系龙泉镇、双桥镇',
    ['D040', 'D041', 'D055', 'D062', 'D070', 'D073', 'D074', 'D076', 'D094', 'V02', 'T07', 'T08'],
  ],
  [
    'L18',
    '副县长',
    '教育、科技、卫生健康、医疗保障，联系清水镇',
    ['D022', 'D026', 'D028', 'D028S01', 'D028S02', 'D029', 'D044', 'D050', 'D066', 'D067', 'D068', 'D069', 'D092', 'T09'],
  ],
  [
    'L19',
    '副县长',
    '自然资源、城乡建设、城市管理、交通运输、生态环境，联系石门镇',
    ['D037', 'D037S01', 'D038', 'D039', 'D056', 'D075', 'D078', 'D079', 'D080', 'D081', 'D089', 'D090', 'D095', 'V06', 'T10'],
  ],
  [
    'L20',
    '副县长',
    '商务、市场监管、应急管理和安全生产、文化旅游，联系桃源镇',
    ['D042', 'D043', 'D046', 'D048', 'D077', 'D083', 'D084', 'D085', 'D086', 'V04', 'V05', 'T11'],
  ],
  ['L21', '副县长', '民政、人力资源和社会保障、妇女儿童、残疾人、慈善事业，联系杨集镇', ['D021', 'D025', 'D033', 'D036', 'D036S01', 'D036S02', 'D093', 'T12']],
  ['L22', '县人大常委会副主任', '代表工作、人大监督议题跟踪，联系高庄镇、马坊乡', ['T13', 'T14']],
  ['L23', '县人大常委会副主任', '人大常委会法制和财经工作，联系李寨乡', ['T15']],
  ['L24', '县政协副主席', '政协提案办理、民主监督，联系黄土岭乡', ['T16']],
  ['L25', '县政协副主席', '政协文史和学习工作，联系三河乡', ['T17']],
];

export const DEMO_LEADERS: DemoLeader[] = LEADER_ROWS.map(([key, position, portfolio, unitCodes]) => {
  const { name, phone } = person(`${key}/leader`, position);
  return { name, position, phone, portfolio, unitCodes };
});
