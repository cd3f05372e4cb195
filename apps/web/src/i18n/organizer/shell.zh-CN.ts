// The organizer area's frame: the menu, placeholders, "not found" (org.shell).
export const shellZhCN = {
  menuLabel: '组织者菜单',
  week: '本周',
  events: '活动',
  people: '人员',
  units: '组织',
  organizerOf: '{{unit}} · 组织者',
  admin: '系统管理员',
  placeholder: '这一部分正在建设中，现在可以通过 API 文档完成。',
  docs: '打开 API 文档',
  notFound: '没有这个页面',
  toWeek: '回到本周',
  volunteerTitle: '这里是组织者的页面',
  volunteerBody: '您以志愿者身份登录，可以在“找活动”里报名。',
  toFind: '去找活动',
};

export type ShellMessages = typeof shellZhCN;
