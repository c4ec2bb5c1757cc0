import { describe, expect, it } from "vitest";
import { fullCode, isWithin, parentCode, regionLevel, shortCode, villageKind } from "./regions";

describe("village kind by name (rule G1)", () => {
  it("counts 村民委员会 and 村委会 as administrative villages", () => {
    expect(villageKind("东留善固村民委员会", "130533100201")).toBe("village_committee");
    expect(villageKind("大营村委会", "130533100202")).toBe("village_committee");
  });
  it("lets the name win over 社区 inside it and over the code range", () => {
    expect(villageKind("东沟社区村民委员会", "130406001202")).toBe("village_committee");
    expect(villageKind("光明社区居民委员会", "130533100250")).toBe("residents_committee");
    expect(villageKind("某某村民委员会", "130533100010")).toBe("village_committee");
  });
  it("counts 居民委员会, 居委会 and bare 社区 as residents' committees", () => {
    expect(villageKind("多福巷社区居委会", "110101001001")).toBe("residents_committee");
    expect(villageKind("北方大学城社区", "130110500401")).toBe("residents_committee");
  });
  it("falls back to the code range only when the name says neither: 200–399 is a village", () => {
    expect(villageKind("某农场", "130209404199")).toBe("residents_committee");
    expect(villageKind("某农场", "130209404200")).toBe("village_committee");
    expect(villageKind("某农场", "130209404399")).toBe("village_committee");
    expect(villageKind("某农场", "130209404400")).toBe("residents_committee");
    expect(villageKind("小韩庄生产队", "130209408204")).toBe("village_committee");
  });
});

describe("division codes", () => {
  it("derives levels, parents and the 12-digit form", () => {
    expect(regionLevel("13")).toBe("province");
    expect(regionLevel("130533")).toBe("county");
    expect(regionLevel("130533100201")).toBe("village");
    expect(regionLevel("1305331")).toBeUndefined();
    expect(parentCode("130533100201")).toBe("130533100");
    expect(parentCode("130533")).toBe("1305");
    expect(parentCode("13")).toBeUndefined();
    expect(fullCode("130533")).toBe("130533000000");
    expect(shortCode("130533000000")).toBe("130533");
    expect(shortCode("130533100000")).toBe("130533100");
    expect(isWithin("130533100201", "130533")).toBe(true);
    expect(isWithin("130131", "130533")).toBe(false);
  });
});
