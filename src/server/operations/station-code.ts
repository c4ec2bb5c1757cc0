/** 站点编号: the county's own station number, the key of every operations row within a county. */
import type { ParseResult } from "../../rules/money";

export const STATION_CODE_MAX = 50;

export function parseStationCode(text: string): ParseResult<string> {
  const code = text.trim(); // as the 站点 sheet stores it: no folding, so the codes match
  if (code === "" || code.length > STATION_CODE_MAX || /[\p{Cc}]/u.test(code)) {
    return {
      ok: false,
      reason: {
        zh: `站点编号不能为空，且不超过${STATION_CODE_MAX}个字符`,
        en: `站点编号 is required, at most ${STATION_CODE_MAX} characters`,
      },
    };
  }
  return { ok: true, value: code };
}
