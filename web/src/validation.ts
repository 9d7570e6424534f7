// Form rules shared by several pages; the server checks the same things.
export const PHONE_RULE = { pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: '请输入 11 位手机号或带区号的固定电话' };
export const UNIT_CODE_RULE = { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: '编码只能由字母、数字、下划线或短横线组成，最多 32 位' };
export const USERNAME_RULE = { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: '账号须以字母开头，由 3–32 位字母、数字、下划线、点或短横线组成' };
