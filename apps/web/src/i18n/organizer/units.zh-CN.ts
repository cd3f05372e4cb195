// 组织 (Units): the tree of the organizer's subtree. Spread into the main catalog under
// `org.units`.
export const unitsZhCN = {
  title: '组织',
  intro: '您管理的单位及其所有下级单位。选中一个单位，可以添加下级单位，或为它生成组织者登录链接。',
  tree: '单位结构',
  empty: '没有单位。',
  selected: '选中的单位',
  chooseOne: '请在左侧选择一个单位。',
  kind: '类型',
  parent: '上级单位',
  children: '下级单位',
  childCount: '{{count}} 个',
  addChild: '添加下级单位',
  addChildOf: '在 {{name}} 下添加单位',
  organizerLink: '组织者登录链接',
  organizerLinkOf: '为 {{name}} 生成组织者登录链接',
  people: '查看人员',
  kinds: {
    district: '区',
    subdistrict: '街道',
    community: '社区',
    grid: '网格',
    organization: '单位/机构',
  },
  form: {
    name: '名称',
    kind: '类型',
    save: '添加',
    cancel: '取消',
    required: '请填写{{field}}',
    created: '已添加 {{name}}',
  },
};

export type UnitsMessages = typeof unitsZhCN;
