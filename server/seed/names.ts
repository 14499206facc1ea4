// Invented Chinese names for the demo city: streets (街道), towns (镇), communities, villages, roads, compounds.
import type { Random } from './random.js';

/** Place-name roots of the kind Chinese cities use; invented combinations, not the real Shenyang communities. */
const ROOTS = [
  '兴华', '和平', '新风', '长青', '光明', '建设', '胜利', '幸福', '友谊', '团结', '繁荣', '文化', '育才', '春晖', '怡景',
  '锦绣', '丰收', '朝阳', '东风', '新兴', '永安', '富强', '振兴', '民主', '青年', '工农', '红旗', '金桥', '银河', '翠湖',
  '松涛', '柳岸', '枫林', '杏林', '桃园', '梨园', '芳草', '碧水', '清泉', '绿洲', '紫荆', '玉兰', '丁香', '海棠', '春华',
  '万和', '嘉禾', '瑞祥', '吉祥', '安康', '泰和', '长乐', '宁静', '新城', '北苑', '南苑', '东湖', '西湖', '滨河', '河畔',
  '龙泉', '凤鸣', '鹤鸣', '云峰', '星光', '月湖', '太平', '永丰', '丰乐', '广宁', '安宁', '德胜', '仁和', '信义', '崇文',
  '明德', '致远', '北塔', '南塔', '东陵', '西岭', '北关', '南关', '卫工', '启工', '兴工', '保工', '重工', '笃工', '惠工',
  '砂山', '五里', '八经', '三台', '沈州', '盛京', '辽河', '浑河', '蒲河', '细河', '长白', '万泉', '万柳', '松山', '华山',
];
const COMMUNITY_SUFFIXES = ['', '里', '园', '苑', '街', '路', '新村', '家园', '花园', '湾', '南', '北', '东', '西'];
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '杜',
  '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '陆', '范', '金', '石', '贾', '白', '孟',
];
const VILLAGE_PREFIXES = ['', '', '', '前', '后', '东', '西', '大', '小', '上', '下'];
const VILLAGE_SUFFIXES = ['家屯', '家堡', '家窝堡', '家台', '家沟', '家房', '家岗子', '家营子', '屯', '堡子', '家坨子'];
const ROAD_SUFFIXES = ['路', '街', '大街', '大路', '北街', '南街', '东路', '西路', '一路', '二路', '三路'];
const FACTORIES = ['机床厂', '电缆厂', '变压器厂', '纺织厂', '冶炼厂', '铸造厂', '水泵厂', '鼓风机厂', '橡胶厂', '电机厂', '铁路', '粮库', '轴承厂'];
const COMPOUND_SUFFIXES = ['小区', '花园', '新村', '里', '家园', '大院'];
const STOP_SUFFIXES = ['站', '口站', '中段站', '北站', '南站', '东站', '西站', '桥站'];

/** Draws names until one is new to `used` (after a few tries it numbers the name instead). */
function unique(used: Set<string>, draw: () => string): string {
  for (let attempt = 0; attempt < 40; attempt++) {
    const name = draw();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const base = draw();
  let n = 2;
  while (used.has(`${base}${n}`)) n++;
  used.add(`${base}${n}`);
  return `${base}${n}`;
}

export function streetName(random: Random, used: Set<string>): string {
  return unique(used, () => `${random.pick(ROOTS)}街道`);
}

export function townName(random: Random, used: Set<string>): string {
  return unique(used, () => `${random.pick(ROOTS)}${random.chance(0.85) ? '镇' : '乡'}`);
}

export function communityName(random: Random, used: Set<string>): string {
  return unique(used, () => `${random.pick(ROOTS)}${random.pick(COMMUNITY_SUFFIXES)}社区`);
}

export function villageName(random: Random, used: Set<string>): string {
  return unique(used, () => `${random.pick(VILLAGE_PREFIXES)}${random.pick(SURNAMES)}${random.pick(VILLAGE_SUFFIXES)}村`);
}

export function roadName(random: Random, used: Set<string>, rural: boolean): string {
  return unique(used, () => (rural ? `${random.pick(ROOTS)}${random.pick(['线', '公路', '乡道'])}` : `${random.pick(ROOTS)}${random.pick(ROAD_SUFFIXES)}`));
}

export function compoundName(random: Random, used: Set<string>): string {
  return unique(used, () =>
    random.chance(0.3) ? `${random.pick(FACTORIES)}${random.pick(['宿舍', '家属院', '住宅区'])}` : `${random.pick(ROOTS)}${random.pick(COMPOUND_SUFFIXES)}`,
  );
}

export function stopName(roadName: string, index: number): string {
  return `${roadName}${STOP_SUFFIXES[index % STOP_SUFFIXES.length]}`;
}
