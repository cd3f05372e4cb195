// The Chinese of every English message Rota writes for people: field messages (`errors[].
// message`) and details (`detail`). Exact texts first, then patterns for texts that carry a
// value. Pure data and string functions: the API and the web app translate with the same table.

/** Nouns the messages name, as they read in Chinese. */
const nouns: Record<string, string> = {
  unit: '单位',
  person: '人员',
  event: '活动',
  occurrence: '场次',
  shift: '班次',
  signup: '报名',
  token: '令牌',
  resource: '物资',
  session: '会话',
  'sign-in link': '登录链接',
  'the person': '此人',
};
const noun = (text: string): string => nouns[text.toLowerCase()] ?? text;

/** Exact English texts and their Chinese. */
export const exactZh: Readonly<Record<string, string>> = {
  // Field messages.
  'unknown field': '未知字段',
  'not valid JSON': '不是有效的 JSON',
  invalid: '无效',
  'must not be in the future': '不能晚于今天',
  'must not be later than now': '不能晚于当前时间',
  'must be storable text': '包含无法保存的字符',
  'must be an integer from 1 to 500': '必须是 1 到 500 之间的整数',
  'must be 1-50 of a-z, 0-9, - or _': '须为 1-50 个字符，只能包含 a-z、0-9、- 或 _',
  // Resources (invariant 7).
  'future bookings need more than this': '未来的预订需要更多数量',
  "belongs to a unit outside the event's line of units": '属于本活动所在单位及其上级以外的单位',
  'is retired': '已停用',
  "A resource serves events of its own unit's subtree only":
    '物资只能供其所属单位及下级单位的活动使用',
  'A retired resource cannot be booked': '已停用的物资不能预订',
  'Only organizers see shortfalls': '只有组织者可以查看物资缺口',
  'must be an integer from 0 to 100000': '必须是 0 到 100000 之间的整数',
  'The resources asked for are not free': '所需资源不足',
  'must be 1-50 letters, digits, - or _': '须为 1-50 个字母、数字、- 或 _',
  'must be a local time YYYY-MM-DDTHH:mm[:ss]': '须为本地时间 YYYY-MM-DDTHH:mm[:ss]',
  'must be a local time YYYY-MM-DDTHH:mm[:ss] naming a real date and time':
    '须为真实存在的本地时间 YYYY-MM-DDTHH:mm[:ss]',
  'must be a real date and time': '须为真实存在的日期和时间',
  'must be in years 1-9999': '年份须在 1 到 9999 之间',
  'unknown time zone': '未知的时区',
  'must be an IANA time zone such as Asia/Shanghai': '须为 IANA 时区，例如 Asia/Shanghai',
  'must be a list of local times': '须为本地时间的列表',
  'must be an RRULE value such as FREQ=WEEKLY': '须为 RRULE 规则，例如 FREQ=WEEKLY',
  'is required when no template is given': '未指定模板时必须填写',
  'an event needs at least one slot': '活动至少需要一个岗位',
  'must be in the future': '必须是将来的时间',
  'the occurrence has already started': '该场次已经开始',
  'another occurrence starts at that time': '该活动的另一场次在此时间开始',
  'the first occurrence must not have ended': '第一场次不能已经结束',
  'must not be before from': '不能早于 from',
  'must not be before the check-in': '不能早于签到时间',
  'is not a cursor from a previous page': '不是上一页给出的游标',
  'must be percent-encoded ASCII': '须使用百分号编码的 ASCII 字符',
  'must be an RFC 3339 instant with offset': '须为带时区偏移的 RFC 3339 时间',
  'no such unit': '没有此单位',
  'the rule produces no occurrence from the start: calendar programs would disagree on the start; drop the rule or change it':
    '从开始时间起重复规则不产生任何场次，各日历程序对开始时间的理解会不一致：请删除或修改规则',
  'The shift has not started: a no-show is recorded once it has':
    '班次尚未开始：开始后才能登记缺席',
  'Attendance is recorded when it happens, not ahead of time': '出勤须在发生时登记，不能提前登记',
  // Details.
  'The server is shutting down': '服务器正在关闭',
  'Request body is too large': '请求体过大',
  'The request is not valid': '请求内容有误',
  'The schedule is not valid': '日程安排有误',
  'The body is not valid JSON': '请求体不是有效的 JSON',
  'Send application/json (UTF-8) request bodies': '请求体须为 application/json（UTF-8）',
  'The request line or a header is malformed: percent-encode non-ASCII characters in the URL':
    '请求行或请求头格式有误：URL 中的非 ASCII 字符须使用百分号编码',
  'Unknown or revoked token': '令牌未知或已撤销',
  'Add ?key=<feed key> to the feed URL': '请在订阅地址后加上 ?key=<订阅密钥>',
  'Unknown feed key': '订阅密钥无效',
  'You may only sign up yourself': '您只能为自己报名',
  'You may not revoke this token': '您无权撤销此令牌',
  'This shift is cancelled': '该班次已取消',
  'The shift is cancelled': '该班次已取消',
  'Signup for this shift is not open yet': '该班次尚未开放报名',
  'Signup for this shift has closed': '该班次的报名已截止',
  'Signup closed when the shift started': '班次开始时报名已截止',
  'Already signed up for this shift': '已报名该班次',
  'The event is not published': '活动尚未发布',
  'The event is cancelled': '活动已取消',
  'A cancelled event cannot be changed': '已取消的活动不能修改',
  'A cancelled event cannot be edited': '已取消的活动不能编辑',
  'A cancelled event cannot be published': '已取消的活动不能发布',
  'A cancelled occurrence cannot be moved': '已取消的场次不能改期',
  'Only a confirmed signup has attendance': '只有已确认的报名才能登记出勤',
  'Already checked in': '已签到',
  'Marked as no-show': '已登记为缺席',
  'Not checked in': '尚未签到',
  'Check-out is before check-in': '签退时间早于签到时间',
  'The occurrence has already started': '该场次已经开始',
  'The event is over: nothing is left to publish': '活动已结束，没有可发布的内容',
  'The shift has started: its signups are kept; record attendance or a no-show instead':
    '班次已开始，报名记录予以保留：请改为登记签到、签退或缺席',
  'The person already holds a place in this slot on this occurrence: cancel it first':
    '此人在本场次的该岗位已有名额：请先取消原有预约',
  'The person already holds a confirmed volunteer shift at an overlapping time':
    '此人已有时间重叠的已确认志愿班次',
  'The shift is full': '该班次已满',
  'No such resource': '没有此资源',
  'A request with this Idempotency-Key is still running': '使用此 Idempotency-Key 的请求仍在处理中',
  'This Idempotency-Key was already used with a different request':
    '此 Idempotency-Key 已用于另一个请求',
};

type Pattern = readonly [RegExp, (...groups: string[]) => string];

/** Texts that carry values, and how each reads in Chinese. */
const patternsZh: readonly Pattern[] = [
  [/^must be at least (-?\d+)$/, (n) => `不能小于 ${n}`],
  [/^must be at most (\d+) days after from$/, (n) => `不能晚于 from 之后 ${n} 天`],
  [/^must be at most (-?\d+)$/, (n) => `不能大于 ${n}`],
  [/^must hold at most (\d+) dates$/, (n) => `最多 ${n} 个日期`],
  [/^duplicate slot key "(.*)"$/, (key) => `岗位键"${key}"重复`],
  [/^must not exceed capacity \((\d+)\)$/, (n) => `不能超过名额（${n}）`],
  [/^must be at least minAge \((\d+)\)$/, (n) => `不能小于 minAge（${n}）`],
  [/^must be at least companionMinAge \((\d+)\)$/, (n) => `不能小于 companionMinAge（${n}）`],
  [
    /^the slot ends after the occurrence \(offset (\d+) \+ duration (\d+) > (\d+) minutes\)$/,
    (o, d, total) => `岗位结束时间晚于场次结束（偏移 ${o} + 时长 ${d} > ${total} 分钟）`,
  ],
  [
    /^the rule does not produce the start: its first occurrence is (\S+): start there$/,
    (at) => `重复规则不会产生该开始时间：规则的第一次是 ${at}，请从那时开始`,
  ],
  [/^must be a whole number of minutes from 1 to (\d+)$/, (n) => `须为 1 到 ${n} 之间的整数分钟`],
  [/^No route (\S+) (.*)$/, (method, path) => `没有此接口：${method} ${path}`],
  [/^No resource at (.*)$/, (path) => `此地址没有资源：${path}`],
  [/^No ([a-z -]+?) (\S+)$/, (what, id) => `没有 id 为 ${id} 的${noun(what)}`],
  [
    /^(Unit|Person|Event|Occurrence|Shift|Signup|Token|Resource) (\S+) does not exist$/,
    (what, id) => `没有 id 为 ${id} 的${noun(what)}`,
  ],
  [/^The occurrence at (\S+) has already ended$/, (at) => `${at} 的场次已经结束`],
  [/^(\S+) has already passed$/, (at) => `${at} 已经过去`],
  [/^Another occurrence of the event starts at (\S+)$/, (at) => `该活动的另一场次在 ${at} 开始`],
  [/^Overlaps your confirmed shift "(.*)"$/, (name) => `与您已确认的班次"${name}"时间重叠`],
  [/^Overlaps (.*)$/, (what) => `与 ${what} 时间重叠`],
  [
    /^(\d+) of (\d+) seats left, (\d+) asked$/,
    (left, total, asked) => `共 ${total} 个名额，剩余 ${left} 个，需要 ${asked} 个`,
  ],
  [
    /^Capacity (\d+) is below the (\d+) seats taken$/,
    (c, taken) => `名额 ${c} 少于已占用的 ${taken} 个`,
  ],
  [
    /^a party of (\d+) is more than the (\d+) this slot allows$/,
    (n, max) => `${n} 人同行超过了该岗位允许的 ${max} 人`,
  ],
  [/^requires the qualification (.*)$/, (tags) => `需要资质：${tags}`],
  [
    /^(the person|companion \d+ \(.*\)) needs a birth date: this slot has an age limit$/,
    (who) =>
      `${who === 'the person' ? '此人' : who.replace(/^companion (\d+)/, '同行人 $1')}需要填写出生日期：该岗位有年龄限制`,
  ],
  [
    /^(the person|companion \d+ \(.*\)) must be at least (\d+) \(is (\d+)\)$/,
    (who, min, age) =>
      `${who === 'the person' ? '此人' : who.replace(/^companion (\d+)/, '同行人 $1')}须年满 ${min} 岁（现为 ${age} 岁）`,
  ],
  [
    /^(the person|companion \d+ \(.*\)) must be at most (\d+) \(is (\d+)\)$/,
    (who, max, age) =>
      `${who === 'the person' ? '此人' : who.replace(/^companion (\d+)/, '同行人 $1')}须不超过 ${max} 岁（现为 ${age} 岁）`,
  ],
  [/^Version (\S+) is not the current version (\S+)$/, (a, b) => `版本 ${a} 不是当前版本 ${b}`],
  [
    /^Event (\S+) is at version (\S+), not (\S+)$/,
    (id, current, given) => `活动 ${id} 的当前版本是 ${current}，不是 ${given}`,
  ],
  [
    /^must be within (\d+) minutes of the shift \((\S+) to (\S+)\)$/,
    (n, from, to) => `须在班次前后 ${n} 分钟之内（${from} 至 ${to}）`,
  ],
  [/^at: (.*)$/, (message) => `at: ${messageZh(message) ?? message}`],
  [/^More than (\d+) requests in flight$/, (n) => `正在处理的请求超过 ${n} 个`],
  // Issue 10: cross-unit enrolment, outages.
  [/^You do not organize the unit of person (\S+)$/, (id) => `您不负责人员 ${id} 所在的单位`],
  [/^The (pglite|postgres) database does not answer$/, (kind) => `${kind} 数据库无响应`],
  // Resources (core's describeResourceConflicts and describeBookingsInTheWay write these).
  [
    /^(.+): (\d+) wanted at (\S+), (\d+) free(?:; held by (.*?))?(?: \(and (\d+) more\))?$/,
    (name, wanted, at, free, holders, more) =>
      `${name}：${at} 需要 ${wanted} 台，仅剩 ${free} 台空闲` +
      (holders ? `，已被${quotedZh(holders)}占用` : '') +
      (more ? `（另有 ${more} 处冲突）` : ''),
  ],
  [
    /^(\d+) future booking\(s\) would no longer fit: (.*)$/,
    (n, titles) => `有 ${n} 项未来的预订将无法满足：${quotedZh(titles)}`,
  ],
  [/^no resource (\S+)$/, (id) => `没有 id 为 ${id} 的物资`],
  [/^resource (\S+) is asked for twice$/, (id) => `物资 ${id} 重复申请`],
  [
    /^the booking must lie inside the occurrence \(offset (\d+) \+ duration (-?\d+) > (\d+) minutes\)$/,
    (o, d, total) => `预订须在场次之内（偏移 ${o} + 时长 ${d} > ${total} 分钟）`,
  ],
  [
    /^Resource (\S+) is at version (\S+), not (\S+)$/,
    (id, current, given) => `物资 ${id} 的当前版本是 ${current}，不是 ${given}`,
  ],
];

/** `"a", "b"` (English quotes, comma list) as `“a”、“b”`. */
function quotedZh(list: string): string {
  return list.replace(/"([^"]*)"/g, '“$1”').replace(/”, “/g, '”、“');
}

/**
 * The Chinese of one English message Rota writes, or undefined when the table lacks it.
 *
 * @example
 * messageZh('unknown field') // '未知字段'
 * messageZh('must be at least 3') // '不能小于 3'
 */
export function messageZh(text: string): string | undefined {
  const exact = exactZh[text];
  if (exact !== undefined) return exact;
  for (const [pattern, render] of patternsZh) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1));
  }
  return undefined;
}

/** The roster CSV's column headers in Chinese (the English ones are the column keys). */
export const rosterHeadersZh: Readonly<Record<string, string>> = {
  name: '姓名',
  phone: '电话',
  status: '状态',
  waitlist_position: '候补顺位',
  seats: '人数',
  companions: '同行人',
  note: '备注',
  signed_up_at: '报名时间',
  checked_in_at: '签到时间',
  checked_out_at: '签退时间',
  no_show: '缺席',
  signup_id: '报名编号',
  person_id: '人员编号',
};
