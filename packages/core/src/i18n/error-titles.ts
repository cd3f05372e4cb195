import type { ErrorCode } from '../errors/error-catalog.ts';

/**
 * The Chinese title of each error code (the English one is in the error catalog). A code
 * without one here answers its English title; a test lists every code that lacks it.
 */
export const errorTitlesZh: Partial<Record<ErrorCode, string>> = {
  validation_failed: '请求内容有误',
  unauthorized: '需要有效的访问令牌',
  invalid_sign_in_code: '此登录链接无法使用',
  forbidden: '您无权进行此操作',
  csrf_failed: '已登录浏览器的请求缺少 CSRF 请求头',
  not_found: '未找到',
  shift_full: '该班次已满',
  already_signed_up: '已报名该班次',
  schedule_conflict: '与已确认的另一班次时间重叠',
  shift_cancelled: '该班次已取消',
  capacity_below_taken: '名额少于已占用的人数',
  idempotency_key_in_flight: '使用此 Idempotency-Key 的请求仍在处理中',
  invalid_state: '当前状态下无法进行此操作',
  resource_conflict: '该物资已被预订',
  occurrence_taken: '该活动的另一场次已在此时间',
  one_per_occurrence: '此人在本场次的该岗位已有一个名额',
  duplicate_person: '已有人使用此手机号',
  version_conflict: '该资源在您读取后已被修改',
  payload_too_large: '请求体过大',
  unsupported_media_type: '不支持的内容类型',
  ineligible: '不符合该班次的报名条件',
  signup_closed: '该班次的报名已关闭',
  in_the_past: '该时间已经过去',
  not_yet: '该时间尚未到来',
  idempotency_key_reused: '此 Idempotency-Key 已用于另一个请求',
  rate_limited: '请求过于频繁',
  internal_error: '服务器内部出错',
  overloaded: '服务器繁忙，请稍后再试',
  database_unavailable: '暂时无法连接数据库，请稍后再试',
  shutting_down: '服务器正在重启，请稍后再试',
};
