import type { UnitKind } from '@rota/core';

/** A unit of the demo tree; `slug` names its demo tokens (the secret itself is random). */
export interface DemoUnit {
  name: string;
  kind: UnitKind;
  slug: string;
  children?: DemoUnit[];
}

/** A person of the demo; `unit` is the name of a unit in {@link demoUnits}. */
export interface DemoPerson {
  name: string;
  unit: string;
  birthDate: string;
  tags: string[];
  phone?: string;
  /** Children who come along to family activities. */
  children?: { name: string; birthDate: string }[];
}

/**
 * 平城区 (Pingcheng District) and five of its subdistricts, with a few communities and grids.
 * The district and subdistrict names are real; the communities are plausible, not a survey.
 */
export const demoUnits: DemoUnit = {
  name: '平城区',
  kind: 'district',
  slug: 'pingcheng',
  children: [
    {
      name: '永泰街道',
      kind: 'subdistrict',
      slug: 'yongtai',
      children: [
        {
          name: '王家园社区',
          kind: 'community',
          slug: 'wangjiayuan',
          children: [
            { name: '王家园社区第一网格', kind: 'grid', slug: 'wangjiayuan-grid1' },
            { name: '王家园社区第二网格', kind: 'grid', slug: 'wangjiayuan-grid2' },
          ],
        },
        { name: '永和里社区', kind: 'community', slug: 'yongheli' },
        { name: '荣华里社区', kind: 'community', slug: 'ronghuali' },
      ],
    },
    {
      name: '新华街道',
      kind: 'subdistrict',
      slug: 'xinhua',
      children: [{ name: '新华苑社区', kind: 'community', slug: 'xinhuayuan' }],
    },
    {
      name: '迎宾街道',
      kind: 'subdistrict',
      slug: 'yingbin',
      children: [{ name: '迎宾东社区', kind: 'community', slug: 'yingbindong' }],
    },
    {
      name: '老平旺街道',
      kind: 'subdistrict',
      slug: 'laopingwang',
      children: [{ name: '平旺北社区', kind: 'community', slug: 'pingwangbei' }],
    },
    {
      name: '水泊寺街道',
      kind: 'subdistrict',
      slug: 'shuibosi',
      children: [{ name: '水泊寺社区', kind: 'community', slug: 'shuibosi-community' }],
    },
  ],
};

/**
 * Volunteers and residents: staff, party members, doctors, officers, older residents and
 * families. Birth dates are fixed, so ages drift by a year each year; the demo only needs
 * "over 60" and "child under 14" to stay true, which these dates keep for years.
 */
export const demoPeople: DemoPerson[] = [
  // 王家园社区: the guide's volunteer (a mother of two), party members, the grid leader
  {
    name: '李娜',
    unit: '王家园社区',
    birthDate: '1989-04-12',
    tags: [],
    phone: '13803520101',
    children: [
      { name: '张小雨', birthDate: '2018-06-01' },
      { name: '张小川', birthDate: '2020-09-15' },
    ],
  },
  {
    name: '张建国',
    unit: '王家园社区',
    birthDate: '1958-03-08',
    tags: ['party-member'],
    phone: '13803520102',
  },
  { name: '王秀兰', unit: '王家园社区', birthDate: '1952-11-20', tags: ['party-member'] },
  {
    name: '赵磊',
    unit: '王家园社区',
    birthDate: '1985-07-30',
    tags: ['party-member'],
    phone: '13803520104',
  },
  {
    name: '刘芳',
    unit: '王家园社区',
    birthDate: '1975-02-14',
    tags: ['medical'],
    phone: '13803520105',
  },
  {
    name: '孙小红',
    unit: '王家园社区',
    birthDate: '1987-05-05',
    tags: [],
    children: [
      { name: '孙乐乐', birthDate: '2017-03-21' },
      { name: '孙欢欢', birthDate: '2019-12-02' },
    ],
  },
  {
    name: '周涛',
    unit: '王家园社区',
    birthDate: '1984-10-10',
    tags: ['party-member'],
    children: [
      { name: '周子墨', birthDate: '2016-08-18' },
      { name: '周子涵', birthDate: '2021-01-09' },
    ],
  },
  {
    name: '陈静',
    unit: '王家园社区',
    birthDate: '1990-01-25',
    tags: [],
    children: [
      { name: '陈一鸣', birthDate: '2015-04-04' },
      { name: '陈一诺', birthDate: '2017-07-07' },
      { name: '陈一帆', birthDate: '2020-02-29' },
    ],
  },
  // 永泰街道: subdistrict staff
  { name: '韩梅', unit: '永泰街道', birthDate: '1979-06-06', tags: ['party-member'] },
  { name: '黄振华', unit: '永泰街道', birthDate: '1972-12-12', tags: ['party-member'] },
  // 永和里社区: cadres for home visits, an older resident, a family on the waitlist
  { name: '吴志强', unit: '永和里社区', birthDate: '1970-09-09', tags: ['party-member'] },
  { name: '郑丽', unit: '永和里社区', birthDate: '1980-04-18', tags: ['party-member'] },
  { name: '何桂英', unit: '永和里社区', birthDate: '1948-08-08', tags: [] },
  {
    name: '冯海燕',
    unit: '永和里社区',
    birthDate: '1986-03-03',
    tags: [],
    children: [
      { name: '冯朵朵', birthDate: '2018-10-01' },
      { name: '冯果果', birthDate: '2019-05-20' },
    ],
  },
  // 新华苑社区: a community worker and a city-management officer
  { name: '胡晓梅', unit: '新华苑社区', birthDate: '1983-11-11', tags: [] },
  {
    name: '马卫东',
    unit: '新华苑社区',
    birthDate: '1979-02-02',
    tags: ['law-enforcement', 'party-member'],
  },
  // 迎宾东社区: a village clinic doctor and older residents
  { name: '杨华', unit: '迎宾东社区', birthDate: '1968-05-15', tags: ['medical'] },
  { name: '高淑珍', unit: '迎宾东社区', birthDate: '1955-01-01', tags: [] },
  { name: '林德明', unit: '迎宾东社区', birthDate: '1950-10-01', tags: ['party-member'] },
  // 水泊寺社区: party members who tidy the notice boards
  { name: '郭建华', unit: '水泊寺社区', birthDate: '1960-07-01', tags: ['party-member'] },
  { name: '罗玉兰', unit: '水泊寺社区', birthDate: '1963-03-15', tags: ['party-member'] },
];
