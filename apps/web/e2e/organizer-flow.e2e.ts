// The organizer's week of issue 15, end to end in a real browser (Debian's Chromium), in
// zh-CN: an organizer of 王家园社区 signs in with a link, looks a person up and gives them a
// sign-in link (QR), sees the unit tree, creates the weekly supervision (每周督办) from a
// template with one week skipped and one moved, publishes it, sees it understaffed on This
// week; a volunteer signs up from her phone in another browser context; the organizer checks
// her in at the door on a tablet (1024 × 768), exports the roster CSV (BOM, Chinese intact),
// cancels the week with a reason, and the volunteer's page shows it cancelled. axe-core checks
// every organizer page. With ROTA_SCREENSHOTS=docs it writes the organizer guide's pictures.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, PHONE } from './browser.ts';
import { checkA11y } from './check-a11y.ts';
import { admin, type RotaServer, startRotaServer } from './rota-server.ts';

const SCREENSHOTS = process.env.ROTA_SCREENSHOTS === 'docs';
const SHOT_DIR = new URL('../../../docs/images/organizer-guide/', import.meta.url).pathname;
const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
const TABLET = { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, hasTouch: true };
const TITLE = '每周督办';
const ZONE = 'Asia/Shanghai';

let server: RotaServer;
let browser: Browser;

before(async () => {
  server = await startRotaServer();
  browser = await launchChromium();
  if (SCREENSHOTS) await mkdir(SHOT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function shot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SHOT_DIR}${name}.png` });
}

/** A context in zh-CN (the app's default), on Beijing time, with the given screen. */
async function newContext(options: object): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, locale: 'zh-CN', timezoneId: ZONE });
  await context.addInitScript(() => localStorage.setItem('rota.language', 'zh-CN'));
  return context;
}

/** Wall-clock date and time in the zone: `{ date: '2026-12-07', time: '14:00' }`. */
function localParts(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first meeting starts at the next full hour at least 90 minutes away (in Beijing time):
 * close enough that the door's check-in is allowed (up to 4 hours ahead), far enough that the
 * volunteer can still sign up and the organizer can still cancel the date.
 */
function firstMeeting(): { date: string; time: string } {
  const at = new Date(Math.ceil((Date.now() + 90 * 60_000) / 3_600_000) * 3_600_000);
  return localParts(at, ZONE);
}

interface Shift {
  id: string;
  eventId: string;
  occurrenceId: string;
  start: string;
  seatsTaken: number;
  minNeeded: number;
  understaffed: boolean;
  event: { title: string };
}

async function supervisionShifts(): Promise<Shift[]> {
  const page = await admin<{ items: Shift[] }>(
    server,
    'GET',
    `/v1/shifts?unitId=${server.organizerUnitId}&limit=100`,
  );
  return page.items
    .filter((s) => s.event.title === TITLE)
    .sort((a, b) => a.start.localeCompare(b.start));
}

test('an organizer runs the week from the office PC and a tablet at the door (zh-CN)', async () => {
  const first = firstMeeting();
  const office = await newContext(DESKTOP);
  const page = await office.newPage();
  let phone: BrowserContext | undefined;
  let door: BrowserContext | undefined;
  try {
    // 1. The printed sign-in link: an organizer lands on This week.
    const link = new URL(server.organizerLink);
    await page.goto(`${server.url}${link.pathname}${link.hash}`);
    await page.getByRole('navigation', { name: '组织者菜单' }).waitFor();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await checkA11y(page, 'this week (before)');

    // 2. People: search by pinyin initials, see the tags in words, and a phone that is taken.
    const menu = page.getByRole('navigation', { name: '组织者菜单' });
    await menu.getByRole('link', { name: '人员' }).click();
    await page.getByRole('heading', { name: '人员', level: 2 }).waitFor();
    await page.getByLabel('搜索').fill('ln');
    const row = page.getByRole('row').filter({ hasText: '李娜' });
    await row.waitFor();
    await page.getByRole('row').filter({ hasText: '张建国' }).waitFor({ state: 'detached' });
    await checkA11y(page, 'people');
    await shot(page, '4-people-search');
    await page.getByLabel('搜索').fill('');
    await page.getByRole('button', { name: '添加人员' }).click();
    const addDialog = page.getByRole('dialog', { name: '添加人员' });
    await addDialog.getByLabel('姓名').fill('张伟');
    await addDialog.getByLabel('电话').fill('138 0352 0101');
    await addDialog.getByRole('button', { name: '保存' }).click();
    const duplicate = addDialog.getByRole('alert').filter({ hasText: '已登记给 李娜' });
    await duplicate.waitFor();
    await checkA11y(page, 'people: duplicate phone');
    await shot(page, '5-duplicate-person');
    // The existing person is one click away: that is who we meant.
    await duplicate.getByRole('link', { name: '查看 李娜' }).click();
    await page.getByRole('heading', { name: '李娜', level: 2 }).waitFor();

    // 3. A sign-in link for 李娜, shown as a QR code to scan at the desk.
    await page.getByRole('button', { name: '登录链接' }).click();
    const linkDialog = page.getByRole('dialog', { name: '李娜 的登录链接' });
    const linkField = linkDialog.getByLabel('登录链接');
    await linkField.waitFor();
    const volunteerLink = await linkField.inputValue();
    assert.match(volunteerLink, /\/sign-in#code=/);
    await checkA11y(page, 'person: sign-in link');
    await shot(page, '6-sign-in-link-qr');
    await linkDialog.getByRole('button', { name: '完成' }).click();

    // 4. Units: my community and its grids; an organizer link for a grid leader.
    await menu.getByRole('link', { name: '组织' }).click();
    const tree = page.getByRole('tree', { name: '单位结构' });
    await tree.waitFor();
    await tree.getByText('王家园社区第一网格', { exact: false }).click();
    await page.getByRole('heading', { name: '王家园社区第一网格', level: 3 }).waitFor();
    await checkA11y(page, 'units');
    await shot(page, '7-units');

    // 5. The weekly supervision: from a template, every week, one week skipped, one moved.
    await createSupervision(page, first);
    const shifts = await supervisionShifts();
    assert.equal(shifts.length, 3, 'four weeks, one skipped');
    const [week1, week2] = shifts;
    assert.ok(week1 && week2);
    // The second week moved a day later; the third is skipped (so three shifts of four weeks).
    assert.equal(
      localParts(new Date(week2.start), ZONE).date,
      addDays(first.date, 8),
      'the second week moved to the next day',
    );

    // 6. This week: the meeting is short of people.
    await page
      .getByRole('navigation', { name: '组织者菜单' })
      .getByRole('link', { name: '本周' })
      .click();
    const short = page.getByRole('region', { name: '人手不足' });
    await short.getByText(TITLE).first().waitFor();
    await checkA11y(page, 'this week');
    await shot(page, '3-this-week');

    // 7. 李娜 signs up from her phone with the link from step 3.
    phone = await newContext(PHONE);
    const mobile = await phone.newPage();
    await mobile.goto(volunteerLink);
    await mobile.getByRole('heading', { name: '找活动', level: 2 }).waitFor();
    const card = mobile.locator('article').filter({ hasText: TITLE }).first();
    await card.getByRole('button', { name: /^报名/ }).click();
    await mobile.getByRole('button', { name: '确认报名' }).click();
    await mobile.getByRole('heading', { name: '报名成功！' }).waitFor();

    // 8. At the door, on a tablet: check her in.
    door = await browser.newContext({
      ...TABLET,
      locale: 'zh-CN',
      timezoneId: ZONE,
      storageState: await office.storageState(),
    });
    const tablet = await door.newPage();
    await tablet.goto(`${server.url}/organizer/shifts/${encodeURIComponent(week1.id)}`);
    await checkIn(tablet, '李娜');
    await checkA11y(tablet, 'roster at the door');
    await shot(tablet, '8-roster-at-the-door');

    // 9. The roster as CSV: a BOM for Excel, the Chinese intact.
    const csv = await rosterCsv(tablet, week1.id);
    assert.equal(csv[0], 0xef);
    assert.equal(csv[1], 0xbb);
    assert.equal(csv[2], 0xbf);
    const text = new TextDecoder('utf-8').decode(csv.subarray(3));
    assert.match(text, /李娜/);

    // 10. The week is cancelled with a reason; 李娜's page says so.
    await cancelWeek(page, week1, '区里临时召开安全生产会议，本周督办暂停');
    await mobile.getByRole('link', { name: '我的报名' }).click();
    const cancelled = mobile.locator('section').filter({
      has: mobile.getByRole('heading', { name: /已取消的活动/ }),
    });
    await cancelled
      .locator('article')
      .filter({ hasText: TITLE })
      .getByText('这一场活动已取消')
      .waitFor();
    // The organizer's own words, whole, under it.
    await cancelled
      .locator('article')
      .filter({ hasText: TITLE })
      .getByText('社区留言：区里临时召开安全生产会议，本周督办暂停')
      .waitFor();
    await shot(mobile, '10-volunteer-sees-cancelled');
  } catch (error) {
    await page.screenshot({ path: '/tmp/rota-e2e-organizer-failure.png' }).catch(() => {});
    throw error;
  } finally {
    await door?.close();
    await phone?.close();
    await office.close();
  }
});

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * Step 5, on the Events pages: from the 志愿服务 template, a weekly meeting of four, the third
 * week skipped and the second moved a day later (both by clicking the preview), the slot
 * renamed with a target of 3 people, published.
 */
async function createSupervision(page: Page, first: { date: string; time: string }): Promise<void> {
  await page
    .getByRole('navigation', { name: '组织者菜单' })
    .getByRole('link', { name: '活动' })
    .click();
  await page.getByRole('button', { name: '新建活动' }).click();
  await page
    .getByRole('radiogroup', { name: '活动模板' })
    .getByText('志愿服务', { exact: true })
    .click();
  await page.getByLabel('活动名称').fill(TITLE);
  await page.getByLabel('开始日期').fill(first.date);
  await page.getByLabel('开始时间').fill(first.time);
  await page.getByLabel('每场时长（分钟）').fill('60');
  const weekday = WEEKDAYS[new Date(`${first.date}T12:00:00Z`).getUTCDay()]!;
  await page
    .getByRole('radiogroup', { name: '重复' })
    .getByText(`每${weekday}`, { exact: true })
    .click();
  await page.getByRole('radiogroup', { name: '结束' }).getByText('重复几次后结束').click();
  await page.getByLabel('次数').fill('4');
  await page.getByText(`每${weekday}`, { exact: false }).last().waitFor();
  const preview = page.getByRole('list', { name: '接下来的场次' });
  await preview.getByRole('listitem').nth(3).waitFor();
  // The third week is skipped: one click on its date.
  await preview.getByRole('listitem').nth(2).getByRole('button', { name: /^跳过/ }).click();
  // The second week moves a day later.
  const second = preview.getByRole('listitem').nth(1);
  await second.getByRole('button', { name: /^把 .* 改期$/ }).click();
  await second.getByLabel(/改到$/).fill(`${addDays(first.date, 8)}T${first.time}`);
  await second.getByRole('button', { name: '确定改期' }).click();
  await page.getByLabel('岗位名称', { exact: true }).first().fill('督办人员');
  await page.getByLabel('名额', { exact: true }).first().fill('6');
  await page.getByLabel('至少需要', { exact: true }).first().fill('3');
  await checkA11y(page, 'create an event');
  await shot(page, '1-create-from-template');
  await page.getByRole('button', { name: '保存并发布' }).click();
  await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
  await page.getByRole('table', { name: '各场次' }).getByRole('row').nth(3).waitFor();
  await checkA11y(page, 'the event');
  await shot(page, '2-event-published');
}

/** Step 8: the roster's check-in button for `name` (large, for a finger). */
async function checkIn(tablet: Page, name: string): Promise<void> {
  await tablet.getByRole('heading', { name: new RegExp(`^名单 · ${TITLE}`), level: 2 }).waitFor();
  await tablet.getByRole('button', { name: `签到：${name}` }).click();
  await tablet.getByText(`${name} 已签到。`).waitFor();
}

/** Step 9: the roster's "export CSV" link, downloaded as the browser would. */
async function rosterCsv(tablet: Page, _shiftId: string): Promise<Buffer> {
  const [download] = await Promise.all([
    tablet.waitForEvent('download'),
    tablet.getByRole('link', { name: /导出 CSV/ }).click(),
  ]);
  const path = await download.path();
  assert.ok(path, 'the CSV was saved');
  return readFile(path);
}

/** Step 10: the event page's "cancel this date", with a reason. */
async function cancelWeek(page: Page, shift: Shift, reason: string): Promise<void> {
  await page.goto(`${server.url}/organizer/events/${encodeURIComponent(shift.eventId)}`);
  const occurrences = page.getByRole('table', { name: '各场次' });
  // The first date (rows: the header, then the dates in order).
  await occurrences.getByRole('row').nth(1).getByRole('button', { name: /取消/ }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '取消原因' });
  await dialog.getByLabel('取消原因').fill(reason);
  await checkA11y(page, 'cancel a date');
  await shot(page, '9-cancel-a-date');
  await dialog.getByRole('button', { name: '确认取消这一场' }).click();
  await occurrences.getByText(reason).waitFor();
}
