// The people pages' strings (org.people); a placeholder until that area's pages land.
export const peopleZhCN = {
  title: '人员',
};

export type PeopleMessages = typeof peopleZhCN;
