// Errors in Chinese (issue 11, item 12): every code has a Chinese title, the locale follows
// Accept-Language, and the message table translates what the API writes.
import t from 'tap';
import {
  errorCatalog,
  errorTitle,
  errorTitlesZh,
  localizeError,
  messageZh,
  pickLocale,
} from '../src/index.ts';

t.test('every error code has a Chinese title', async (t) => {
  for (const code of Object.keys(errorCatalog) as (keyof typeof errorCatalog)[]) {
    t.match(errorTitlesZh[code], /[\u4e00-\u9fff]/, code);
    t.equal(errorTitle(code, 'en'), errorCatalog[code].title);
  }
});

t.test('the locale follows Accept-Language', async (t) => {
  const cases: [string | undefined, string][] = [
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['en;q=0.5, zh;q=0.9', 'zh-CN'],
    ['zh;q=0, en', 'en'],
    ['fr-FR', 'en'],
    ['fr-FR, zh;q=0.3', 'zh-CN'],
  ];
  for (const [header, locale] of cases) t.equal(pickLocale(header), locale, String(header));
  t.equal(pickLocale('fr', 'zh-CN'), 'zh-CN', 'the fallback when neither is named');
});

t.test('messages and details in Chinese', async (t) => {
  t.equal(messageZh('unknown field'), '未知字段');
  t.equal(messageZh('must be at least 3'), '不能小于 3');
  t.equal(messageZh('No shift abc'), '没有 id 为 abc 的班次');
  t.equal(messageZh('Signup 12 does not exist'), '没有 id 为 12 的报名');
  t.equal(messageZh('the person must be at least 60 (is 56)'), '此人须年满 60 岁（现为 56 岁）');
  t.equal(messageZh('nothing like this'), undefined);

  const fields = localizeError(
    {
      code: 'validation_failed',
      detail: 'colour: unknown field; slots.0.key: duplicate slot key "a"',
      errors: [
        { path: 'colour', message: 'unknown field' },
        { path: 'slots.0.key', message: 'duplicate slot key "a"' },
      ],
    },
    'zh-CN',
  );
  t.same(fields, {
    title: '请求内容有误',
    detail: 'colour: 未知字段; slots.0.key: 岗位键"a"重复',
    errors: [
      { path: 'colour', message: '未知字段' },
      { path: 'slots.0.key', message: '岗位键"a"重复' },
    ],
  });
  const unknown = localizeError({ code: 'shift_full', detail: 'Something new' }, 'zh-CN');
  t.equal(unknown.detail, '该班次已满', 'an untranslated detail reads as the Chinese title');
  const english = localizeError({ code: 'shift_full', detail: 'Something new' }, 'en');
  t.same(english, { title: 'The shift is full', detail: 'Something new', errors: undefined });
});
