// What may be shown to the public: no phone number and no identity card number in any text of a public item.

// Mainland mobiles (11 digits from 13–19), landlines with an area code (0xx-xxxxxxx), and 18- or 15-digit identity
// numbers, none of them inside a longer run of digits. Spaces or dashes inside a mobile number are caught too.
const MOBILE = /(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/;
const LANDLINE = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/;
const ID_18 = /(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/;
const ID_15 = /(?<!\d)\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)/;

export function personalDataProblems(fields: { label: string; text: string }[]): string[] {
  const problems: string[] = [];
  for (const { label, text } of fields) {
    if (ID_18.test(text) || ID_15.test(text)) problems.push(`${label}中含有身份证号码，不能公开，请删除后再标记公开`);
    else if (MOBILE.test(text) || LANDLINE.test(text)) problems.push(`${label}中含有电话号码，不能公开，请删除后再标记公开`);
  }
  return problems;
}
