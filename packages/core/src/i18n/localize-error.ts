import { type ErrorCode, errorCatalog } from '../errors/error-catalog.ts';
import type { FieldError } from '../errors/rota-error.ts';
import { errorTitlesZh } from './error-titles.ts';
import type { Locale } from './locale.ts';
import { messageZh } from './messages-zh.ts';

/**
 * The title of an error code in `locale`.
 *
 * @example
 * errorTitle('shift_full', 'zh-CN') // '该班次已满'
 */
export function errorTitle(code: ErrorCode, locale: Locale): string {
  const english = errorCatalog[code]?.title ?? code;
  return locale === 'zh-CN' ? (errorTitlesZh[code] ?? english) : english;
}

/**
 * One English message (a field's, or a detail) in `locale`; English when the Chinese table
 * lacks it.
 */
export function localizeMessage(text: string, locale: Locale): string {
  if (locale === 'en') return text;
  return messageZh(text) ?? text;
}

const joinFields = (errors: readonly FieldError[]): string =>
  errors.map((error) => `${error.path}: ${error.message}`).join('; ');

/**
 * An error's title, detail and field errors in `locale`. In Chinese, a detail that lists the
 * fields (`path: message; ...`) is rebuilt from the translated fields; any other detail is
 * translated through the table, or replaced by the code's title when the table lacks it (a
 * Chinese reader gets Chinese; `code` and `errors[].path` stay the same in every language).
 *
 * @example
 * localizeError({ code: 'not_found', detail: 'No shift s1' }, 'zh-CN');
 * // { title: '未找到', detail: '没有 id 为 s1 的班次', errors: undefined }
 */
export function localizeError(
  error: { code: ErrorCode; detail: string; errors?: readonly FieldError[] | undefined },
  locale: Locale,
): { title: string; detail: string; errors: FieldError[] | undefined } {
  const title = errorTitle(error.code, locale);
  if (locale === 'en') {
    return { title, detail: error.detail, errors: error.errors ? [...error.errors] : undefined };
  }
  const errors = error.errors?.map((field) => ({
    path: field.path,
    message: localizeMessage(field.message, locale),
  }));
  let detail: string | undefined;
  if (error.errors && errors && error.detail === joinFields(error.errors)) {
    detail = joinFields(errors);
  } else {
    detail = messageZh(error.detail);
    // `path: message` with a message the table knows.
    const field = detail === undefined ? /^([\w.-]+): (.+)$/.exec(error.detail) : null;
    if (field) {
      const message = messageZh(field[2]!);
      if (message !== undefined) detail = `${field[1]}: ${message}`;
    }
  }
  return { title, detail: detail ?? title, errors };
}
