/** 我的数据: what the system holds about the user, its export, and 注销账号. */
export const MY_DATA_PAGE = '/subpackages/me/data/index';
