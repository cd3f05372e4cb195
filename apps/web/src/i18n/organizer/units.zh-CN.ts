// The units pages' strings (org.units); a placeholder until that area's pages land.
export const unitsZhCN = {
  title: '组织',
};

export type UnitsMessages = typeof unitsZhCN;
