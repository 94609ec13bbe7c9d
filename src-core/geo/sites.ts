/**
 * Named places the seed documents mention that the map draws on top of the county boundaries:
 * data centres / compute sites (3D columns) and departments exchanging data with the city platform (arcs).
 *
 * The sources give NO coordinates. A site is placed at what its name or text allows — a county named in
 * the site's name (平邑 → 平邑县), otherwise near the city's seat of government — and every placement is
 * marked approximate (位置示意). Positions are computed at run time from the boundary assets, so they are
 * in the same datum (WGS84) as every other layer.
 */
import type { Pos } from './geometry';

export type Placement =
  /** at a county's centroid, shifted by [east, north] km */
  | { county: string; offsetKm: Pos }
  /** near the city's seat of government, shifted by [east, north] km */
  | { citySeat: true; offsetKm: Pos };

export interface Site {
  id: string;
  cityId: string;
  nameZh: string;
  nameEn: string;
  /** what the source says it is */
  roleZh: string;
  roleEn: string;
  /** column height class: 2 = large/medium (大中型) or a major compute hub, 1 = edge (边缘型) / other.
   *  The sources state no capacities for these sites, so heights show this class, not a capacity. */
  tier: 1 | 2;
  placement: Placement;
  /** why it is placed there (always approximate) */
  placementZh: string;
  placementEn: string;
  docId: string;
  quoteZh: string;
  /** indicators with figures about this site (shown with provenance in the tooltip) */
  indicatorIds: string[];
}

const LINYI_DC_QUOTE = '华为大数据中心入选大中型新型数据中心试点建设名单，中国联通临沂市分公司智云数据中心、临沂城市云大数据中心、临沂电信枢纽楼5楼数据中心机房、平邑广电网络数据中心、华云工业互联网数据中心(临港)入选边缘型新型数据中心试点建设名单';
const SEAT_ZH = '原文未给位置，示意于市政府驻地附近';
const SEAT_EN = 'location not in the source; drawn near the city seat';

export const SITES: Site[] = [
  {
    id: 'linyi-huawei-dc', cityId: 'linyi', nameZh: '华为大数据中心', nameEn: 'Huawei big-data centre',
    roleZh: '大中型新型数据中心试点', roleEn: 'large/medium new-type data-centre pilot', tier: 2,
    placement: { citySeat: true, offsetKm: [-6, 5] }, placementZh: SEAT_ZH, placementEn: SEAT_EN,
    docId: '003_b092c9f54babcec8', quoteZh: LINYI_DC_QUOTE, indicatorIds: [],
  },
  {
    id: 'linyi-unicom-zhiyun-dc', cityId: 'linyi', nameZh: '中国联通临沂市分公司智云数据中心', nameEn: 'China Unicom Linyi Zhiyun data centre',
    roleZh: '边缘型新型数据中心试点', roleEn: 'edge data-centre pilot', tier: 1,
    placement: { citySeat: true, offsetKm: [6, 4] }, placementZh: SEAT_ZH, placementEn: SEAT_EN,
    docId: '003_b092c9f54babcec8', quoteZh: LINYI_DC_QUOTE, indicatorIds: [],
  },
  {
    id: 'linyi-city-cloud-dc', cityId: 'linyi', nameZh: '临沂城市云大数据中心', nameEn: 'Linyi City Cloud big-data centre',
    roleZh: '边缘型新型数据中心试点', roleEn: 'edge data-centre pilot', tier: 1,
    placement: { citySeat: true, offsetKm: [-5, -5] }, placementZh: SEAT_ZH, placementEn: SEAT_EN,
    docId: '003_b092c9f54babcec8', quoteZh: LINYI_DC_QUOTE, indicatorIds: [],
  },
  {
    id: 'linyi-telecom-hub-dc', cityId: 'linyi', nameZh: '临沂电信枢纽楼5楼数据中心机房', nameEn: 'Linyi Telecom hub building data-centre room',
    roleZh: '边缘型新型数据中心试点', roleEn: 'edge data-centre pilot', tier: 1,
    placement: { citySeat: true, offsetKm: [5, -6] }, placementZh: SEAT_ZH, placementEn: SEAT_EN,
    docId: '003_b092c9f54babcec8', quoteZh: LINYI_DC_QUOTE, indicatorIds: [],
  },
  {
    id: 'linyi-pingyi-broadcast-dc', cityId: 'linyi', nameZh: '平邑广电网络数据中心', nameEn: 'Pingyi broadcast network data centre',
    roleZh: '边缘型新型数据中心试点', roleEn: 'edge data-centre pilot', tier: 1,
    placement: { county: '371326', offsetKm: [0, -4] }, placementZh: '名称含“平邑”，示意于平邑县中部', placementEn: 'name contains 平邑: drawn in Pingyi County',
    docId: '003_b092c9f54babcec8', quoteZh: LINYI_DC_QUOTE, indicatorIds: [],
  },
  {
    id: 'linyi-huayun-lingang-dc', cityId: 'linyi', nameZh: '华云工业互联网数据中心(临港)', nameEn: 'Huayun industrial-internet data centre (Lingang)',
    roleZh: '边缘型新型数据中心试点', roleEn: 'edge data-centre pilot', tier: 1,
    placement: { county: '371327', offsetKm: [12, -8] },
    placementZh: '名称含“临港”(临沂临港经济开发区，功能区，非区县)；据常识示意于莒南县东南部，待核', placementEn: 'name contains 临港 (Lingang development zone, not a county); drawn in south-east Junan County from general knowledge, unverified',
    docId: '003_b092c9f54babcec8', quoteZh: LINYI_DC_QUOTE, indicatorIds: [],
  },
  {
    id: 'jining-lunan-compute', cityId: 'jining', nameZh: '中国移动鲁南算力网络中心', nameEn: 'China Mobile Lunan computing network centre',
    roleZh: '算力网络中心(试运行)', roleEn: 'computing network centre (trial operation)', tier: 2,
    placement: { citySeat: true, offsetKm: [-6, 5] }, placementZh: SEAT_ZH, placementEn: SEAT_EN,
    docId: '002_92d0405771dd7f9a', quoteZh: '推动鲁南算力网络中心建设……与省级骨干网联通，带宽1200G，上架设备190台，已于8月组织完成竣工验收，目前进入试运行',
    indicatorIds: ['dc.lunan_compute_devices', 'net.lunan_compute_bandwidth'],
  },
  {
    id: 'jining-luxi-dc', cityId: 'jining', nameZh: '鲁西数据中心', nameEn: 'Luxi data centre',
    roleZh: '数据中心(测试试运行)', roleEn: 'data centre (test operation)', tier: 1,
    placement: { citySeat: true, offsetKm: [6, -5] }, placementZh: SEAT_ZH, placementEn: SEAT_EN,
    docId: '002_92d0405771dd7f9a', quoteZh: '中国移动鲁南算力网络中心、鲁西数据中心等项目加快建设，已全部进入测试试运行阶段', indicatorIds: [],
  },
  {
    id: 'xuancheng-gov-cloud', cityId: 'xuancheng', nameZh: '市政务云计算中心', nameEn: 'Municipal government cloud centre',
    roleZh: '政务综合云平台(部署在市电信公司)', roleEn: 'government cloud (hosted by the city telecom company)', tier: 2,
    placement: { citySeat: true, offsetKm: [-5, 4] }, placementZh: SEAT_ZH, placementEn: SEAT_EN,
    docId: '001_22d55d06ddb52d56', quoteZh: '目前市政务云计算中心共有云服务器22台，物理CPU 752核，物理内存5632G，物理存储276T',
    indicatorIds: ['cloud.gov_cloud_cpu_cores'],
  },
];

export interface Department {
  id: string;
  cityId: string;
  nameZh: string;
  nameEn: string;
  /** the figure that gives the arc its width (volume exchanged with the city platform) */
  indicatorId: string;
  /** 'in': department → platform; 'out': platform → department */
  direction: 'in' | 'out';
  /** bearing (degrees clockwise from north) and distance (km) from the platform: a schematic ring, not a location */
  bearing: number;
  distanceKm: number;
}

/** Departments named in the seeds with a stated exchange volume. Positions are schematic (位置示意). */
export const DEPARTMENTS: Department[] = [
  { id: 'linyi-approval', cityId: 'linyi', nameZh: '市行政审批服务局', nameEn: 'Administrative Approval Bureau', indicatorId: 'sharing.elicence_records_for_approval_bureau', direction: 'out', bearing: 300, distanceKm: 14 },
  { id: 'linyi-finance', cityId: 'linyi', nameZh: '市财政局', nameEn: 'Finance Bureau', indicatorId: 'sharing.records_for_finance_bureau', direction: 'out', bearing: 20, distanceKm: 14 },
  { id: 'linyi-police', cityId: 'linyi', nameZh: '市公安局(人口库)', nameEn: 'Public Security Bureau (population db)', indicatorId: 'sharing.population_records_verified', direction: 'in', bearing: 140, distanceKm: 14 },
];

/** Shift [lng, lat] by [east, north] km (equirectangular; fine for a few km). */
export function offsetKm(p: Pos, [east, north]: Pos): Pos {
  const lat = p[1];
  return [p[0] + east / (111.32 * Math.cos((lat * Math.PI) / 180)), p[1] + north / 110.574];
}

export function polarKm(p: Pos, bearingDeg: number, km: number): Pos {
  const b = (bearingDeg * Math.PI) / 180;
  return offsetKm(p, [Math.sin(b) * km, Math.cos(b) * km]);
}
