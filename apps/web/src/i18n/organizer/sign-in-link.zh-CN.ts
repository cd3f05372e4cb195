// 登录链接: the dialog that creates a one-time sign-in link and shows it as a QR code (People
// and Units use it). Spread into the main catalog under `org.signInLink`.
export const signInLinkZhCN = {
  titlePerson: '{{name}} 的登录链接',
  titleUnit: '{{name}} 的组织者登录链接',
  creating: '正在生成登录链接…',
  helpPerson: '请 {{name}} 用手机扫描二维码，或把链接发给 TA。链接只能用一次，{{expires}} 前有效。',
  helpUnit:
    '打开这个链接的人将以“{{name}}”组织者的身份登录，可以管理该单位及其下级的活动和人员。链接只能用一次，{{expires}} 前有效。',
  qr: '登录二维码',
  url: '登录链接',
  copy: '复制链接',
  copied: '已复制',
  close: '完成',
  again: '再生成一个',
};

export type SignInLinkMessages = typeof signInLinkZhCN;
