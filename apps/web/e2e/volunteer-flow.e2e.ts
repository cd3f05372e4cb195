// The volunteer's flow of issue 14, end to end in a real browser (Debian's Chromium) on a
// phone viewport, once in each language: open a sign-in link, find the elderly class and be
// refused as too young in plain words, sign a family up for the parent-child activity and be
// waitlisted at position 1, see the family confirmed after someone cancels through the API,
// cancel, and fetch the calendar feed. axe-core checks every page (no serious or critical
// violation). With ROTA_SCREENSHOTS=docs the zh-CN run writes the guide's screenshots.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, PHONE } from './browser.ts';
import { checkA11y } from './check-a11y.ts';
import { admin, type RotaServer, startRotaServer } from './rota-server.ts';

const SCREENSHOTS = process.env.ROTA_SCREENSHOTS === 'docs';
const SHOT_DIR = new URL('../../../docs/images/volunteer-guide/', import.meta.url).pathname;

interface Words {
  find: string;
  everywhere: string;
  kind: string;
  elderly: string;
  parentChild: string;
  tooYoungCard: RegExp;
  tooYoungRefusal: RegExp;
  signUp: RegExp;
  joinWaitlist: RegExp;
  withCompanions: string;
  addCompanion: string;
  name: string;
  birthDate: string;
  submit: string;
  waitlisted: RegExp;
  mySignups: string;
  upcoming: RegExp;
  confirmed: string;
  cancel: string;
  cancelOk: string;
  cancelled: string;
  getCalendarLink: string;
  myHours: string;
  hoursTitle: string;
  back: string;
}

const words: Record<'zh-CN' | 'en', Words> = {
  'zh-CN': {
    find: '找活动',
    everywhere: '全部',
    kind: '活动类型',
    elderly: '老年课堂',
    parentChild: '亲子活动',
    tooYoungCard: /您不能报名：年龄未满 60 岁/,
    tooYoungRefusal: /年龄不符合要求：这个活动要求年满 60 岁/,
    signUp: /^报名/,
    joinWaitlist: /^报名候补/,
    withCompanions: '我和家人/同行人一起',
    addCompanion: '添加同行人',
    name: '姓名',
    birthDate: '出生日期',
    submit: '确认报名',
    waitlisted: /您在候补名单第 1 位/,
    mySignups: '我的报名',
    upcoming: /即将参加 \(\d+\)/,
    confirmed: '已确认',
    cancel: '取消报名',
    cancelOk: '确定取消',
    cancelled: '已取消报名',
    getCalendarLink: '获取我的日历链接',
    myHours: '服务时长',
    hoursTitle: '服务时长',
    back: '返回',
  },
  en: {
    find: 'Find a shift',
    everywhere: 'Everywhere',
    kind: 'Kind of activity',
    elderly: 'Elderly class',
    parentChild: 'Parent-child activity',
    tooYoungCard: /You cannot sign up: you must be at least 60/,
    tooYoungRefusal: /Not old enough: this activity is for people aged 60 and over/,
    signUp: /^Sign up/,
    joinWaitlist: /^Join the waiting list/,
    withCompanions: 'Me and my family or companions',
    addCompanion: 'Add a companion',
    name: 'Name',
    birthDate: 'Date of birth',
    submit: 'Confirm signup',
    waitlisted: /You are number 1 on the waiting list/,
    mySignups: 'My signups',
    upcoming: /Coming up \(\d+\)/,
    confirmed: 'Confirmed',
    cancel: 'Cancel signup',
    cancelOk: 'Yes, cancel it',
    cancelled: 'Signup cancelled',
    getCalendarLink: 'Get my calendar link',
    myHours: 'My hours',
    hoursTitle: 'My hours',
    back: 'Back',
  },
};

let server: RotaServer;
let browser: Browser;

before(async () => {
  // One after the other: a server that fails to start leaves no browser behind.
  server = await startRotaServer();
  browser = await launchChromium();
  if (SCREENSHOTS) await mkdir(SHOT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

interface Shift {
  id: string;
  slotKey: string;
  seatsTaken: number;
  event: { title: string; kind: string };
}
interface RosterEntry {
  id: string;
  seats: number;
  status: string;
  person: { name: string };
}

/** The parent-child family seats: full, with nobody waiting (so that we wait at position 1). */
async function arrangeFamilySeats(): Promise<Shift> {
  const page = await admin<{ items: Shift[] }>(
    server,
    'GET',
    '/v1/shifts?kind=parent_child&limit=50',
  );
  const family = page.items.find((s) => s.slotKey === 'family');
  assert.ok(family, 'the demo has family seats');
  const { items: roster } = await admin<{ items: RosterEntry[] }>(
    server,
    'GET',
    `/v1/shifts/${family.id}/roster`,
  );
  // Nobody waiting, and no place of 李娜's left from an earlier run.
  const stale = (e: RosterEntry) =>
    e.status === 'waitlisted' || (e.status === 'confirmed' && e.person.name === '李娜');
  for (const entry of roster.filter(stale)) {
    await admin(server, 'DELETE', `/v1/signups/${entry.id}`);
  }
  const fresh = await admin<Shift>(server, 'GET', `/v1/shifts/${family.id}`);
  await admin(server, 'PATCH', `/v1/shifts/${family.id}`, { capacity: fresh.seatsTaken });
  return family;
}

async function shot(page: Page, language: string, name: string): Promise<void> {
  if (SCREENSHOTS && language === 'zh-CN') {
    await page.screenshot({ path: `${SHOT_DIR}${name}.png` });
  }
}

for (const language of ['zh-CN', 'en'] as const) {
  test(`a volunteer signs up from a phone (${language})`, async () => {
    const w = words[language];
    const family = await arrangeFamilySeats();
    // The banner's link for the first run; the organizer's (here the admin's) new one next.
    const link =
      language === 'zh-CN'
        ? new URL(server.volunteerLink).pathname + new URL(server.volunteerLink).hash
        : (
            await admin<{ url: string }>(server, 'POST', '/v1/sign-in-links', {
              personId: server.volunteerPersonId,
            })
          ).url;
    const context = await browser.newContext({ ...PHONE, locale: language });
    await context.addInitScript((lang) => {
      if (!localStorage.getItem('rota.language')) localStorage.setItem('rota.language', lang);
    }, language);
    const page = await context.newPage();
    try {
      // Not signed in yet: the page says how to get a link.
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 2 }).waitFor();
      await checkA11y(page, 'not signed in');

      // 1. The sign-in link: one exchange, then "Find a shift"; the code leaves the address bar.
      await page.goto(`${server.url}${link}`);
      await page.getByRole('heading', { name: w.find, level: 2 }).waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the code is gone from the address bar');
      await page.locator('article').first().waitFor();
      await checkA11y(page, 'find a shift');
      await shot(page, language, '1-find-a-shift');

      // 2. The elderly class, everywhere: the card says why not, the signup is refused.
      await page.locator('label').filter({ hasText: w.everywhere }).click();
      await page.getByLabel(w.kind).selectOption({ label: w.elderly });
      const seat = page.locator('article').filter({ hasText: '听课座位' }).first();
      await seat.waitFor();
      await seat.getByText(w.tooYoungCard).waitFor();
      await shot(page, language, '2-why-not-eligible');
      await seat.getByRole('button', { name: w.signUp }).click();
      await page.getByRole('button', { name: w.submit }).click();
      const refusal = page.getByRole('alert').filter({ hasText: w.tooYoungRefusal });
      await refusal.waitFor();
      await checkA11y(page, 'sign up, refused');
      await shot(page, language, '3-refused-too-young');

      // 3. The family, to the parent-child activity: full, so waitlisted at position 1.
      await page.goBack();
      await page.getByRole('heading', { name: w.find, level: 2 }).waitFor();
      await page.locator('label').filter({ hasText: w.everywhere }).click();
      await page.getByLabel(w.kind).selectOption({ label: w.parentChild });
      const seats = page.locator('article').filter({ hasText: '家庭席位' }).first();
      await seats.getByRole('button', { name: w.joinWaitlist }).click();
      await page.locator('label').filter({ hasText: w.withCompanions }).click();
      const names = page.getByLabel(w.name);
      const births = page.getByLabel(w.birthDate);
      await names.nth(0).fill('张小雨');
      await births.nth(0).fill('2018-06-01');
      await page.getByRole('button', { name: w.addCompanion }).click();
      await names.nth(1).fill('张小川');
      await births.nth(1).fill('2020-09-15');
      await checkA11y(page, 'sign up with companions');
      await shot(page, language, '4-sign-up-family');
      await page.getByRole('button', { name: w.submit }).click();
      await page.getByRole('heading', { name: w.waitlisted }).waitFor();
      await checkA11y(page, 'waitlisted');
      await shot(page, language, '5-waitlisted');

      // 4. Someone cancels through the API: the family moves up and is confirmed.
      const { items: roster } = await admin<{ items: RosterEntry[] }>(
        server,
        'GET',
        `/v1/shifts/${family.id}/roster`,
      );
      const leaving = roster.find((e) => e.status === 'confirmed' && e.seats >= 3);
      assert.ok(leaving, 'a confirmed family of 3 or more to cancel');
      await admin(server, 'DELETE', `/v1/signups/${leaving.id}`);
      await page.getByRole('link', { name: w.mySignups }).click();
      const upcoming = page.locator('section').filter({
        has: page.getByRole('heading', { name: w.upcoming }),
      });
      const mine = upcoming.locator('article').filter({ hasText: '亲子活动' });
      await mine.getByText(w.confirmed).waitFor({ timeout: 30_000 });
      await checkA11y(page, 'my signups');
      await shot(page, language, '6-my-signups');

      // 5. The volunteer cancels, after a confirmation.
      await mine.getByRole('button', { name: w.cancel }).click();
      await page.getByRole('button', { name: w.cancelOk }).click();
      await page.getByText(w.cancelled).waitFor();
      await mine.waitFor({ state: 'detached' });

      // 6. The calendar link (made on request: only its hash is stored) serves a feed.
      await page.getByRole('button', { name: w.getCalendarLink }).click();
      await page.getByTestId('feed-link').waitFor();
      const feedHref = await page.getByTestId('feed-link').getAttribute('href');
      assert.ok(feedHref, 'a feed link');
      const feed = await page.request.get(`${server.url}${feedHref}`);
      assert.equal(feed.status(), 200);
      assert.match(feed.headers()['content-type'] ?? '', /^text\/calendar/);
      assert.match(await feed.text(), /^BEGIN:VCALENDAR/);

      // 7. My hours.
      await page.getByRole('link', { name: w.myHours }).click();
      await page.getByRole('heading', { name: w.hoursTitle, level: 2 }).waitFor();
      await checkA11y(page, 'my hours');
      await shot(page, language, '7-my-hours');

      // 8. A used link gets a plain answer.
      await page.goto(`${server.url}${link}`);
      await page.getByRole('button', { name: w.back }).waitFor();
      await checkA11y(page, 'used sign-in link');
    } catch (error) {
      await page.screenshot({ path: `/tmp/rota-e2e-failure-${language}.png` }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
}
