// The Chinese of every message pattern that carries a value (messages-zh.ts): one English text
// per pattern, as the API, db and core write it, and the Chinese a reader gets. Table-driven;
// a pattern that is never matched, or renders wrongly, fails here rather than in a screenshot.
import t from 'tap';
import { localizeMessage, messageZh } from '../src/index.ts';

const cases: [string, string][] = [
  ['must be at least -1', '不能小于 -1'],
  ['must be at most 366 days after from', '不能晚于 from 之后 366 天'],
  ['must be at most 500', '不能大于 500'],
  ['must hold at most 1000 dates', '最多 1000 个日期'],
  ['duplicate slot key "crew"', '岗位键"crew"重复'],
  ['must not exceed capacity (5)', '不能超过名额（5）'],
  ['must be at least minAge (60)', '不能小于 minAge（60）'],
  ['must be at least companionMinAge (6)', '不能小于 companionMinAge（6）'],
  [
    'the slot ends after the occurrence (offset 60 + duration 120 > 120 minutes)',
    '岗位结束时间晚于场次结束（偏移 60 + 时长 120 > 120 分钟）',
  ],
  [
    'the rule does not produce the start: its first occurrence is 2026-12-07T09:00: start there',
    '重复规则不会产生该开始时间：规则的第一次是 2026-12-07T09:00，请从那时开始',
  ],
  ['must be a whole number of minutes from 1 to 10080', '须为 1 到 10080 之间的整数分钟'],
  ['No route GET /v1/nothing', '没有此接口：GET /v1/nothing'],
  ['No resource at /v1/units/x', '此地址没有资源：/v1/units/x'],
  ['No sign-in link l1', '没有 id 为 l1 的登录链接'],
  ['No widget w1', '没有 id 为 w1 的widget'],
  ['Occurrence o1 does not exist', '没有 id 为 o1 的场次'],
  ['The occurrence at 2026-12-05T09:00 has already ended', '2026-12-05T09:00 的场次已经结束'],
  ['2026-12-05T09:00 has already passed', '2026-12-05T09:00 已经过去'],
  [
    'Another occurrence of the event starts at 2026-12-12T09:00',
    '该活动的另一场次在 2026-12-12T09:00 开始',
  ],
  ['Overlaps your confirmed shift "志愿者"', '与您已确认的班次"志愿者"时间重叠'],
  ['Overlaps 擦洗宣传橱窗', '与 擦洗宣传橱窗 时间重叠'],
  ['1 of 10 seats left, 3 asked', '共 10 个名额，剩余 1 个，需要 3 个'],
  ['Capacity 3 is below the 5 seats taken', '名额 3 少于已占用的 5 个'],
  ['a party of 4 is more than the 3 this slot allows', '4 人同行超过了该岗位允许的 3 人'],
  ['requires the qualification medical', '需要资质：medical'],
  [
    'the person needs a birth date: this slot has an age limit',
    '此人需要填写出生日期：该岗位有年龄限制',
  ],
  [
    'companion 1 (小明) needs a birth date: this slot has an age limit',
    '同行人 1 (小明)需要填写出生日期：该岗位有年龄限制',
  ],
  ['companion 2 (老伴) must be at least 60 (is 58)', '同行人 2 (老伴)须年满 60 岁（现为 58 岁）'],
  ['the person must be at most 14 (is 15)', '此人须不超过 14 岁（现为 15 岁）'],
  ['companion 1 (小明) must be at most 12 (is 13)', '同行人 1 (小明)须不超过 12 岁（现为 13 岁）'],
  ['Version 3 is not the current version 4', '版本 3 不是当前版本 4'],
  ['Event e1 is at version 4, not 3', '活动 e1 的当前版本是 4，不是 3'],
  [
    'must be within 240 minutes of the shift (2026-12-05T01:00:00Z to 2026-12-05T03:00:00Z)',
    '须在班次前后 240 分钟之内（2026-12-05T01:00:00Z 至 2026-12-05T03:00:00Z）',
  ],
  ['at: must not be later than now', 'at: 不能晚于当前时间'],
  ['at: something new', 'at: something new'],
  ['More than 2000 requests in flight', '正在处理的请求超过 2000 个'],
  ['You do not organize the unit of person p1', '您不负责人员 p1 所在的单位'],
  ['The postgres database does not answer', 'postgres 数据库无响应'],
  [
    '帐篷: 3 wanted at 2026-12-05T09:00, 1 free; held by "义诊", "集市" (and 2 more)',
    '帐篷：2026-12-05T09:00 需要 3 台，仅剩 1 台空闲，已被“义诊”、“集市”占用（另有 2 处冲突）',
  ],
  ['帐篷: 3 wanted at 2026-12-05T09:00, 1 free', '帐篷：2026-12-05T09:00 需要 3 台，仅剩 1 台空闲'],
  [
    '2 future booking(s) would no longer fit: "义诊", "集市"',
    '有 2 项未来的预订将无法满足：“义诊”、“集市”',
  ],
  ['no resource r1', '没有 id 为 r1 的物资'],
  ['resource r1 is asked for twice', '物资 r1 重复申请'],
  [
    'the booking must lie inside the occurrence (offset 0 + duration -5 > 120 minutes)',
    '预订须在场次之内（偏移 0 + 时长 -5 > 120 分钟）',
  ],
  ['Resource r1 is at version 2, not 1', '物资 r1 的当前版本是 2，不是 1'],
];

t.test('every message pattern reads in Chinese', async (t) => {
  for (const [english, chinese] of cases) t.equal(messageZh(english), chinese, english);
});

t.test(
  'localizeMessage: English unchanged, Chinese from the table, else the English',
  async (t) => {
    t.equal(localizeMessage('must be at most 500', 'en'), 'must be at most 500');
    t.equal(localizeMessage('must be at most 500', 'zh-CN'), '不能大于 500');
    t.equal(localizeMessage('a message nobody wrote', 'zh-CN'), 'a message nobody wrote');
  },
);
